// Authorizers, API keys, usage plans and throttling of the local gateway, over HTTP. The JWT
// authorizer is the shipped handler (functions/authorizer) running from its bundle against a
// JWKS served by the test; tokens come from the local key pair `npm run local -- token` uses.
// Expected behaviour is API Gateway's, as its developer guide states it (cited per test).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { AUTHORIZER_ENTRIES } from "../../components/functions/jwt-authorizer";
import { authorizerEnvironment } from "../../functions/authorizer/settings";
import { jwksOf, loadOrCreateKeys, localKeySet, mintToken, type LocalKeys } from "../../tools/local/auth/keys";
import { JwksServer } from "../functions/support/jwks-server";
import { definition, fixture, functionArn, lambdaUri, mock, serveTest, TestClock, type TestApi } from "./support";

const ISSUER = "https://issuer.local.test/";
const POOL_ARN = "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_Local1";
const POOL_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Local1";

const who = mock('{"principal":"$context.authorizer.principalId","scopes":"$context.authorizer.scopes","calls":"$context.authorizer.calls","email":"$context.authorizer.claims.email"}');

const lambdaAuthorizer = (type: "token" | "request", fn: string, identitySource: string, ttl: number) => ({
    type: "apiKey",
    name: "Unused",
    in: "header",
    "x-amazon-apigateway-authtype": "custom",
    "x-amazon-apigateway-authorizer": { type, authorizerUri: lambdaUri(fn), identitySource, authorizerResultTtlInSeconds: ttl },
});

const DOCUMENT = {
    paths: {
        "/orders": { get: { security: [{ jwt: [] }], ...who }, post: { security: [{ jwt: [] }], ...who } },
        "/reports": { get: { security: [{ users: [] }], ...who } },
        "/live": { get: { security: [{ usersUncached: [] }], ...who } },
        "/things/{id}": { get: { security: [{ narrow: [] }], ...who }, delete: { security: [{ narrow: [] }], ...who } },
        "/profile": { get: { security: [{ pool: [] }], ...who } },
        "/catalog": { get: { security: [{ pool: ["shop/read"] }], ...who } },
        "/metered": { get: { security: [{ api_key: [] }], ...mock('{"metered":true}') } },
        "/busy": { get: mock('{"busy":true}') },
        "/calm": { get: mock('{"calm":true}') },
    },
    components: {
        securitySchemes: {
            jwt: lambdaAuthorizer("token", "jwt", "method.request.header.Authorization", 300),
            users: lambdaAuthorizer("request", "users", "method.request.header.X-User", 300),
            usersUncached: lambdaAuthorizer("request", "users", "method.request.header.X-User", 0),
            narrow: lambdaAuthorizer("token", "narrow", "method.request.header.Authorization", 300),
            pool: {
                type: "apiKey",
                name: "Authorization",
                in: "header",
                "x-amazon-apigateway-authtype": "cognito_user_pools",
                "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [POOL_ARN], identitySource: "method.request.header.Authorization" },
            },
            api_key: { type: "apiKey", name: "x-api-key", in: "header" },
        },
    },
};

