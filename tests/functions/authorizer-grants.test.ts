// A grant covers exactly its route. The authorizer's policy allows each granted route by an
// execute-api pattern, where IAM's "*" matches any characters, "/" included (IAM User Guide,
// "IAM JSON policy elements: Resource"), so without more a grant of GET /orders/{orderId}
// (`GET/orders/*`) would also allow GET /orders/1/audit. Decisions here are IAM's answer over the
// returned policy (policyDecision: an explicit Deny wins, then any Allow), compared with which
// route API Gateway sends the request to (most specific path first, a method of its own over ANY).

import type { JWTPayload } from "jose";
import { expect } from "chai";
import fc from "fast-check";
import { createAuthorizer } from "../../functions/authorizer/authorize";
import { routeGrantProblems, type RouteGrant } from "../../functions/authorizer/settings";
import { methodArn, policyDecision, testSettings } from "./support/authorizer-harness";

/** An authorizer whose "token" is the caller's claims as JSON: the decision, not the signature, is under test. */
function authorizerFor(routes: Record<string, RouteGrant>) {
    const authorize = createAuthorizer(testSettings("https://unused.example.com/jwks", { routes }), {
        verify: async (token) => JSON.parse(token) as JWTPayload,
        log: () => undefined,
    });
    return async (scopes: string[], method: string, path: string) => {
        const result = await authorize(JSON.stringify({ sub: "caller", scope: scopes.join(" ") }), methodArn(method, path));
        return policyDecision(result, methodArn(method, path));
    };
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

const kind = (s: Segment) => (s.endsWith("+}") ? 2 : s.startsWith("{") ? 1 : 0);

/** API Gateway's routing, written out for the test: the matching route with the most specific path, then its own method over ANY. */
function routeFor(routes: Route[], method: string, path: string[]): Route | undefined {
    const matches = routes.filter((r) => {
        if (r.method !== "ANY" && r.method !== method) return false;
        const greedy = r.segments.length > 0 && kind(r.segments.at(-1)!) === 2;
        if (greedy ? path.length < r.segments.length : path.length !== r.segments.length) return false;
        return r.segments.every((s, i) => kind(s) > 0 || s === path[i]);
    });
    const byPath = (a: Route, b: Route) => {
        for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
            if (kind(a.segments[i]) !== kind(b.segments[i])) return kind(a.segments[i]) - kind(b.segments[i]);
        }
        return 0;
    };
    // Path precedence among every matching resource, whatever its methods; then the method on that resource.
    const paths = routes.filter((r) => matches.some((m) => m.segments.join("/") === r.segments.join("/")) || matches.includes(r));
    const best = [...paths].sort(byPath)[0];
    if (!best) return undefined;
    const onBest = matches.filter((m) => byPath(m, best) === 0 && m.segments.length === best.segments.length);
    return onBest.find((m) => m.method === method) ?? onBest.find((m) => m.method === "ANY");
}

const segmentArb = fc.constantFrom(...LITERALS, "{id}");
const routeArb: fc.Arbitrary<Route> = fc.record({
    method: fc.constantFrom("GET", "POST", "ANY"),
    segments: fc.tuple(fc.array(segmentArb, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([s, greedy]) => (greedy ? [...s.slice(0, -1), "{p+}"] : s)),
});
const scopeArb = fc.subarray(["a", "b", "c"], { minLength: 1 });

describe("JWT authorizer: property — IAM's decision over the policy is the grant of the route API Gateway picks", () => {
    it("allows a request exactly when the caller is granted the route it is sent to", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.uniqueArray(fc.tuple(routeArb, scopeArb), { minLength: 1, maxLength: 5, selector: ([r]) => `${r.method} /${r.segments.join("/")}` }),
                scopeArb,
                fc.array(fc.tuple(fc.constantFrom(...METHODS), fc.array(fc.constantFrom(...LITERALS, "x"), { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 8 }),
                async (entries, callerScopes, requests) => {
                    const routes = Object.fromEntries(entries.map(([r, scopes]) => [`${r.method} /${r.segments.join("/")}`, { scopes }]));
                    // Maps the authorizer refuses (at validation and cold start) make no decisions.
                    fc.pre(routeGrantProblems(routes).length === 0);
                    const decide = authorizerFor(routes);
                    const all = entries.map(([r]) => r);
                    for (const [method, path] of requests) {
                        const target = routeFor(all, method, path);
                        if (!target) continue; // API Gateway answers itself; the authorizer is not called.
                        const grant = entries.find(([r]) => r === target)![1];
                        const expected = grant.some((s) => callerScopes.includes(s)) ? "Allow" : "Deny";
                        expect(await decide(callerScopes, method, `/${path.join("/")}`), `${method} /${path.join("/")} → ${target.method} /${target.segments.join("/")}`).to.equal(expected);
                    }
                },
            ),
            { numRuns: 150 },
        );
    });
});
