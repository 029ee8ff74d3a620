import { expect } from "chai";
import { authorizerEnvironment, authorizerSettingsFromEnv, type AuthorizerSettings } from "../../functions/authorizer/settings";
import { HandlerSettingsError } from "../../functions/shared/settings-error";
import { settingsProblems } from "./support/settings-problems";
import { parseRoute, routeResource } from "../../functions/authorizer/routes";
import { testSettings } from "./support/authorizer-harness";

const problemsOf = (env: Record<string, string | undefined>) => settingsProblems(authorizerSettingsFromEnv, env);

describe("JWT authorizer settings", () => {
    const settings: AuthorizerSettings = testSettings("https://issuer.test.example/.well-known/jwks.json");

    it("round-trips through the environment the component sets", () => {
        expect(authorizerSettingsFromEnv(authorizerEnvironment(settings))).to.deep.equal(JSON.parse(JSON.stringify(settings)));
    });

    it("fills defaults for the optional variables", () => {
        const env = authorizerEnvironment(settings);
        for (const key of ["JWT_ALGORITHMS", "JWT_CLOCK_TOLERANCE_SECONDS", "JWT_AUDIENCE_CLAIM", "JWT_GROUPS_CLAIM", "JWT_JWKS_TIMEOUT_MS"]) {
            delete env[key];
        }
        const parsed = authorizerSettingsFromEnv(env);
        expect(parsed).to.include({ clockToleranceSeconds: 30, audienceClaim: "aud", groupsClaim: "cognito:groups", jwksTimeoutMs: 2000 });
        expect(parsed.algorithms).to.deep.equal(["RS256", "ES256"]);
    });

    it("reports every problem of a broken environment at once, by variable", () => {
        const problems = problemsOf({
            JWT_ISSUER: "http://issuer.example/",
            JWT_AUDIENCE: "[]",
            JWT_JWKS_URL: "https://user:pw@issuer.example/jwks",
            JWT_ALGORITHMS: '["HS256"]',
            JWT_CLOCK_TOLERANCE_SECONDS: "3600",
            JWT_AUDIENCE_CLAIM: "azp",
            JWT_ROUTES: '{"FETCH /orders": {"scopes": ["a"]}, "GET /orders": {}, "GET /x/{p+}/y": {"scopes": ["a"]}}',
            JWT_JWKS_TIMEOUT_MS: "fast",
        });
        const byKey = (key: string) => problems.filter((p) => p.key === key).map((p) => p.message);
        expect(byKey("JWT_ISSUER")).to.deep.equal(['must be an https:// URL (got "http://issuer.example/")']);
        expect(byKey("JWT_AUDIENCE")).to.deep.equal(["must list at least one audience"]);
        expect(byKey("JWT_JWKS_URL")[0]).to.match(/must not contain credentials/);
        expect(byKey("JWT_ALGORITHMS")[0]).to.match(/RS256, ES256/);
        expect(byKey("JWT_CLOCK_TOLERANCE_SECONDS")[0]).to.match(/from 0 to 300 \(got "3600"\)/);
        expect(byKey("JWT_AUDIENCE_CLAIM")[0]).to.match(/one of aud, client_id \(got "azp"\)/);
        expect(byKey("JWT_JWKS_TIMEOUT_MS")[0]).to.match(/whole number from 100 to 10000/);
        const routes = byKey("JWT_ROUTES");
        expect(routes).to.have.length(3);
        expect(routes[0]).to.match(/"FETCH \/orders" must start with one of GET/);
        expect(routes[1]).to.match(/"GET \/orders" must list at least one scope or group/);
        expect(routes[2]).to.match(/greedy \{variable\+\} only as the last segment/);
    });

    it("requires issuer, audience, JWKS URL and routes", () => {
        expect(problemsOf({}).map((p) => p.key)).to.have.members(["JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_ROUTES"]);
    });

    it("rejects route grants of the wrong shape and an empty route map", () => {
        expect(problemsOf({ ...authorizerEnvironment(settings), JWT_ROUTES: '{"GET /a": {"scope": ["x"]}}' })[0].message).to.match(/must map to \{ scopes/);
        expect(problemsOf({ ...authorizerEnvironment(settings), JWT_ROUTES: "{}" })[0].message).to.equal("must grant at least one route");
        expect(problemsOf({ ...authorizerEnvironment(settings), JWT_ROUTES: "[1]" })[0].message).to.match(/must be a JSON object/);
    });

    it("fails the cold start of the handler module on a bad environment, and starts on a good one", () => {
        const entry = require.resolve("../../functions/authorizer/token-handler");
        const saved = { ...process.env };
        try {
            delete require.cache[entry];
            delete process.env.JWT_ISSUER;
            expect(() => require(entry)).to.throw(HandlerSettingsError, /JWT_ISSUER: is required/);
            delete require.cache[entry];
            Object.assign(process.env, authorizerEnvironment(settings));
            expect(require(entry).handler).to.be.a("function");
        } finally {
            delete require.cache[entry];
            process.env = saved;
        }
    });
});

describe("route patterns", () => {
    const resourceOf = (route: string) => {
        const parsed = parseRoute(route);
        if ("problem" in parsed) throw new Error(parsed.problem);
        return routeResource(parsed);
    };

    it("turns path variables into wildcards and ANY into every method", () => {
        expect(resourceOf("GET /orders")).to.equal("GET/orders");
        expect(resourceOf("GET /orders/{orderId}/items/{itemId}")).to.equal("GET/orders/*/items/*");
        expect(resourceOf("ANY /files/{proxy+}")).to.equal("*/files/*");
        expect(resourceOf("GET /")).to.equal("GET/");
        expect(resourceOf("DELETE /orders/*")).to.equal("DELETE/orders/*");
    });

    it("rejects what API Gateway would not route", () => {
        for (const bad of ["get /orders", "GET orders", "GET /orders/", "GET //x", "GET /a b", "GET /{bad-name}", "GET /{p+}/x", "GET /or*ders"]) {
            expect(parseRoute(bad), bad).to.have.property("problem");
        }
    });
});
