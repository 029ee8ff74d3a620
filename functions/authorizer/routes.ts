// Route patterns ("GET /orders/{orderId}") and the execute-api resource each one grants.
// Shared by the handler (building the policy) and the stack-config schema (validating it).

export const ROUTE_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "ANY"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export interface RoutePattern {
    method: RouteMethod;
    /** Path segments; `{name}`, `{name+}` and `*` are variables. Empty for the root `/`. */
    segments: string[];
}

const LITERAL_SEGMENT = /^[A-Za-z0-9._~-]+$/;
const VARIABLE_SEGMENT = /^(\{[A-Za-z_][A-Za-z0-9_]*\+?\}|\*)$/;

/** Parses "METHOD /path"; returns a message ("must be ... (got ...)") when it is not one. */
export function parseRoute(route: string): RoutePattern | { problem: string } {
    const match = /^([A-Z]+) (\/.*)$/.exec(route);
    const got = `(got ${JSON.stringify(route)})`;
    if (!match) {
        return { problem: `must be "METHOD /path", e.g. "GET /orders/{orderId}" ${got}` };
    }
    const method = match[1] as RouteMethod;
    if (!ROUTE_METHODS.includes(method)) {
        return { problem: `must start with one of ${ROUTE_METHODS.join(", ")} ${got}` };
    }
    const path = match[2];
    const segments = path === "/" ? [] : path.slice(1).split("/");
    for (const [i, segment] of segments.entries()) {
        if (!LITERAL_SEGMENT.test(segment) && !VARIABLE_SEGMENT.test(segment)) {
            return { problem: `must have path segments of letters, digits, ._~- or a {variable} ${got}` };
        }
        if (segment.endsWith("+}") && i !== segments.length - 1) {
            return { problem: `may use a greedy {variable+} only as the last segment ${got}` };
        }
    }
    return { method, segments };
}

/**
 * The part of an execute-api ARN after `{apiId}/{stage}/` that a route grants. Variables
 * become `*`. In IAM, `*` also matches `/`, so `/orders/{id}` grants `/orders/1/items` too:
 * API Gateway offers no single-segment wildcard.
 */
export function routeResource(route: RoutePattern): string {
    const method = route.method === "ANY" ? "*" : route.method;
    const path = route.segments.map((s) => (LITERAL_SEGMENT.test(s) ? s : "*")).join("/");
    return `${method}/${path}`;
}
