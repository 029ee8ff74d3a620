// Features 9 and 10: binary media types, compression, content handling, and mapping
// templates (inline or from files beside the stack config, sent exactly as written).

import { expect } from "chai";
import { apiConfig, build, ERROR_RESPONSES, buildProblems, configProblems, editApi, expectProblem, expectValidOpenApi, integration } from "./support";

const RESPONSE_VTL = '#set($body = $input.path("$"))\n{"id": "$body.id"}\n';

describe("OpenAPI builder: binary payloads and compression", () => {
    it("declares the binary media types and the compression threshold", () => {
        const built = build(apiConfig({ binaryMediaTypes: ["image/png", "application/pdf"], minimumCompressionSize: 1024 }));
        expect(built.document["x-amazon-apigateway-binary-media-types"]).to.deep.equal(["image/png", "application/pdf"]);
        expect(built.document["x-amazon-apigateway-minimum-compression-size"]).to.equal(1024);
        expect(build(apiConfig()).document).to.not.have.any.keys("x-amazon-apigateway-binary-media-types", "x-amazon-apigateway-minimum-compression-size");
    });

    it("refuses */* as a binary type unless forced", () => {
        expectProblem(
            configProblems(editApi((a) => (a.binaryMediaTypes = ["image/png", "*/*"]))),
            "gatevault:apis[0].binaryMediaTypes[1]",
            /\*\/\* makes every payload binary.*allowAnyBinaryMediaType: true/,
        );
        const forced = build(apiConfig({ binaryMediaTypes: ["*/*"], allowAnyBinaryMediaType: true, cors: { allowOrigins: ["https://a.example.com"] } }));
        expect(forced.document["x-amazon-apigateway-binary-media-types"]).to.deep.equal(["*/*"]);
        // The preflight keeps working under */* because it converts to text.
        expect(integration(forced, "/orders", "options").contentHandling).to.equal("CONVERT_TO_TEXT");
    });

    it("sets content handling per integration and per integration response", () => {
        const built = build(
            apiConfig({
                routes: [
                    {
                        path: "/files/{name}",
                        method: "GET",
                        integration: {
                            type: "HTTP",
                            uri: "https://files.example.com/{name}",
                            contentHandling: "CONVERT_TO_BINARY",
                            responses: [{ statusCode: "200", contentHandling: "CONVERT_TO_BINARY" }, ...ERROR_RESPONSES],
                        },
                    },
                ],
            }),
        );
        const ext = integration(built, "/files/{name}", "get");
        expect(ext.contentHandling).to.equal("CONVERT_TO_BINARY");
        expect(ext.responses.default.contentHandling).to.equal("CONVERT_TO_BINARY");
    });
});

describe("OpenAPI builder: mapping templates", () => {
    const api = apiConfig({
        routes: [
            {
                path: "/orders/{id}",
                method: "GET",
                integration: {
                    type: "HTTP",
                    uri: "https://backend.example.com/orders/{id}",
                    passthroughBehavior: "NEVER",
                    requestTemplates: { "application/json": '{"id": "$input.params(\'id\')"}' },
                    responses: [
                        { statusCode: "200", templates: { "application/json": { file: "mapping-templates/orders-get.response.vtl" } } },
                        { statusCode: "404", selectionPattern: "404", headers: { "X-Reason": "'not found'" } },
                        { statusCode: "400", selectionPattern: "40[0-35-9]|4[1-9]\\d" },
                        { statusCode: "502", selectionPattern: "5\\d{2}" },
                    ],
                },
            },
        ],
    });

    it("sends request and response templates per status code with the chosen passthrough, file text unchanged", async () => {
        const built = build(api, { files: { "mapping-templates/orders-get.response.vtl": RESPONSE_VTL } });
        const ext = integration(built, "/orders/{id}", "get");
        expect(ext.passthroughBehavior).to.equal("never");
        expect(ext.requestTemplates).to.deep.equal({ "application/json": '{"id": "$input.params(\'id\')"}' });
        expect(ext.responses).to.deep.equal({
            default: { statusCode: "200", responseTemplates: { "application/json": RESPONSE_VTL } },
            "404": { statusCode: "404", responseParameters: { "method.response.header.X-Reason": "'not found'" } },
            "40[0-35-9]|4[1-9]\\d": { statusCode: "400" },
            "5\\d{2}": { statusCode: "502" },
        });
        expect(Object.keys((built.document.paths as any)["/orders/{id}"].get.responses)).to.deep.equal(["200", "400", "404", "502"]);
        await expectValidOpenApi(built.document);
    });

    it("lists every template with its route and source, for template tests", () => {
        const built = build(api, { files: { "mapping-templates/orders-get.response.vtl": RESPONSE_VTL } });
        expect(built.templates).to.deep.equal([
            { route: "GET /orders/{id}", direction: "request", contentType: "application/json", text: '{"id": "$input.params(\'id\')"}' },
            {
                route: "GET /orders/{id}",
                direction: "response",
                contentType: "application/json",
                statusCode: "200",
                file: "mapping-templates/orders-get.response.vtl",
                text: RESPONSE_VTL,
            },
        ]);
    });

    it("reports a missing template file at the key path that names it", () => {
        expectProblem(
            buildProblems(api),
            "gatevault:apis[0].routes[0].integration.responses[0].templates.application/json.file",
            /file mapping-templates\/orders-get.response.vtl not found \(paths are relative to the project directory/,
        );
    });

    it("refuses template paths outside the project directory", () => {
        expectProblem(
            configProblems(editApi((a) => (a.routes[0].integration.requestTemplates = { "application/json": { file: "../secrets.vtl" } }))),
            "gatevault:apis[0].routes[0].integration.requestTemplates.application/json.file",
            /must be a path relative to the project directory, without \.\. segments/,
        );
    });
});
