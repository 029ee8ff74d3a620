// Feature 13: bring your own OpenAPI. The public Petstore document gets the gateway's
// extensions; routes overlay operations; what API Gateway cannot enforce is replaced.

import { expect } from "chai";
import * as fs from "node:fs";
import { apiConfig, build, buildProblems, expectProblem, expectValidOpenApi, integration, LAMBDA_ARN, operation } from "./support";

const PETSTORE = fs.readFileSync(require.resolve("@readme/oas-examples/3.0/json/petstore.json"), "utf8");
const files = { "openapi/petstore.json": PETSTORE };
const petstore = JSON.parse(PETSTORE);
const operationCount = Object.values<Record<string, unknown>>(petstore.paths).reduce((n, item) => n + Object.keys(item).length, 0);

const byo = (raw: Record<string, unknown> = {}) =>
    apiConfig({
        routes: [],
        openApi: { file: "openapi/petstore.json", defaultIntegration: { type: "HTTP_PROXY", uri: "https://petstore.internal.example.com/v2/" } },
        ...raw,
    });

describe("OpenAPI builder: bring your own OpenAPI (Petstore)", () => {
    it("keeps every operation and adds an integration to each, appending the path to the base URL", async () => {
        const built = build(byo(), { files });
        expect(built.operations).to.have.length(operationCount);
        expect(integration(built, "/pet/{petId}", "get")).to.deep.equal({
            type: "http_proxy",
            httpMethod: "GET",
            uri: "https://petstore.internal.example.com/v2/pet/{petId}",
            timeoutInMillis: 29000,
            requestParameters: { "integration.request.path.petId": "method.request.path.petId" },
        });
        expect(operation(built, "/pet/findByStatus", "get").operationId).to.equal("findPetsByStatus");
        expect((built.document.info as any).title).to.equal(petstore.info.title);
        expect((built.document.components as any).schemas).to.have.keys(Object.keys(petstore.components.schemas));
        await expectValidOpenApi(built.document);
    });

    it("adds validators, CORS, authorizers, API keys and gateway responses, replacing the document's own security", async () => {
        const built = build(
            byo({
                cors: { allowOrigins: ["https://petstore.example.com"] },
                authorizers: { jwt: { type: "TOKEN", function: LAMBDA_ARN } },
                defaultAuthorizer: "jwt",
                usagePlans: { free: { throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 100, period: "DAY" } } },
                routes: [
                    { path: "/store/inventory", method: "GET", apiKeyRequired: true, throttle: { rateLimit: 1, burstLimit: 2 } },
                    { path: "/user/login", method: "GET", authorizer: "NONE", integration: { type: "LAMBDA", function: LAMBDA_ARN } },
                ],
            }),
            { files },
        );
        const schemes = (built.document.components as any).securitySchemes;
        expect(Object.keys(schemes).sort()).to.deep.equal(["api_key", "jwt"]);
        expect(schemes.api_key).to.deep.equal({ type: "apiKey", name: "x-api-key", in: "header" });
        expect(built.document).to.not.have.property("security");
        expect(operation(built, "/pet", "put").security).to.deep.equal([{ jwt: [] }]);
        expect(operation(built, "/store/inventory", "get").security).to.deep.equal([{ jwt: [], api_key: [] }]);
        expect(operation(built, "/user/login", "get")).to.not.have.property("security");
        expect(integration(built, "/user/login", "get").type).to.equal("aws_proxy");
        // findByStatus requires its status query parameter in the document, so parameters are validated.
        expect(operation(built, "/pet/findByStatus", "get")["x-amazon-apigateway-request-validator"]).to.equal("params");
        expect(operation(built, "/pet", "post")["x-amazon-apigateway-request-validator"]).to.equal("body");
        expect(integration(built, "/pet/{petId}", "options").type).to.equal("mock");
        expect(built.document).to.have.property("x-amazon-apigateway-gateway-responses");
        expect(built.methodOverrides.map((t) => t.key)).to.deep.equal(["GET /store/inventory"]);
        expect(built.lambdaRoutes.map((r) => r.key)).to.deep.equal(["GET /user/login"]);
        await expectValidOpenApi(built.document);
    });

    it("names operations left without an integration, and routes that match no operation", () => {
        const problems = buildProblems(
            apiConfig({ routes: [{ path: "/pets", method: "GET" }], openApi: { file: "openapi/petstore.json" } }),
            { files },
        );
        expectProblem(problems, "gatevault:apis[0].openApi.defaultIntegration", new RegExp(`is required: operations of openapi/petstore.json have no integration \\(POST /pet, PUT /pet, .*, and ${operationCount - 5} more\\)`));
        expectProblem(problems, "gatevault:apis[0].routes[0]", /names no operation of openapi\/petstore.json \(route GET \/pets\)/);
    });

    it("refuses a missing file, documents that are not OpenAPI 3.0, and unknown usage-plan routes", () => {
        expectProblem(buildProblems(byo()), "gatevault:apis[0].openApi.file", /file openapi\/petstore.json not found/);
        const v31 = JSON.stringify({ ...petstore, openapi: "3.1.0" });
        expectProblem(buildProblems(byo(), { files: { "openapi/petstore.json": v31 } }), "gatevault:apis[0].openApi.file", /must be an OpenAPI 3.0.x document \(got version 3.1.0\)/);
        const plans = { free: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 1, period: "DAY" }, methodThrottles: { "GET /pets": { rateLimit: 1, burstLimit: 1 } } } };
        expectProblem(buildProblems(byo({ usagePlans: plans }), { files }), "gatevault:apis[0].usagePlans.free.methodThrottles.GET /pets", /names no operation of openapi\/petstore.json/);
    });

    it("reads YAML documents too", () => {
        const yaml = require("yaml") as typeof import("yaml");
        const built = build(byo({ openApi: { file: "api.yaml", defaultIntegration: { type: "MOCK" } } }), { files: { "api.yaml": yaml.stringify(petstore) } });
        expect(built.operations).to.have.length(operationCount);
    });
});
