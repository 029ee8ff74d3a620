// The stage cache as API Gateway runs it ("Cache settings for REST APIs in API Gateway",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html):
// "When you enable caching for a stage, only GET methods have caching enabled by default ...
// You can enable caching for other methods by overriding method settings", and a cached answer
// is found by the integration's cacheKeyParameters, which "must also be specified for Method
// requestParameters" (API reference, Integration: https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html).

import { expect } from "chai";
import { methodSettings } from "../../components/api/stage-settings";
import { shippedPlan } from "../support/shipped-plans";
import { apiConfig, build, buildProblems, configProblems, editApi, expectProblem, integration, operation } from "./support";

const CACHE = { cache: { size: "0.5", ttlSeconds: 60 } };
const COGNITO = { customers: { type: "COGNITO_USER_POOLS", userPoolArns: ["arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc"] } };
const LAMBDA_AUTHORIZER = "arn:aws:lambda:eu-west-1:111111111111:function:authorizer";

/** An API with a stage cache, GET and POST on /orders/{orderId}, behind a Cognito authorizer. */
function cachedOrders(extra: Record<string, unknown> = {}, routes?: Record<string, unknown>[]) {
    return apiConfig({
        stage: CACHE,
        authorizers: COGNITO,
        defaultAuthorizer: "customers",
        routes: routes ?? [
            { path: "/orders/{orderId}", method: "GET", parameters: { query: { fields: "optional" }, headers: { "Accept-Language": "optional" } }, integration: { type: "HTTP_PROXY", uri: "https://orders.example.com/orders/{orderId}" } },
            { path: "/orders/{orderId}", method: "POST", throttle: { rateLimit: 5, burstLimit: 10 }, integration: { type: "HTTP_PROXY", uri: "https://orders.example.com/orders/{orderId}" } },
        ],
        ...extra,
    });
}

describe("stage cache: which methods API Gateway answers from the cache", () => {
    it("never copies the stage's caching to a non-GET method's own settings: POST with a throttle override stays uncached", () => {
        const built = build(cachedOrders());
        expect(built.methodOverrides).to.deep.equal([
            { method: "POST", path: "/orders/{orderId}", key: "POST /orders/{orderId}", throttle: { rateLimit: 5, burstLimit: 10 }, cachingEnabled: false },
        ]);
        const api = cachedOrders();
        expect(methodSettings(api, built.methodOverrides[0])).to.include({ cachingEnabled: false, throttlingRateLimit: 5 });
        // The stage-wide settings enable the cache, which API Gateway applies to GET methods only.
        expect(methodSettings(api)).to.include({ cachingEnabled: true, cacheTtlInSeconds: 60 });
    });

    it("caches another method only when its route asks, and stops caching a GET whose route says cache: false", () => {
        const routes = [
            { path: "/search", method: "POST", cache: true, integration: { type: "HTTP_PROXY", uri: "https://orders.example.com/search" } },
            { path: "/orders/{orderId}", method: "GET", cache: false, integration: { type: "HTTP_PROXY", uri: "https://orders.example.com/orders/{orderId}" } },
        ];
        const built = build(cachedOrders({}, routes));
        expect(built.methodOverrides.map((o) => [o.key, o.cachingEnabled])).to.deep.equal([
            ["GET /orders/{orderId}", false],
            ["POST /search", true],
        ]);
        expect(integration(built, "/search", "post").cacheKeyParameters).to.deep.equal(["method.request.header.Authorization"]);
        expect(integration(built, "/orders/{orderId}", "get")).to.not.have.property("cacheKeyParameters");
    });

    it("refuses a route cache setting when the stage has no cache", () => {
        expectProblem(configProblems(editApi((a) => (a.routes[0].cache = true))), "gatevault:apis[0].routes[0].cache", /has no effect: the stage has no cache \(route GET \/health\)/);
    });
});

