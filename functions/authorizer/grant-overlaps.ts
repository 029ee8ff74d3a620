// Grants that cover exactly their route. The policy an authorizer returns allows each granted
// route by an execute-api pattern, and in IAM "*" also matches "/": the pattern of
// `GET /orders/{orderId}` (`GET/orders/*`) matches `GET/orders/1/audit`, which API Gateway sends
// to `GET /orders/{orderId}/audit`. So for every route a caller is NOT granted but some granted
// pattern reaches, the policy adds an explicit Deny of that route's pattern ("an explicit deny
// in any policy overrides any allows", IAM User Guide, "Policy evaluation logic":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
//
// A Deny can itself reach too far: the pattern of `GET /files/{id}/secret` (`GET/files/*/secret`)
// also matches `GET/files/a/b/secret`, which `GET /files/{proxy+}` serves. Where a caller could
// be granted a route and be denied requests of it that way, the route map is refused at
// validation (stack config and cold start alike), naming the routes.
//
// "Which requests does API Gateway send to a route" and "which requests does a pattern match"
// are answered exactly, as languages over request tokens (route-languages.ts).

import { parseRoute, type RoutePattern, routeResource } from "./routes";
import { type Slot, someRequestIn, type Term } from "./route-languages";

const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const LITERAL = /^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/;

type Kind = "literal" | "variable" | "greedy";

function kindOf(segment: string): Kind {
    if (segment.endsWith("+}")) return "greedy";
    return segment === "*" || segment.startsWith("{") || !LITERAL.test(segment) ? "variable" : "literal";
}

/** The requests a route's method and path match, before precedence. */
function shapeOf(route: RoutePattern): Slot[] {
    const method: Slot = route.method === "ANY" ? { kind: "oneOf", tokens: METHODS } : { kind: "literal", token: route.method };
    return [method, ...route.segments.map((s): Slot => ({ literal: { kind: "literal", token: s } as Slot, variable: { kind: "one" } as Slot, greedy: { kind: "many" } as Slot })[kindOf(s)])];
}

/** What the route's execute-api pattern (`routeResource`) matches, as IAM matches `*`: any tokens, `/` included. */
function patternOf(route: RoutePattern): Slot[] {
    const method: Slot = route.method === "ANY" ? { kind: "many" } : { kind: "literal", token: route.method };
    return [method, ...route.segments.map((s): Slot => (kindOf(s) === "literal" ? { kind: "literal", token: s } : { kind: "many" }))];
}

const RANK: Record<Kind, number> = { literal: 0, variable: 1, greedy: 2 };

/**
 * How `winner` takes requests from `loser` when both match: "path" (a more specific resource gets
 * every method), "method" (same resource, a method of its own over ANY), or undefined.
 */
function precedence(winner: RoutePattern, loser: RoutePattern): "path" | "method" | undefined {
    const n = Math.min(winner.segments.length, loser.segments.length);
    for (let i = 0; i < n; i++) {
        const [w, l] = [RANK[kindOf(winner.segments[i])], RANK[kindOf(loser.segments[i])]];
        if (w !== l) return w < l ? "path" : undefined;
    }
    const samePath = winner.segments.length === loser.segments.length;
    return samePath && winner.method !== "ANY" && loser.method === "ANY" ? "method" : undefined;
}

/** False when no request can match both paths: a literal part differs, or the lengths cannot agree. Cheap, and enough to skip most pairs. */
function pathsMayMeet(a: RoutePattern, b: RoutePattern): boolean {
    const greedy = (r: RoutePattern) => r.segments.length > 0 && kindOf(r.segments.at(-1)!) === "greedy";
    const [la, lb] = [a.segments.length, b.segments.length];
    if (!greedy(a) && !greedy(b) && la !== lb) return false;
    if (greedy(a) && !greedy(b) && lb < la) return false;
    if (greedy(b) && !greedy(a) && la < lb) return false;
    for (let i = 0; i < Math.min(la, lb); i++) {
        if (kindOf(a.segments[i]) === "literal" && kindOf(b.segments[i]) === "literal" && a.segments[i] !== b.segments[i]) return false;
    }
    return true;
}

/** The requests API Gateway sends to `route` among `all`: its shape, less what more specific routes take. */
function servedBy(route: RoutePattern, all: readonly RoutePattern[]): Term[] {
    const terms: Term[] = [{ slots: shapeOf(route) }];
    for (const other of all) {
        if (other === route || !pathsMayMeet(other, route)) continue;
        const how = precedence(other, route);
        if (how === "path") terms.push({ slots: [{ kind: "oneOf", tokens: METHODS }, ...shapeOf(other).slice(1)], negate: true });
        else if (how === "method") terms.push({ slots: shapeOf(other), negate: true });
    }
    return terms;
}

