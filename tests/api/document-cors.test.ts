// Feature 6: CORS preflight as a MOCK integration, origin matching, and CORS headers on
// API Gateway's own 4XX/5XX responses.

import { expect } from "chai";
import { renderVtl } from "../support/vtl";
import { apiConfig, build, configProblems, editApi, expectProblem, expectValidOpenApi, integration, operation } from "./support";

const routes = [
    { path: "/orders", method: "GET", integration: { type: "MOCK" } },
    { path: "/orders", method: "POST", integration: { type: "MOCK" } },
    { path: "/orders/{id}", method: "DELETE", integration: { type: "MOCK" } },
];

/** Runs the preflight's response template as API Gateway would, returning the overridden headers. */
function renderPreflight(template: string, origin?: string): Record<string, string> {
    const context = { responseOverride: { header: {} as Record<string, string> } };
    renderVtl(template, { params: { header: origin ? { origin } : {} }, context });
    return context.responseOverride.header;
}

describe("OpenAPI builder: CORS", () => {
    it("answers preflights on every path with a MOCK that converts to text and passes through explicitly", () => {
        const built = build(apiConfig({ routes, cors: { allowOrigins: ["https://shop.example.com"], maxAgeSeconds: 300 } }));
        for (const path of ["/orders", "/orders/{id}"]) {
            const preflight = integration(built, path, "options");
            expect(preflight).to.include({ type: "mock", passthroughBehavior: "when_no_match", contentHandling: "CONVERT_TO_TEXT" });
            expect(preflight.requestTemplates).to.deep.equal({ "application/json": '{"statusCode": 200}' });
            expect(operation(built, path, "options")).to.not.have.property("security");
        }
        expect(integration(built, "/orders", "options").responses.default.responseParameters).to.deep.equal({
            "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS,POST'",
            "method.response.header.Access-Control-Allow-Headers": "'Content-Type,Authorization,X-Api-Key,X-Amz-Date,X-Amz-Security-Token'",
            "method.response.header.Access-Control-Max-Age": "'300'",
            "method.response.header.Access-Control-Allow-Origin": "'https://shop.example.com'",
        });
        expect(integration(built, "/orders/{id}", "options").responses.default.responseParameters["method.response.header.Access-Control-Allow-Methods"]).to.equal("'DELETE,OPTIONS'");
        expect(operation(built, "/orders/{id}", "options").parameters).to.deep.equal([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    });

    it("echoes the request's origin only when it is one of several allowed, with Vary: Origin", async () => {
        const origins = ["https://shop.example.com", "https://admin.example.com"];
        const built = build(apiConfig({ routes, cors: { allowOrigins: origins, allowCredentials: true } }));
        const response = integration(built, "/orders", "options").responses.default;
        expect(response.responseParameters).to.include({
            "method.response.header.Vary": "'Origin'",
            "method.response.header.Access-Control-Allow-Credentials": "'true'",
        });
        expect(response.responseParameters).to.not.have.property("method.response.header.Access-Control-Allow-Origin");
        expect(operation(built, "/orders", "options").responses["200"].headers).to.have.property("Access-Control-Allow-Origin");

        const template = response.responseTemplates["application/json"];
        expect(renderPreflight(template, "https://admin.example.com")).to.deep.equal({ "Access-Control-Allow-Origin": "https://admin.example.com" });
        expect(renderPreflight(template, "https://shop.example.com")).to.deep.equal({ "Access-Control-Allow-Origin": "https://shop.example.com" });
        expect(renderPreflight(template, "https://evil.example.com")).to.deep.equal({});
        expect(renderPreflight(template, "https://shop.example.com.evil.example")).to.deep.equal({});
        expect(renderPreflight(template)).to.deep.equal({});
        expect(built.templates.find((t) => t.route === "OPTIONS /orders" && t.direction === "response")?.text).to.equal(template);
        await expectValidOpenApi(built.document);
    });

    it("puts the CORS headers on DEFAULT_4XX, DEFAULT_5XX and the other gateway responses", () => {
        const single = build(apiConfig({ cors: { allowOrigins: ["https://shop.example.com"], allowCredentials: true } }));
        const responses = single.document["x-amazon-apigateway-gateway-responses"] as Record<string, any>;
        for (const type of ["DEFAULT_4XX", "DEFAULT_5XX", "BAD_REQUEST_BODY", "THROTTLED"]) {
            expect(responses[type].responseParameters, type).to.deep.equal({
                "gatewayresponse.header.Access-Control-Allow-Origin": "'https://shop.example.com'",
                "gatewayresponse.header.Access-Control-Allow-Credentials": "'true'",
            });
        }
        const several = build(apiConfig({ cors: { allowOrigins: ["https://a.example.com", "https://b.example.com"], allowCredentials: true } }));
        expect((several.document["x-amazon-apigateway-gateway-responses"] as any).DEFAULT_4XX.responseParameters).to.deep.equal({
            "gatewayresponse.header.Access-Control-Allow-Origin": "method.request.header.Origin",
            "gatewayresponse.header.Vary": "'Origin'",
        });
        const none = build(apiConfig());
        expect((none.document["x-amazon-apigateway-gateway-responses"] as any).DEFAULT_4XX).to.not.have.property("responseParameters");
    });

    it("adds a single origin to non-proxy integration responses and declares it on the method", () => {
        const built = build(apiConfig({ cors: { allowOrigins: ["https://shop.example.com"], exposeHeaders: ["X-Request-Id"] } }));
        expect(integration(built, "/orders", "get").responses.default.responseParameters).to.deep.equal({
            "method.response.header.Access-Control-Allow-Origin": "'https://shop.example.com'",
            "method.response.header.Access-Control-Expose-Headers": "'X-Request-Id'",
        });
        expect(Object.keys(operation(built, "/orders", "get").responses["200"].headers)).to.have.members([
            "Access-Control-Allow-Origin",
            "Access-Control-Expose-Headers",
        ]);
    });

    it("rejects a wildcard origin with credentials or beside other origins, and an OPTIONS route beside cors", () => {
        expectProblem(
            configProblems(editApi((a) => (a.cors = { allowOrigins: ["*"], allowCredentials: true }))),
            "gatevault:apis[0].cors.allowCredentials",
            /must be false when allowOrigins is \*/,
        );
        expectProblem(
            configProblems(editApi((a) => (a.cors = { allowOrigins: ["https://a.example.com", "*"] }))),
            "gatevault:apis[0].cors.allowOrigins[1]",
            /must be the only origin/,
        );
        let added = -1;
        expectProblem(
            configProblems(editApi((a) => (added = a.routes.push({ path: "/orders", method: "OPTIONS", integration: { type: "MOCK" } }) - 1))),
            `gatevault:apis[0].routes[${added}].method`,
            /answered by the CORS preflight/,
        );
        expectProblem(
            configProblems(editApi((a) => (a.cors = { allowOrigins: ["https://a.example.com/"] }))),
            "gatevault:apis[0].cors.allowOrigins[0]",
            /must be an origin/,
        );
    });
});