describe("stage cache: what a cached answer is keyed by", () => {
    it("keys a cached GET on its path parameter, declared query strings and headers, and the caller's token, all declared on the method", () => {
        const built = build(cachedOrders());
        expect(integration(built, "/orders/{orderId}", "get").cacheKeyParameters).to.deep.equal([
            "method.request.path.orderId",
            "method.request.querystring.fields",
            "method.request.header.Accept-Language",
            "method.request.header.Authorization",
        ]);
        const declared = operation(built, "/orders/{orderId}", "get").parameters.map((p: any) => `${p.in}.${p.name}`);
        expect(declared).to.include.members(["path.orderId", "query.fields", "header.Accept-Language", "header.Authorization"]);
        // The identity header is declared but never required: the authorizer decides who may call.
        expect(operation(built, "/orders/{orderId}", "get").parameters.find((p: any) => p.name === "Authorization").required).to.equal(false);
        expect(integration(built, "/orders/{orderId}", "post")).to.not.have.property("cacheKeyParameters");
    });

    it("keys methods callers reach with an API key on the key header, and REQUEST authorizers on their request-parameter identity sources", () => {
        const apiKeyOnly = apiConfig({
            stage: CACHE,
            usagePlans: { free: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 10, period: "DAY" } } },
            routes: [{ path: "/health", method: "GET", apiKeyRequired: true, integration: { type: "MOCK" } }],
        });
        expect(integration(build(apiKeyOnly), "/health", "get").cacheKeyParameters).to.deep.equal(["method.request.header.x-api-key"]);

        const request = cachedOrders({
            authorizers: { tokens: { type: "REQUEST", function: LAMBDA_AUTHORIZER, identitySources: ["method.request.querystring.token", "context.identity.sourceIp"] } },
            defaultAuthorizer: "tokens",
        });
        const built = build(request);
        expect(integration(built, "/orders/{orderId}", "get").cacheKeyParameters).to.include("method.request.querystring.token");
        expect(operation(built, "/orders/{orderId}", "get").parameters).to.deep.include({ name: "token", in: "query", required: false, schema: { type: "string" } });
    });

    it("keeps a brought document's own cache keys and adds the missing ones", () => {
        const doc = {
            openapi: "3.0.1",
            info: { title: "t", version: "1" },
            paths: { "/items/{id}": { get: { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": { type: "mock", cacheKeyParameters: ["method.request.header.Accept"] } } } },
        };
        const built = build(apiConfig({ stage: CACHE, routes: [], openApi: { file: "doc.json" } }), { files: { "doc.json": JSON.stringify(doc) } });
        expect(integration(built, "/items/{id}", "get").cacheKeyParameters).to.deep.equal(["method.request.header.Accept", "method.request.path.id"]);
    });

    it("refuses to cache a method whose authorizer identifies callers only by context, naming the route", () => {
        const byIp = { authorizers: { ip: { type: "REQUEST", function: LAMBDA_AUTHORIZER, identitySources: ["context.identity.sourceIp"] } }, defaultAuthorizer: "ip" };
        expectProblem(
            buildProblems(cachedOrders(byIp)),
            "gatevault:apis[0].routes[0]",
            /cannot be cached: its authorizer ip identifies callers by context.identity.sourceIp, which cannot be a cache key, so one caller's cached answer would be served to another \(route GET \/orders\/\{orderId\}\); set cache: false/,
        );
        const uncached = [{ path: "/orders/{orderId}", method: "GET", cache: false, integration: { type: "HTTP_PROXY", uri: "https://orders.example.com/orders/{orderId}" } }];
        expect(() => build(cachedOrders(byIp, uncached))).to.not.throw();
    });

    it("prod: keys every cached method on its path parameters and the caller, and caches no POST", async () => {
        const plan = await shippedPlan("prod");
        const restApi = plan.resources.find((r) => r.name === "orders-rest-api")! as { inputs: Record<string, any> };
        const paths = JSON.parse(restApi.inputs.body).paths as Record<string, Record<string, any>>;
        expect(paths["/orders/{orderId}"].get["x-amazon-apigateway-integration"].cacheKeyParameters).to.include.members(["method.request.path.orderId", "method.request.header.Authorization"]);
        expect(paths["/orders/{orderId}/status"].get["x-amazon-apigateway-integration"].cacheKeyParameters).to.include.members(["method.request.path.orderId", "method.request.header.Authorization"]);
        expect(paths["/orders"].get["x-amazon-apigateway-integration"].cacheKeyParameters).to.include.members(["method.request.querystring.status", "method.request.querystring.cursor", "method.request.header.Authorization"]);
        const post = plan.resources.find((r) => r.type === "aws:apigateway/methodSettings:MethodSettings" && r.inputs.methodPath === "~1orders/POST")! as { inputs: Record<string, any> };
        expect(post.inputs.settings.cachingEnabled).to.equal(false);
        expect(plan.violations.filter((v) => v.policy === "apigateway-cache-keys")).to.deep.equal([]);
    });
});
