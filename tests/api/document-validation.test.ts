// Feature 7: request validators, draft-4 models, required parameters, and the
// BAD_REQUEST_BODY response carrying the validation message. The shipped model is checked
// with a real draft-4 validator.

import Ajv from "ajv-draft-04";
import { expect } from "chai";
import { shippedPlan } from "../support/shipped-plans";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/plan/index";
import { apiConfig, build, buildProblems, configProblems, editApi, expectProblem, expectValidOpenApi, operation } from "./support";

const ORDER = { type: "object", required: ["sku"], properties: { sku: { type: "string", minLength: 1 } }, additionalProperties: false };

describe("OpenAPI builder: request validation", () => {
    it("defines the three validators once and picks body, params or all per method", async () => {
        const built = build(
            apiConfig({
                models: { Order: ORDER },
                routes: [
                    { path: "/a", method: "POST", requestBody: { model: "Order" }, integration: { type: "MOCK" } },
                    { path: "/b", method: "GET", parameters: { query: { page: "required", size: "optional" } }, integration: { type: "MOCK" } },
                    { path: "/c", method: "PUT", requestBody: { model: "Order" }, parameters: { headers: { "Idempotency-Key": "required" } }, integration: { type: "MOCK" } },
                    { path: "/d", method: "GET", parameters: { query: { page: "optional" } }, integration: { type: "MOCK" } },
                ],
            }),
        );
        expect(built.document["x-amazon-apigateway-request-validators"]).to.deep.equal({
            body: { validateRequestBody: true, validateRequestParameters: false },
            params: { validateRequestBody: false, validateRequestParameters: true },
            all: { validateRequestBody: true, validateRequestParameters: true },
        });
        expect(operation(built, "/a", "post")["x-amazon-apigateway-request-validator"]).to.equal("body");
        expect(operation(built, "/b", "get")["x-amazon-apigateway-request-validator"]).to.equal("params");
        expect(operation(built, "/c", "put")["x-amazon-apigateway-request-validator"]).to.equal("all");
        expect(operation(built, "/d", "get")).to.not.have.property("x-amazon-apigateway-request-validator");
        expect(operation(built, "/b", "get").parameters).to.deep.equal([
            { name: "page", in: "query", required: true, schema: { type: "string" } },
            { name: "size", in: "query", required: false, schema: { type: "string" } },
        ]);
        expect(operation(built, "/a", "post").requestBody).to.deep.equal({
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } },
        });
        expect((built.document.components as any).schemas.Order).to.deep.equal(ORDER);
        await expectValidOpenApi(built.document);
    });

    it("returns the validator's message from BAD_REQUEST_BODY", () => {
        const responses = build(apiConfig()).document["x-amazon-apigateway-gateway-responses"] as Record<string, any>;
        expect(responses.BAD_REQUEST_BODY.statusCode).to.equal("400");
        expect(responses.BAD_REQUEST_BODY.responseTemplates["application/json"]).to.contain("$context.error.validationErrorString");
        expect(responses.BAD_REQUEST_PARAMETERS.responseTemplates["application/json"]).to.contain("$context.error.validationErrorString");
    });

    it("reads a model from its file and rejects keywords API Gateway models cannot hold", () => {
        const built = build(apiConfig({ models: { Order: { file: "models/order.json" } } }), { files: { "models/order.json": JSON.stringify(ORDER) } });
        expect((built.document.components as any).schemas.Order).to.deep.equal(ORDER);

        const problems = buildProblems(
            apiConfig({ models: { Bad: { type: ["string", "null"], properties: { id: { const: 1 }, ref: { $ref: "#/x" } }, required: [] } } }),
        );
        expectProblem(problems, "gatevault:apis[0].models.Bad.type", /must be one of object, array/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.id.const", /not supported in API Gateway models/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.ref.$ref", /self-contained/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.required", /non-empty list/);
    });

    // API Gateway important notes for REST APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html):
    // "`exclusiveMinimum` is not supported by API Gateway", "The `default` keyword is not supported", "The `nullable`
    // field is not supported", "Numbers of the `Int32` or `Int64` type are not supported", "Decimal number format type
    // ... is not supported".
    it("refuses model keywords API Gateway does not support, with the key path", () => {
        const problems = buildProblems(
            apiConfig({
                models: {
                    Bad: {
                        type: "object",
                        properties: {
                            count: { type: "integer", exclusiveMinimum: true, minimum: 0 },
                            status: { type: "string", default: "NEW" },
                            note: { type: "string", nullable: true },
                            total: { type: "number", format: "int64" },
                            price: { type: "number", format: "decimal" },
                        },
                    },
                },
            }),
        );
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.count.exclusiveMinimum", /not supported in API Gateway models \(API Gateway does not support exclusiveMinimum; use minimum/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.status.default", /API Gateway does not support default/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.note.nullable", /API Gateway does not support nullable/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.total.format", /format int64 is not supported/);
        expectProblem(problems, "gatevault:apis[0].models.Bad.properties.price.format", /format decimal is not supported/);
        expect(() => build(apiConfig({ models: { Ok: { type: "string", format: "date-time", maxLength: 30 } } }))).to.not.throw();
    });

    // "The `maxItems` and `minItems` tags are not included in simple request validation" (same page).
    it("warns, naming the routes, where a model relies on minItems or maxItems, which request validation ignores", () => {
        const lines = { type: "object", properties: { lines: { type: "array", minItems: 1, maxItems: 10, items: { type: "string" } } } };
        const built = build(
            apiConfig({
                models: { Order: lines, Unused: lines },
                routes: [
                    { path: "/orders", method: "POST", requestBody: { model: "Order" }, integration: { type: "MOCK" } },
                    { path: "/orders/{id}", method: "PUT", requestBody: { model: "Order" }, integration: { type: "MOCK" } },
                ],
            }),
        );
        expect(built.warnings.map((w) => w.path)).to.deep.equal([
            "gatevault:apis[0].models.Order.properties.lines.minItems",
            "gatevault:apis[0].models.Order.properties.lines.maxItems",
        ]);
        expect(built.warnings[1].message).to.match(/^maxItems is not checked by API Gateway's request validation .*: the routes of API "orders" validated against it \(POST \/orders, PUT \/orders\/\{id\}\) accept bodies that break it; enforce it where the request is handled$/);
    });

    it("ships stacks whose models rely on nothing request validation ignores: no warnings in either plan", async () => {
        for (const stack of ["dev", "prod"] as const) {
            expect((await shippedPlan(stack)).warnings, stack).to.deep.equal([]);
        }
    });

    it("rejects a body model that does not exist, naming the route", () => {
        expectProblem(
            configProblems(editApi((a) => (a.routes[1].requestBody = { model: "NoSuchModel" }))),
            "gatevault:apis[0].routes[1].requestBody.model",
            /names no model in models \(route GET \/orders; models: NewOrder\)/,
        );
    });

    describe("the shipped NewOrder model, under a draft-4 validator", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "models", "new-order.json"), "utf8"));
        const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
        const valid = { customerId: "cus_12345678", currency: "EUR", items: [{ sku: "SKU-1", quantity: 2 }] };

        it("accepts valid orders", () => {
            expect(validate(valid), JSON.stringify(validate.errors)).to.equal(true);
            expect(validate({ customerId: "cus_ABCDEFGH", items: [{ sku: "x", quantity: 1000 }], note: "leave at door" })).to.equal(true);
        });

        it("leaves the number of items to the request's handler, since API Gateway would not check minItems or maxItems", () => {
            expect(JSON.stringify(schema)).to.not.match(/"(minItems|maxItems)"/);
            expect(validate({ customerId: "cus_12345678", items: [] })).to.equal(true);
        });

        const invalid: [string, unknown][] = [
            ["missing customerId", { items: [{ sku: "a", quantity: 1 }] }],
            ["badly formed customerId", { ...valid, customerId: "12345678" }],
            ["unknown currency", { ...valid, currency: "BTC" }],
            ["zero quantity", { ...valid, items: [{ sku: "a", quantity: 0 }] }],
            ["fractional quantity", { ...valid, items: [{ sku: "a", quantity: 1.5 }] }],
            ["unknown field", { ...valid, discount: 100 }],
            ["unknown item field", { ...valid, items: [{ sku: "a", quantity: 1, price: 0 }] }],
        ];
        for (const [name, payload] of invalid) {
            it(`rejects an order with ${name}`, () => {
                expect(validate(payload)).to.equal(false);
            });
        }
    });
});