describe("local gateway: authorizers, API keys and throttling (over HTTP)", () => {
    const clock = new TestClock();
    let api: TestApi;
    let jwks: JwksServer;
    let keys: LocalKeys;
    const token = (claims: { sub?: string; scopes?: string[]; groups?: string[]; ttlSeconds?: number; issuer?: string; issuedAt?: number }) =>
        mintToken(keys, {
            issuer: claims.issuer ?? ISSUER,
            subject: claims.sub ?? "alice",
            audience: { claim: "aud", value: "orders-api" },
            scopes: claims.scopes,
            groups: { claim: "cognito:groups", values: claims.groups ?? [] },
            ttlSeconds: claims.ttlSeconds,
        }, claims.issuedAt);

    before(async () => {
        keys = await loadOrCreateKeys(fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-local-keys-")));
        jwks = await JwksServer.start();
        jwks.behaviour = { kind: "keys", keys: jwksOf(keys).keys };
        const jwtEnvironment = authorizerEnvironment({
            issuer: ISSUER,
            audience: ["orders-api"],
            audienceClaim: "aud",
            jwksUrl: jwks.url,
            algorithms: ["RS256", "ES256"],
            clockToleranceSeconds: 0,
            groupsClaim: "cognito:groups",
            jwksTimeoutMs: 2000,
            routes: { "GET /orders": { scopes: ["orders/read"] }, "POST /orders": { scopes: ["orders/write"] } },
        });
        api = await serveTest(
            definition(DOCUMENT, {
                stage: { name: "test", methodSettings: { "*/*": { throttlingRateLimit: 1000, throttlingBurstLimit: 1000 }, "~1busy/GET": { throttlingRateLimit: 0, throttlingBurstLimit: 2 } } },
                usagePlans: [
                    { name: "basic", throttle: { rateLimit: 1, burstLimit: 2 }, quota: { limit: 4, period: "DAY" }, methodThrottles: {} },
                    { name: "gold", throttle: { rateLimit: 100, burstLimit: 100 }, methodThrottles: { "/metered/GET": { rateLimit: 0, burstLimit: 1 } } },
                ],
                apiKeys: [
                    { id: "k1", name: "basic-client", value: "basic-key-0123456789abcdef", enabled: true, usagePlans: ["basic"] },
                    { id: "k2", name: "gold-client", value: "gold-key-0123456789abcdef", enabled: true, usagePlans: ["gold"] },
                    { id: "k3", name: "disabled-client", value: "disabled-key-0123456789ab", enabled: false, usagePlans: ["gold"] },
                    { id: "k4", name: "planless-client", value: "planless-key-0123456789ab", enabled: true, usagePlans: [] },
                ],
            }),
            {
                now: clock.now,
                cognitoKeys: localKeySet(jwksOf(keys)),
                functions: [
                    { arn: functionArn("jwt"), entry: AUTHORIZER_ENTRIES.TOKEN, environment: jwtEnvironment },
                    { ...fixture("requestAuthorizer"), arn: functionArn("users") },
                    { ...fixture("narrowAuthorizer"), arn: functionArn("narrow") },
                ],
            },
        );
    });
    after(async () => {
        await api.close();
        await jwks.stop();
    });

    describe("the JWT authorizer (functions/authorizer, TOKEN)", () => {
        it("allows a token whose scopes grant the route, and gives the integration its context", async () => {
            const answer = await api.call("/orders", { headers: { Authorization: `Bearer ${await token({ scopes: ["orders/read"] })}` } });
            expect(answer.status).to.equal(200);
            expect(answer.json()).to.include({ principal: "alice", scopes: "orders/read" });
        });

        // api-gateway-lambda-authorizer-output.html: the cached policy is evaluated against each later method.
        it("answers 403 for a method the cached policy does not allow, 401 for a bad or missing token", async () => {
            const read = await token({ sub: "reader", scopes: ["orders/read"] });
            expect((await api.call("/orders", { headers: { Authorization: `Bearer ${read}` } })).status).to.equal(200);
            const post = await api.call("/orders", { method: "POST", headers: { Authorization: `Bearer ${read}` } });
            expect([post.status, post.json().message]).to.deep.equal([403, "User is not authorized to access this resource"]);
            const expired = await token({ issuedAt: Math.floor(Date.now() / 1000) - 120, ttlSeconds: 60, scopes: ["orders/read"] });
            for (const authorization of [`Bearer ${expired}`, `Bearer ${await token({ issuer: "https://elsewhere.example/", scopes: ["orders/read"] })}`, "Bearer not.a.jwt", undefined]) {
                const answer = await api.call("/orders", { headers: authorization ? { Authorization: authorization } : {} });
                expect([answer.status, answer.json().message], String(authorization).slice(0, 20)).to.deep.equal([401, "Unauthorized"]);
            }
            // The handler said why, in its own log (its console goes where Lambda's would).
            expect(api.functionLogs.filter((l) => l.startsWith("jwt: ")).map((l) => JSON.parse(l.slice(5)).reason)).to.include.members(["expired", "wrong_issuer", "malformed_token"]);
        });

        it("answers 403 with an explicit deny for a valid caller the authorizer grants nothing", async () => {
            const answer = await api.call("/orders", { headers: { Authorization: `Bearer ${await token({ sub: "nobody", scopes: ["other/scope"] })}` } });
            expect([answer.status, answer.json().message]).to.deep.equal([403, "User is not authorized to access this resource with an explicit deny"]);
        });
    });

    describe("Lambda REQUEST authorizers and the result cache", () => {
        // apigateway-use-lambda-authorizer.html: results cached for authorizerResultTtlInSeconds, keyed by the
        // identity sources; missing identity sources answer 401 without calling the function when caching is on.
        it("caches the result per identity source for the TTL and skips the call when the identity source is missing", async () => {
            const first = (await api.call("/reports", { headers: { "X-User": "alice" } })).json();
            expect((await api.call("/reports", { headers: { "X-User": "alice" } })).json().calls).to.equal(first.calls);
            const missing = await api.call("/reports");
            expect([missing.status, missing.json().message]).to.deep.equal([401, "Unauthorized"]);
            expect((await api.call("/reports", { headers: { "X-User": "bob" } })).status).to.equal(401);
            const denied = await api.call("/reports", { headers: { "X-User": "mallory" } });
            expect([denied.status, denied.json().message]).to.deep.equal([403, "User is not authorized to access this resource with an explicit deny"]);
            clock.advance(301_000);
            // bob and mallory called the function once each; the missing identity source did not.
            expect(Number((await api.call("/reports", { headers: { "X-User": "alice" } })).json().calls)).to.equal(Number(first.calls) + 3);
        });

        it("calls the function on every request when the TTL is 0", async () => {
            const a = Number((await api.call("/live", { headers: { "X-User": "alice" } })).json().calls);
            const b = Number((await api.call("/live", { headers: { "X-User": "alice" } })).json().calls);
            expect(b).to.equal(a + 1);
        });

        it("evaluates a policy scoped to one method against the others: DELETE is refused with GET's cached Allow", async () => {
            expect((await api.call("/things/1", { headers: { Authorization: "t-1" } })).status).to.equal(200);
            expect((await api.call("/things/1", { method: "DELETE", headers: { Authorization: "t-1" } })).status).to.equal(403);
        });
    });

    describe("Cognito user pool authorizers (local key set)", () => {
        const cognitoToken = (use: "id" | "access", scopes: string[] = []) =>
            mintToken(keys, { issuer: POOL_ISSUER, subject: "carol", scopes, audience: { claim: use === "id" ? "aud" : "client_id", value: "client-1" }, claims: { token_use: use, email: "carol@example.com" } });

        // apigateway-integrate-with-cognito.html: without scopes the token is taken as an ID token; with scopes
        // as an access token that must carry one of the method's scopes.
        it("accepts an ID token on a method without scopes and exposes its claims", async () => {
            const answer = await api.call("/profile", { headers: { Authorization: await cognitoToken("id") } });
            expect([answer.status, answer.json().email]).to.deep.equal([200, "carol@example.com"]);
            expect((await api.call("/profile", { headers: { Authorization: await cognitoToken("access", ["shop/read"]) } })).status).to.equal(401);
        });

        it("requires an access token with one of the method's scopes", async () => {
            expect((await api.call("/catalog", { headers: { Authorization: await cognitoToken("access", ["shop/read"]) } })).status).to.equal(200);
            expect((await api.call("/catalog", { headers: { Authorization: await cognitoToken("access", ["shop/write"]) } })).status).to.equal(401);
            expect((await api.call("/catalog", { headers: { Authorization: await cognitoToken("id") } })).status).to.equal(401);
        });

        it("refuses a token from another issuer or signed with another key", async () => {
            const other = await loadOrCreateKeys(fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-other-keys-")));
            const foreign = await mintToken(other, { issuer: POOL_ISSUER, subject: "eve", claims: { token_use: "id" } });
            const wrongPool = await mintToken(keys, { issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other", subject: "eve", claims: { token_use: "id" } });
            for (const t of [foreign, wrongPool]) expect((await api.call("/profile", { headers: { Authorization: t } })).status).to.equal(401);
        });
    });

    describe("API keys, usage plans and stage throttles", () => {
        // api-gateway-api-usage-plans.html, supported-gateway-response-types.html: INVALID_API_KEY 403.
        it("answers 403 Forbidden without a key, with an unknown or disabled key, or one in no usage plan", async () => {
            for (const key of [undefined, "nope-0123456789abcdefghij", "disabled-key-0123456789ab", "planless-key-0123456789ab"]) {
                const answer = await api.call("/metered", { headers: key ? { "x-api-key": key } : {} });
                expect([answer.status, answer.json().message, answer.headers.get("x-amzn-errortype")], String(key)).to.deep.equal([403, "Forbidden", "ForbiddenException"]);
            }
        });

        // api-gateway-request-throttling.html: token bucket, burst is the bucket, rate refills it; 429 when empty.
        // Quota: requests per period per key; beyond it 429 QUOTA_EXCEEDED.
        it("throttles a key to its plan's rate and burst, then stops it at its quota until the next period", async () => {
            const call = () => api.call("/metered", { headers: { "x-api-key": "basic-key-0123456789abcdef" } });
            expect((await call()).status).to.equal(200);
            expect((await call()).status).to.equal(200);
            const throttled = await call();
            expect([throttled.status, throttled.json().message, throttled.headers.get("x-amzn-errortype")]).to.deep.equal([429, "Too Many Requests", "TooManyRequestsException"]);
            clock.advance(1000);
            expect((await call()).status).to.equal(200);
            clock.advance(1000);
            expect((await call()).status).to.equal(200);
            clock.advance(5000);
            const quota = await call();
            expect([quota.status, quota.json().message, quota.headers.get("x-amzn-errortype")]).to.deep.equal([429, "Limit Exceeded", "LimitExceededException"]);
            clock.advance(24 * 3600 * 1000);
            expect((await call()).status).to.equal(200);
        });

        it("applies a plan's per-method throttle on top of its plan throttle", async () => {
            const call = () => api.call("/metered", { headers: { "x-api-key": "gold-key-0123456789abcdef" } });
            expect((await call()).status).to.equal(200);
            expect((await call()).status).to.equal(429);
        });

        it("applies a method's own stage throttle, each method with its own bucket", async () => {
            expect((await api.call("/busy")).status).to.equal(200);
            expect((await api.call("/busy")).status).to.equal(200);
            expect((await api.call("/busy")).status).to.equal(429);
            expect((await api.call("/calm")).status).to.equal(200);
        });

        // api-gateway-api-key-source.html: with source AUTHORIZER the key is the authorizer's usageIdentifierKey.
        it("takes the key from the authorizer's usageIdentifierKey when the API's key source is AUTHORIZER", async () => {
            const viaAuthorizer = await serveTest(
                definition(
                    {
                        paths: { "/r": { get: { security: [{ users: [], api_key: [] }], ...mock('{"ok":true}') } } },
                        components: { securitySchemes: { users: DOCUMENT.components.securitySchemes.usersUncached, api_key: DOCUMENT.components.securitySchemes.api_key } },
                        "x-amazon-apigateway-api-key-source": "AUTHORIZER",
                    },
                    { usagePlans: [{ name: "p", methodThrottles: {} }], apiKeys: [{ id: "k", name: "c", value: "authorizer-key-0123456789", enabled: true, usagePlans: ["p"] }] },
                ),
                { functions: [{ ...fixture("requestAuthorizer"), arn: functionArn("users") }] },
            );
            try {
                expect((await viaAuthorizer.call("/r", { headers: { "X-User": "alice", "x-usage-key": "authorizer-key-0123456789" } })).status).to.equal(200);
                // The x-api-key header does not count under AUTHORIZER.
                expect((await viaAuthorizer.call("/r", { headers: { "X-User": "alice", "x-api-key": "authorizer-key-0123456789" } })).status).to.equal(403);
            } finally {
                await viaAuthorizer.close();
            }
        });
    });
});
