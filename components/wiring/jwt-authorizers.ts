// API authorizers that name a JWT authorizer gatevault builds (`function: orders-jwt`). The
// JWT authorizer's config is the one source of its type and cache TTL: the API authorizer
// must agree with it and gets its TTL filled in, so the TTL lands in the document (and so in
// the deployment trigger). Its routes must grant every method it guards, or those methods
// would answer 403 to every caller.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import { operationKey, pathSegments } from "@gatevault/aws-model/apigateway/paths";
import type { ApiConfig, AuthorizerConfig } from "../config/api";
import type { JwtAuthorizerConfig } from "../config/authorizers";
import type { Problems } from "../config/problems";
import { JWT_IDENTITY_SOURCE } from "../functions/jwt-authorizer";
import { routeCovers } from "../../functions/authorizer/grant-overlaps";
import { parseRoute } from "../../functions/authorizer/routes";
import type { ApiDocument } from "../api";
import { describeFunction, suppliedFunction, SuppliedNames } from "./supplied";

interface LinkedJwt {
    name: string;
    index: number;
    config: JwtAuthorizerConfig;
}

/** The JWT authorizer an API authorizer names, if it names one gatevault builds. */
function jwtOf(a: AuthorizerConfig, supplied: SuppliedNames): LinkedJwt | undefined {
    const f = suppliedFunction(a.function, supplied);
    return f?.kind === "jwt-authorizer" ? { name: a.function!, index: f.index, config: f.config } : undefined;
}

const sameSource = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function linkAuthorizer(a: AuthorizerConfig, at: (string | number)[], supplied: SuppliedNames, problems: Problems): AuthorizerConfig {
    const f = suppliedFunction(a.function, supplied);
    if (f?.kind === "uploads") {
        problems.add([...at, "function"], `names ${describeFunction(a.function!, f)}, which is not an authorizer; name one of gatevault:jwtAuthorizers`);
        return a;
    }
    const jwt = jwtOf(a, supplied);
    if (!jwt) return a;
    const source = `gatevault:jwtAuthorizers[${jwt.index}]`;
    if (a.type !== jwt.config.type) {
        problems.add([...at, "type"], `must be ${jwt.config.type}, the type of ${source} ("${jwt.name}") (got ${a.type})`);
    }
    if (a.resultTtlSeconds !== undefined && a.resultTtlSeconds !== jwt.config.resultTtlSeconds) {
        problems.add(
            [...at, "resultTtlSeconds"],
            `must be omitted (or equal ${source}.resultTtlSeconds, ${jwt.config.resultTtlSeconds}): the JWT authorizer's config sets the cache TTL (got ${a.resultTtlSeconds})`,
        );
    }
    // The cache is keyed by the identity sources: without the token among them, one caller's
    // cached Allow would answer for another's token.
    if (a.identitySources && !a.identitySources.some((s) => sameSource(s, JWT_IDENTITY_SOURCE))) {
        problems.add(
            [...at, "identitySources"],
            `must include ${JWT_IDENTITY_SOURCE}: ${source} ("${jwt.name}") reads the bearer token there (got ${a.identitySources.join(", ")})`,
        );
    }
    return { ...a, resultTtlSeconds: jwt.config.resultTtlSeconds };
}

/** The APIs with JWT authorizers linked (TTL from the JWT authorizer), and every disagreement as a problem. */
export function linkJwtAuthorizers(apis: readonly ApiConfig[], supplied: SuppliedNames, problems: Problems): ApiConfig[] {
    return apis.map((api, i) => {
        const authorizers = Object.fromEntries(
            Object.entries(api.authorizers).map(([name, a]) => [name, linkAuthorizer(a, ["apis", i, "authorizers", name], supplied, problems)]),
        );
        api.routes.forEach((route, j) => {
            const fn = route.integration?.function;
            const f = suppliedFunction(fn, supplied);
            if (f?.kind === "jwt-authorizer") {
                problems.add(
                    ["apis", i, "routes", j, "integration", "function"],
                    `names ${describeFunction(fn!, f)}, which answers API Gateway's authorizer calls, not requests (route ${route.method} ${route.path}); name it from authorizers.<name>.function`,
                );
            }
        });
        const fallback = api.openApi?.defaultIntegration?.function;
        const f = suppliedFunction(fallback, supplied);
        if (f?.kind === "jwt-authorizer") {
            problems.add(["apis", i, "openApi", "defaultIntegration", "function"], `names ${describeFunction(fallback!, f)}, which answers authorizer calls, not requests`);
        }
        return { ...api, authorizers };
    });
}

/**
 * Whether some entry of the JWT authorizer's routes grants this method: an entry whose method
 * and path match every request of the route, a `{variable}` standing for one path part and a
 * greedy one for the rest. An entry's policy pattern reaches further (IAM's `*` crosses `/`),
 * but the authorizer denies what lies beyond its route (functions/authorizer/grant-overlaps.ts),
 * so only an exact cover grants.
 */
export function jwtRoutesCover(routes: Readonly<Record<string, unknown>>, method: HttpMethod, path: string): boolean {
    const route = { method, segments: pathSegments(path) };
    return Object.keys(routes).some((key) => {
        const parsed = parseRoute(key);
        return !("problem" in parsed) && routeCovers(parsed, route);
    });
}

/** Methods guarded by a JWT authorizer whose routes grant them to nobody. */
export function jwtCoverageProblems(
    apis: readonly ApiConfig[],
    documents: readonly (ApiDocument | undefined)[],
    supplied: SuppliedNames,
    problems: Problems,
): void {
    apis.forEach((api, i) => {
        const doc = documents[i];
        const linked = Object.entries(api.authorizers)
            .map(([name, a]) => [name, jwtOf(a, supplied)] as const)
            .filter((e): e is readonly [string, LinkedJwt] => e[1] !== undefined);
        if (!doc || linked.length === 0) return;
        const paths = doc.document.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
        for (const op of doc.operations) {
            const security = paths[op.path]?.[operationKey(op.method)]?.security ?? [];
            for (const [name, jwt] of linked) {
                if (!security.some((requirement) => name in requirement) || jwtRoutesCover(jwt.config.routes, op.method, op.path)) continue;
                const j = api.routes.findIndex((r) => r.method === op.method && r.path === op.path);
                const route = api.routes[j];
                const at = route?.authorizer !== undefined ? ["apis", i, "routes", j, "authorizer"] : ["apis", i, "defaultAuthorizer"];
                problems.add(
                    at,
                    `puts authorizer ${name} on ${op.key}, but gatevault:jwtAuthorizers[${jwt.index}] ("${jwt.name}") grants that route to nobody, so every call would be denied; ` +
                        `add "${op.key}" to gatevault:jwtAuthorizers[${jwt.index}].routes or use another authorizer there`,
                );
            }
        }
    });
}
