// Request validation of the local gateway, over HTTP: the document's validators and models,
// the keywords API Gateway does not apply, 400 bodies from the gateway responses, and
// authorization before validation. Expected behaviour is API Gateway's, as its developer
// guide states it (cited per test).

import { expect } from "chai";
import { definition, fixture, functionArn, lambdaUri, mock, serveTest, type TestApi } from "./support";

const ok = mock('{"ok":true}');
const body = (model: string, type = "application/json") => ({ requestBody: { required: true, content: { [type]: { schema: { $ref: `#/components/schemas/${model}` } } } } });

const DOCUMENT = {
    paths: {
        "/orders": { post: { ...body("Order"), "x-amazon-apigateway-request-validator": "body", ...ok } },
        "/anything": { post: { ...body("Named", "$default"), "x-amazon-apigateway-request-validator": "body", ...ok } },
        "/search": {
            get: {
                parameters: [
                    { name: "q", in: "query", required: true, schema: { type: "string" } },
                    { name: "X-Tenant", in: "header", required: true, schema: { type: "string" } },
                    { name: "page", in: "query", required: false, schema: { type: "string" } },
                ],
                "x-amazon-apigateway-request-validator": "params",
                ...ok,
            },
        },
        "/secure": { post: { ...body("Order"), security: [{ users: [] }], "x-amazon-apigateway-request-validator": "body", ...ok } },
    },
    components: {
        schemas: {
            Order: {
                type: "object",
                required: ["sku", "quantity"],
                additionalProperties: false,
                properties: {
                    sku: { type: "string", pattern: "^[A-Z]-[0-9]+$" },
                    quantity: { type: "integer", minimum: 1, exclusiveMinimum: true, maximum: 10 },
                    tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 1 },
                    address: { $ref: "#/components/schemas/Address" },
                },
            },
            Address: { type: "object", required: ["city"], properties: { city: { type: "string" } } },
            Named: { type: "object", required: ["name"] },
        },
        securitySchemes: {
            users: {
                type: "apiKey",
                name: "X-User",
                in: "header",
                "x-amazon-apigateway-authtype": "custom",
                "x-amazon-apigateway-authorizer": { type: "request", authorizerUri: lambdaUri("users"), identitySource: "method.request.header.X-User", authorizerResultTtlInSeconds: 0 },
            },
        },
    },
    "x-amazon-apigateway-request-validators": {
        body: { validateRequestBody: true, validateRequestParameters: false },
        params: { validateRequestBody: false, validateRequestParameters: true },
    },
    "x-amazon-apigateway-gateway-responses": {
        BAD_REQUEST_BODY: { statusCode: "400", responseTemplates: { "application/json": '{"message":$context.error.messageString,"validationErrors":"$context.error.validationErrorString"}' } },
    },
};

const post = (json: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => ({ method: "POST", headers, body: typeof json === "string" ? json : JSON.stringify(json) });

describe("local gateway: request validation (over HTTP)", () => {
    let api: TestApi;

    before(async () => {
        api = await serveTest(definition(DOCUMENT), { functions: [{ ...fixture("requestAuthorizer"), arn: functionArn("users") }] });
    });
    after(() => api.close());

    // api-gateway-method-request-validation.html: the body must adhere to the method's model for its content type.
    it("accepts a body that matches the model, references to other models included", async () => {
        expect((await api.call("/orders", post({ sku: "A-1", quantity: 3, address: { city: "Lyon" } }))).status).to.equal(200);
    });

    it("refuses a body that breaks the model with 400 and BAD_REQUEST_BODY's template, naming what is wrong", async () => {
        for (const [bad, why] of [
            [{ quantity: 3 }, "sku"],
            [{ sku: "a1", quantity: 3 }, "/sku"],
            [{ sku: "A-1", quantity: 11 }, "/quantity"],
            [{ sku: "A-1", quantity: 3, colour: "red" }, "additional properties"],
            [{ sku: "A-1", quantity: 3, address: {} }, "city"],
        ] as const) {
            const answer = await api.call("/orders", post(bad));
            expect(answer.status, JSON.stringify(bad)).to.equal(400);
            const parsed = answer.json();
            expect(parsed.message).to.equal("Invalid request body");
            expect(parsed.validationErrors, JSON.stringify(bad)).to.include(why);
        }
        const notJson = await api.call("/orders", post("{not json"));
        expect([notJson.status, notJson.json().message]).to.deep.equal([400, "Invalid request body"]);
    });

    // api-gateway-known-issues.html (REST APIs): "The maxItems and minItems tags are not included in simple request
    // validation"; "exclusiveMinimum is not supported by API Gateway".
    it("does not apply minItems, maxItems or exclusiveMinimum, as API Gateway does not", async () => {
        for (const tags of [[], ["a", "b", "c"]]) expect((await api.call("/orders", post({ sku: "A-1", quantity: 2, tags }))).status, JSON.stringify(tags)).to.equal(200);
        expect((await api.call("/orders", post({ sku: "A-1", quantity: 1 }))).status).to.equal(200);
        expect((await api.call("/orders", post({ sku: "A-1", quantity: 0 }))).status).to.equal(400);
    });

    // "If no matching content type is found, request validation is not performed ... set the content type for your data model to $default."
    it("skips body validation for a content type without a model, and applies a $default model to any", async () => {
        expect((await api.call("/orders", post("anything at all", { "content-type": "text/plain" }))).status).to.equal(200);
        expect((await api.call("/anything", post({}, { "content-type": "application/x-custom" }))).status).to.equal(400);
        expect((await api.call("/anything", post({ name: "n" }, { "content-type": "application/x-custom" }))).status).to.equal(200);
    });

    // "required request parameters ... are included and not blank"; supported-gateway-response-types.html: BAD_REQUEST_PARAMETERS 400.
    it("refuses missing or blank required query strings and headers with 400 BAD_REQUEST_PARAMETERS", async () => {
        const missing = await api.call("/search");
        expect([missing.status, missing.json().message]).to.deep.equal([400, "Missing required request parameters: [q, X-Tenant]"]);
        expect((await api.call("/search?q=", { headers: { "X-Tenant": "t" } })).json().message).to.equal("Missing required request parameters: [q]");
        expect((await api.call("/search?q=shoes", { headers: { "x-tenant": "t" } })).status).to.equal(200);
    });

    it("runs the authorizer before validation: a bad body from an unauthorized caller answers 401, not 400", async () => {
        expect((await api.call("/secure", post({}))).status).to.equal(401);
        expect((await api.call("/secure", post({}, { "content-type": "application/json", "X-User": "alice" }))).status).to.equal(400);
    });
});
