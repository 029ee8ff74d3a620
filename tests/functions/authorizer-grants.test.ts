// A grant covers exactly its route. The authorizer's policy allows each granted route by an
// execute-api pattern, where IAM's "*" matches any characters, "/" included (IAM User Guide,
// "IAM JSON policy elements: Resource"), so without more a grant of GET /orders/{orderId}
// (`GET/orders/*`) would also allow GET /orders/1/audit. Decisions here are IAM's answer over the
// returned policy (policyDecision: an explicit Deny wins, then any Allow), compared with which
// route API Gateway sends the request to: the most specific resource by path, whatever methods it
// has, then its own method over ANY (routerFor below says where each rule comes from).

import type { JWTPayload } from "jose";
import { expect } from "chai";
import fc from "fast-check";
import { createAuthorizer } from "../../functions/authorizer/authorize";
import { routeGrantProblems, type RouteGrant } from "../../functions/authorizer/settings";
import type { Operation } from "../../tools/local/gateway/document";
import { compileRoutes, matchRoute } from "../../tools/local/gateway/route";
import { GatewayFailure } from "../../tools/local/gateway/types";
import { methodArn, policyDecider, policyDecision, testSettings } from "./support/authorizer-harness";

/** An authorizer whose "token" is the caller's claims as JSON: the decision, not the signature, is under test. */
function claimsAuthorizer(routes: Record<string, RouteGrant>) {
    const authorize = createAuthorizer(testSettings("https://unused.example.com/jwks", { routes }), {
        verify: async (token) => JSON.parse(token) as JWTPayload,
        log: () => undefined,
    });
    return (scopes: string[], arn: string) => authorize(JSON.stringify({ sub: "caller", scope: scopes.join(" ") }), arn);
}

/** IAM's decision for each request over the policy returned for that same request. */
function authorizerFor(routes: Record<string, RouteGrant>) {
    const authorize = claimsAuthorizer(routes);
    return async (scopes: string[], method: string, path: string) => policyDecision(await authorize(scopes, methodArn(method, path)), methodArn(method, path));
}

/** IAM's decision for any request over the one policy returned for `triggerArn`, as API Gateway reuses it from its cache. */
async function cachedPolicy(routes: Record<string, RouteGrant>, scopes: string[], triggerArn: string) {
    return policyDecider(await claimsAuthorizer(routes)(scopes, triggerArn));
}

describe("JWT authorizer: a grant covers exactly its route", () => {
    it("does not let GET /orders/{orderId} reach GET /orders/{orderId}/audit, which is granted to others", async () => {
        const decide = authorizerFor({ "GET /orders/{orderId}": { scopes: ["orders/read"] }, "GET /orders/{orderId}/audit": { scopes: ["orders/audit"] } });
        expect(await decide(["orders/read"], "GET", "/orders/42")).to.equal("Allow");
        expect(await decide(["orders/read"], "GET", "/orders/42/audit")).to.equal("Deny");
        expect(await decide(["orders/audit"], "GET", "/orders/42/audit")).to.equal("Allow");
        expect(await decide(["orders/audit"], "GET", "/orders/42")).to.equal("Deny");
        expect(await decide(["orders/read", "orders/audit"], "GET", "/orders/42/audit")).to.equal("Allow");
    });

    it("does not let an ANY route's method wildcard reach a deeper path of another route", async () => {
        // The pattern of ANY /orders/{id} is */orders/*, and * also matches "GET/v2".
        const decide = authorizerFor({ "ANY /orders/{id}": { scopes: ["admin"] }, "GET /v2/orders/{id}": { scopes: ["v2"] } });
        expect(await decide(["admin"], "DELETE", "/orders/7")).to.equal("Allow");
        expect(await decide(["admin"], "GET", "/v2/orders/7")).to.equal("Deny");
        expect(await decide(["v2"], "GET", "/v2/orders/7")).to.equal("Allow");
    });

    it("adds no Deny where no granted pattern reaches another route: a literal sibling keeps its own grant", async () => {
        // GET /orders/{id}'s pattern matches GET/orders/summary, but API Gateway sends that request to the literal route.
        const decide = authorizerFor({ "GET /orders/summary": { scopes: ["reports"] }, "GET /orders/{id}": { scopes: ["orders/read"] } });
        expect(await decide(["reports"], "GET", "/orders/summary")).to.equal("Allow");
        expect(await decide(["orders/read"], "GET", "/orders/summary")).to.equal("Deny");
        expect(await decide(["orders/read"], "GET", "/orders/9")).to.equal("Allow");
    });

    it("refuses a route map where a Deny would also take requests of a granted route, naming both routes", () => {
        // A caller granted only the deep route is denied GET/files/* (the proxy), which also matches its own requests.
        const problems = routeGrantProblems({ "GET /files/{proxy+}": { scopes: ["files"] }, "GET /files/{id}/secret": { scopes: ["secrets"] } });
        expect(problems.map((p) => p.route)).to.have.members(["GET /files/{proxy+}", "GET /files/{id}/secret"]);
        expect(problems.find((p) => p.route === "GET /files/{proxy+}")!.message).to.match(/^cannot be kept apart from "GET \/files\/\{id\}\/secret": .*where "\*" also matches "\/"/);
        // Each route's callers are the other's in this shape, so only the same grants on both are exact.
        expect(routeGrantProblems({ "GET /files/{proxy+}": { scopes: ["files"] }, "GET /files/{id}/secret": { scopes: ["files"] } })).to.deep.equal([]);
    });
});