/**
 * A pattern that starts with a literal method and first path part (no `*` before them) can
 * only match requests with that method and first part: a cheap "no" for most pairs of routes.
 */
function firstTokensDiffer(from: RoutePattern, to: RoutePattern): boolean {
    if (from.method === "ANY") return false;
    if (to.method !== "ANY" && to.method !== from.method) return true;
    const [a, b] = [from.segments[0], to.segments[0]];
    return a !== undefined && b !== undefined && kindOf(a) === "literal" && kindOf(b) === "literal" && a !== b;
}

/** Whether the pattern of `from` matches a request API Gateway sends to `to`. */
function reaches(from: RoutePattern, to: RoutePattern, all: readonly RoutePattern[]): boolean {
    if (firstTokensDiffer(from, to)) return false;
    const pattern = { slots: patternOf(from) };
    // Most pairs do not meet even before precedence: answer those from the two alone.
    return someRequestIn([pattern, { slots: shapeOf(to) }]) && someRequestIn([pattern, ...servedBy(to, all)]);
}

/** Whether every request `route` matches is one `grant` matches too, as API Gateway matches paths (a variable is one part). */
export function routeCovers(grant: RoutePattern, route: RoutePattern): boolean {
    return !someRequestIn([{ slots: shapeOf(route) }, { slots: shapeOf(grant), negate: true }]);
}

export interface RouteOverlaps {
    routes: RoutePattern[];
    /** reachedBy[j]: the routes whose pattern reaches requests of route j. */
    reachedBy: number[][];
}

export function routeOverlaps(routes: RoutePattern[]): RouteOverlaps {
    return { routes, reachedBy: routes.map((to, j) => routes.flatMap((from, i) => (i !== j && reaches(from, to, routes) ? [i] : []))) };
}

/** The resources to deny a caller granted `granted` (indexes into the route map): routes they are not granted that a granted pattern reaches. */
export function deniedResources(overlaps: RouteOverlaps, granted: ReadonlySet<number>): string[] {
    return overlaps.routes.flatMap((route, j) => (!granted.has(j) && overlaps.reachedBy[j].some((i) => granted.has(i)) ? [routeResource(route)] : []));
}

interface Grant {
    scopes?: string[];
    groups?: string[];
}

const tokensOf = (g: Grant) => new Set([...(g.scopes ?? []).map((s) => `scope ${s}`), ...(g.groups ?? []).map((g) => `group ${g}`)]);

/**
 * Route maps the explicit Deny cannot make exact: some caller granted route `c` and a route `a`
 * but not route `d` gets a Deny of `d` (a's pattern reaches d), and d's pattern also matches
 * requests API Gateway sends to c. Reported once per (d, c).
 */
export function grantConflicts(routes: Record<string, Grant>): { route: string; message: string }[] {
    const keys = Object.keys(routes);
    const parsed = keys.map((k) => parseRoute(k));
    if (parsed.some((p) => "problem" in p)) return []; // Reported as malformed routes.
    const patterns = parsed as RoutePattern[];
    const overlaps = routeOverlaps(patterns);
    const tokens = keys.map((k) => tokensOf(routes[k]));
    const grantsWithout = (i: number, d: number) => [...tokens[i]].some((t) => !tokens[d].has(t));
    const problems: { route: string; message: string }[] = [];
    patterns.forEach((_, d) => {
        const deniedBy = overlaps.reachedBy[d].filter((a) => grantsWithout(a, d));
        if (deniedBy.length === 0) return;
        patterns.forEach((_route, c) => {
            // reachedBy[c] already holds whether d's pattern reaches c's requests.
            if (c === d || !grantsWithout(c, d) || !overlaps.reachedBy[c].includes(d)) return;
            problems.push({
                route: keys[d],
                message:
                    `cannot be kept apart from ${JSON.stringify(keys[c])}: a caller granted ${JSON.stringify(keys[deniedBy[0]])} but not this route is denied it, ` +
                    `and that Deny (${routeResource(patterns[d])}, where "*" also matches "/") also matches requests API Gateway sends to ${JSON.stringify(keys[c])}; ` +
                    `grant this route to every scope and group of ${JSON.stringify(keys[c])}, or change the paths so that neither reaches the other`,
            });
        });
    });
    return problems;
}
