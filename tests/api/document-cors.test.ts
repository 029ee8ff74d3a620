// Feature 6: CORS preflight as a MOCK integration, origin matching, and CORS headers on
// API Gateway's own 4XX/5XX responses.

import { expect } from "chai";
import { renderVtl } from "../support/vtl";
import { shippedPlan } from "../support/shipped-plans";
import { apiConfig, build, buildProblems, configProblems, editApi, expectProblem, expectValidOpenApi, integration, operation } from "./support";

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
        const none = build(apiConfig());
        expect((none.document["x-amazon-apigateway-gateway-responses"] as any).DEFAULT_4XX).to.not.have.property("responseParameters");
    });

    // Fetch standard, CORS check (https://fetch.spec.whatwg.org/#cors-check): for a request whose credentials mode
    // is "include", the response must carry Access-Control-Allow-Credentials: true or the browser hides it.
    // Gateway responses run no VTL (x-amazon-apigateway-gateway-responses.responseTemplates), so with several
    // origins they echo Origin; the credentials header must still be there.
    it("lets browsers read API Gateway's own errors on credentialed calls: gateway responses allow credentials with several origins too", () => {
        const several = build(apiConfig({ cors: { allowOrigins: ["https://a.example.com", "https://b.example.com"], allowCredentials: true } }));
        const responses = several.document["x-amazon-apigateway-gateway-responses"] as Record<string, any>;
        for (const type of ["DEFAULT_4XX", "DEFAULT_5XX", "BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS", "THROTTLED", "QUOTA_EXCEEDED"]) {
            expect(responses[type].responseParameters, type).to.deep.equal({
                "gatewayresponse.header.Access-Control-Allow-Origin": "method.request.header.Origin",
                "gatewayresponse.header.Vary": "'Origin'",
                "gatewayresponse.header.Access-Control-Allow-Credentials": "'true'",
            });
        }
        const withoutCredentials = build(apiConfig({ cors: { allowOrigins: ["https://a.example.com", "https://b.example.com"] } }));
        expect((withoutCredentials.document["x-amazon-apigateway-gateway-responses"] as any).DEFAULT_4XX.responseParameters).to.not.have.property(
            "gatewayresponse.header.Access-Control-Allow-Credentials",
        );
    });

    // Fetch standard, CORS-preflight fetch: a header that is not CORS-safelisted is sent only when the preflight's
    // Access-Control-Allow-Headers names it (https://fetch.spec.whatwg.org/#http-access-control-allow-headers),
    // and Content-Type is safelisted only for form and text/plain bodies.
    it("allows in the preflight every header the path's methods declare or need, whatever allowHeaders says", () => {
        const built = build(
            apiConfig({
                cors: { allowOrigins: ["https://shop.example.com"], allowHeaders: ["X-Trace"] },
                models: { Order: { type: "object" } },
                authorizers: { partners: { type: "TOKEN", function: "arn:aws:lambda:eu-west-1:111111111111:function:auth", identitySources: ["method.request.header.X-Partner-Token"] } },
                usagePlans: { free: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 10, period: "DAY" } } },
                routes: [
                    { path: "/orders", method: "POST", authorizer: "partners", apiKeyRequired: true, requestBody: { model: "Order" }, parameters: { headers: { "Idempotency-Key": "required" } }, integration: { type: "MOCK" } },
                    { path: "/orders", method: "GET", parameters: { headers: { "X-Page": "optional" } }, integration: { type: "MOCK" } },
                    { path: "/health", method: "GET", integration: { type: "MOCK" } },
                ],
            }),
        );
        const allowed = (path: string) =>
            (integration(built, path, "options").responses.default.responseParameters["method.response.header.Access-Control-Allow-Headers"] as string).slice(1, -1).split(",");
        expect(allowed("/orders")).to.have.members(["X-Trace", "Idempotency-Key", "X-Page", "X-Partner-Token", "x-api-key", "Content-Type"]);
        expect(allowed("/health")).to.deep.equal(["X-Trace"]);
    });

    it("prod: the preflight of /orders allows the Idempotency-Key header POST /orders requires", async () => {
        const plan = await shippedPlan("prod");
        const body = JSON.parse((plan.resources.find((r) => r.name === "orders-rest-api")! as { inputs: Record<string, any> }).inputs.body);
        const header = body.paths["/orders"].options["x-amazon-apigateway-integration"].responses.default.responseParameters["method.response.header.Access-Control-Allow-Headers"];
        expect(header.slice(1, -1).split(",").map((h: string) => h.toLowerCase())).to.include.members(["idempotency-key", "authorization", "content-type"]);
    });

    // Non-proxy responses carry only what their mapping adds; with several origins only a template can pick the
    // one to echo ($context.responseOverride, "Override your API's request and response parameters and status codes").
    it("echoes an allowed origin on every non-proxy integration response with several origins, with Vary, credentials and a declared header", () => {
        const origins = ["https://shop.example.com", "https://admin.example.com"];
        const built = build(
            apiConfig({
                cors: { allowOrigins: origins, allowCredentials: true, exposeHeaders: ["X-Request-Id"] },
                routes: [
                    {
                        path: "/status",
                        method: "GET",
                        integration: {
                            type: "HTTP",
                            uri: "https://backend.example.com/status",
                            responses: [{ statusCode: "200", templates: { "application/json": '{"ok": true}' } }, { statusCode: "400", selectionPattern: "4\\d{2}" }, { statusCode: "502", selectionPattern: "5\\d{2}" }],
                        },
                    },
                ],
            }),
        );
        const ext = integration(built, "/status", "get");
        for (const [selection, response] of Object.entries<any>(ext.responses)) {
            expect(response.responseParameters, selection).to.deep.equal({
                "method.response.header.Vary": "'Origin'",
                "method.response.header.Access-Control-Allow-Credentials": "'true'",
                "method.response.header.Access-Control-Expose-Headers": "'X-Request-Id'",
            });
            const template = response.responseTemplates["application/json"];
            expect(renderPreflight(template, "https://admin.example.com"), selection).to.deep.equal({ "Access-Control-Allow-Origin": "https://admin.example.com" });
            expect(renderPreflight(template, "https://evil.example.com"), selection).to.deep.equal({});
        }
        // The route's own template still produces the body; a response without one passes the body through.
        expect(renderVtl(ext.responses.default.responseTemplates["application/json"], { params: { header: { Origin: "https://shop.example.com" } }, context: { responseOverride: { header: {} } } }).trim()).to.equal('{"ok": true}');
        expect(renderVtl(ext.responses["4\\d{2}"].responseTemplates["application/json"], { body: '{"error":"bad"}', context: { responseOverride: { header: {} } } }).trim()).to.equal('{"error":"bad"}');
        for (const status of ["200", "400", "502"]) {
            expect(Object.keys(operation(built, "/status", "get").responses[status].headers), status).to.include("Access-Control-Allow-Origin");
        }
    });

    it("refuses a response template that sets Access-Control-Allow-Origin itself beside several origins: API Gateway allows one override", () => {
        const api = apiConfig({
            cors: { allowOrigins: ["https://a.example.com", "https://b.example.com"] },
            routes: [{ path: "/x", method: "GET", integration: { type: "MOCK", responses: [{ statusCode: "200", templates: { "application/json": "#set($context.responseOverride.header.Access-Control-Allow-Origin = '*')" } }] } }],
        });
        expectProblem(buildProblems(api), "gatevault:apis[0].routes[0].integration.responses[0].templates.application/json", /sets Access-Control-Allow-Origin itself/);
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