// --- property: the policy's decision is the grant of the route API Gateway picks ------------

const LITERALS = ["orders", "audit", "v2"];
const METHODS = ["GET", "POST", "DELETE"];
type Segment = string;
interface Route {
    method: string;
    segments: Segment[];
}

/**
 * Where API Gateway sends a request, answered by the local gateway's resource tree
 * (tools/local/gateway/route.ts), written apart from the authorizer. API Gateway picks the
 * resource by path alone: "When a proxy resource has non-proxy siblings, the sibling resources
 * are excluded from the representation of the proxy resource ... a method request against a
 * specific resource takes precedence over a method request against a generic resource at the
 * same level" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html#api-gateway-proxy-resource).
 * Then the method on that resource, or its ANY; when it has neither, API Gateway answers 403
 * MISSING_AUTHENTICATION_TOKEN itself ("an unsupported API method or resource",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html)
 * and the authorizer is not called: undefined here. A less specific resource that has the
 * method does not take the request.
 */
function routerFor(routes: Route[]): (method: string, resourcePath: string) => Route | undefined {
    const byOperation = new Map<Operation, Route>();
    const operations = routes.map((r) => {
        const op: Operation = { method: r.method, resourcePath: `/${r.segments.join("/")}`, parameters: [], bodyModels: {}, security: [] };
        byOperation.set(op, r);
        return op;
    });
    const table = compileRoutes(operations);
    return (method, resourcePath) => {
        const match = matchRoute(table, method, resourcePath);
        return match instanceof GatewayFailure ? undefined : byOperation.get(match.operation);
    };
}

const segmentArb = fc.constantFrom(...LITERALS, "{id}");
const routeArb: fc.Arbitrary<Route> = fc.record({
    method: fc.constantFrom("GET", "POST", "ANY"),
    segments: fc.tuple(fc.array(segmentArb, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([s, greedy]) => (greedy ? [...s.slice(0, -1), "{p+}"] : s)),
});
const scopeArb = fc.subarray(["a", "b", "c"], { minLength: 1 });

type Entry = [Route, string[]];
interface Request {
    method: string;
    /** `/orders/42` */
    path: string;
    arn: string;
}
const request = (method: string, path: string): Request => ({ method, path, arn: methodArn(method, path) });
const keyOf = (r: Route) => `${r.method} /${r.segments.join("/")}`;
const grantsOf = (entries: Entry[]) => Object.fromEntries(entries.map(([r, scopes]) => [keyOf(r), { scopes }]));

/** Every request of up to four path parts over the literals the routes use and one they do not. */
const REQUESTS: Request[] = (() => {
    const paths: string[][] = [[]];
    for (let length = 1; length <= 4; length++) paths.push(...paths.filter((p) => p.length === length - 1).flatMap((p) => [...LITERALS, "x"].map((t) => [...p, t])));
    return METHODS.flatMap((method) => paths.filter((p) => p.length > 0).map((p) => request(method, `/${p.join("/")}`)));
})();

/**
 * API Gateway caches the policy per token and applies it to every method the caller calls next
 * ("When Authorization Caching is activated on a Lambda authorizer, the returned IAM policy is cached. The cached IAM policy is then applied to any additional API requests made within the cache's specified time-to-live (TTL) period",
 * https://aws.amazon.com/ru/premiumsupport/knowledge-center/api-gateway-lambda-authorization-errors/),
 * so the policy returned for one request (`trigger`) is judged against every request the
 * authorizer is called for: IAM's decision must be the grant of the route API Gateway sends it to.
 */
async function expectCachedPolicyFollowsRouting(entries: Entry[], callerScopes: string[], trigger: Request): Promise<void> {
    const decide = await cachedPolicy(grantsOf(entries), callerScopes, trigger.arn);
    const routeFor = routerFor(entries.map(([r]) => r));
    const wrong: string[] = [];
    for (const { method, path, arn } of REQUESTS) {
        const target = routeFor(method, path);
        if (!target) continue; // API Gateway answers itself; the authorizer is not called.
        const grant = entries.find(([r]) => r === target)![1];
        const expected = grant.some((s) => callerScopes.includes(s)) ? "Allow" : "Deny";
        if (decide(arn) !== expected) wrong.push(`${method} ${path} → ${keyOf(target)}: expected ${expected}`);
    }
    expect(wrong, `policy from ${trigger.method} ${trigger.path}`).to.deep.equal([]);
}

const route = (key: string): Route => {
    const [method, path] = key.split(" ");
    return { method, segments: path.slice(1).split("/") };
};

describe("JWT authorizer: property — IAM's decision over the policy is the grant of the route API Gateway picks", () => {
    // fast-check seed 2140180491 (of the property as it was: 150 runs of up to 8 random requests). The old oracle sent GET /orders/orders to GET /{p+}, the only
    // route with GET whose path matches; API Gateway sends it to the resource /{id}/{p+}, a sibling of
    // /{p+} and so excluded from it, which has only POST: a 403 of its own, no authorizer call.
    const counterexample: Entry[] = [
        [route("GET /{p+}"), ["a", "c"]],
        [route("POST /{id}/{p+}"), ["c"]],
        [route("GET /{id}"), ["c"]],
        [route("GET /orders"), ["c"]],
    ];

    it("sends GET /orders/orders past GET /{p+} to /{id}/{p+}, which has no GET, so the authorizer is not called (seed 2140180491)", () => {
        const routes = counterexample.map(([r]) => r);
        const routeFor = routerFor(routes);
        expect(routeFor("GET", "/orders/orders")).to.equal(undefined);
        expect(routeFor("POST", "/orders/orders")).to.equal(routes[1]);
        // The sibling {id} also takes one-part paths, and the literal /orders its own.
        expect(routeFor("GET", "/x")).to.equal(routes[2]);
        expect(routeFor("GET", "/orders")).to.equal(routes[3]);
    });

    it("decides the seed-2140180491 route map as API Gateway routes it, for callers with scope a, c or both", async () => {
        for (const scopes of [["a"], ["c"], ["a", "c"]]) await expectCachedPolicyFollowsRouting(counterexample, scopes, request("GET", "/orders/orders"));
        // Scope a is granted GET /{p+} alone, which serves no request here: every authorizer call is denied.
        const decide = authorizerFor(grantsOf(counterexample));
        expect(await decide(["a"], "GET", "/x")).to.equal("Deny");
        expect(await decide(["c"], "GET", "/x")).to.equal("Allow");
    });

    // fast-check seed 1179835747 of the old property: it judged POST /orders/orders/orders as a request
    // for POST /{p+} (scope b) and found the policy of a scope-c caller allowing it. API Gateway takes
    // the first part by the {id} resource (a sibling of /{p+}, so excluded from it) and the rest by
    // /{id}/{p+}, which has only GET: a 403 of its own, no authorizer call. POST /x/orders is /{id}/orders.
    const secondCounterexample: Entry[] = [
        [route("GET /{id}/{p+}"), ["c"]],
        [route("POST /{p+}"), ["b"]],
        [route("POST /{id}/orders"), ["c"]],
    ];

    it("sends POST /orders/orders/orders to /{id}/{p+}, which has no POST, not to the sibling POST /{p+} (seed 1179835747)", async () => {
        const routes = secondCounterexample.map(([r]) => r);
        const routeFor = routerFor(routes);
        expect(routeFor("POST", "/orders/orders/orders")).to.equal(undefined);
        expect(routeFor("GET", "/orders/orders/orders")).to.equal(routes[0]);
        expect(routeFor("POST", "/x/orders")).to.equal(routes[2]);
        for (const scopes of [["b"], ["c"], ["b", "c"]]) await expectCachedPolicyFollowsRouting(secondCounterexample, scopes, request("POST", "/orders/orders/orders"));
    });

    it("allows a request exactly when the caller is granted the route it is sent to", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.uniqueArray(fc.tuple(routeArb, scopeArb), { minLength: 1, maxLength: 5, selector: ([r]) => keyOf(r) }),
                scopeArb,
                fc.constantFrom(...REQUESTS),
                async (entries, callerScopes, trigger) => {
                    // Maps the authorizer refuses (at validation and cold start) make no decisions.
                    fc.pre(routeGrantProblems(grantsOf(entries)).length === 0);
                    await expectCachedPolicyFollowsRouting(entries, callerScopes, trigger);
                },
            ),
            // FC_SEED replays a reported failure (fast-check prints the seed).
            { numRuns: 100, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
        );
    });
});
