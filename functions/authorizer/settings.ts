// The JWT authorizer's settings: what the component writes into the function's environment
// and what the handler reads back (and validates) at cold start. The rules here are also
// used by the stack-config schema, so a stack file and a handler agree on what is valid.

import { EnvReader, isStringList } from "../shared/settings-error";
import { grantConflicts } from "./grant-overlaps";
import { parseRoute } from "./routes";

export const JWT_ALGORITHMS = ["RS256", "ES256"] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** Which claim holds the audience: `aud` (OIDC/OAuth) or `client_id` (Cognito access tokens). */
export const AUDIENCE_CLAIMS = ["aud", "client_id"] as const;
export type AudienceClaim = (typeof AUDIENCE_CLAIMS)[number];

export const CLOCK_TOLERANCE_MAX_SECONDS = 300;
export const JWKS_TIMEOUT_MS = { min: 100, max: 10_000, default: 2_000 };

export interface RouteGrant {
    /** The caller may invoke the route when its token carries any of these scopes... */
    scopes?: string[];
    /** ...or it belongs to any of these groups. */
    groups?: string[];
}

export interface AuthorizerSettings {
    issuer: string;
    audience: string[];
    audienceClaim: AudienceClaim;
    jwksUrl: string;
    algorithms: JwtAlgorithm[];
    clockToleranceSeconds: number;
    groupsClaim: string;
    /** "METHOD /path" → who may call it. */
    routes: Record<string, RouteGrant>;
    jwksTimeoutMs: number;
}

export const AUTHORIZER_ENV = {
    issuer: "JWT_ISSUER",
    audience: "JWT_AUDIENCE",
    audienceClaim: "JWT_AUDIENCE_CLAIM",
    jwksUrl: "JWT_JWKS_URL",
    algorithms: "JWT_ALGORITHMS",
    clockToleranceSeconds: "JWT_CLOCK_TOLERANCE_SECONDS",
    groupsClaim: "JWT_GROUPS_CLAIM",
    routes: "JWT_ROUTES",
    jwksTimeoutMs: "JWT_JWKS_TIMEOUT_MS",
} as const satisfies Record<keyof AuthorizerSettings, string>;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Issuer and JWKS URLs must be https; plain http is accepted only for loopback hosts, which
 * is what tests serve keys from and which no Lambda function can reach.
 */
export function urlProblem(value: string): string | undefined {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return `must be an absolute https:// URL (got ${JSON.stringify(value)})`;
    }
    if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
        return url.username || url.password ? `must not contain credentials (got ${JSON.stringify(value)})` : undefined;
    }
    return `must be an https:// URL (got ${JSON.stringify(value)})`;
}

export function grantProblem(grant: RouteGrant): string | undefined {
    return (grant.scopes?.length ?? 0) + (grant.groups?.length ?? 0) === 0
        ? "must list at least one scope or group (a route nobody may call needs no entry)"
        : undefined;
}

/** Problems with the route map, keyed by route ("" for the map itself). */
export function routeGrantProblems(routes: Record<string, RouteGrant>): { route: string; message: string }[] {
    const problems: { route: string; message: string }[] = [];
    const entries = Object.entries(routes);
    if (entries.length === 0) {
        problems.push({ route: "", message: "must grant at least one route" });
    }
    for (const [route, grant] of entries) {
        const parsed = parseRoute(route);
        if ("problem" in parsed) {
            problems.push({ route, message: parsed.problem });
        } else {
            const problem = grantProblem(grant);
            if (problem) problems.push({ route, message: problem });
        }
    }
    // Only a map whose grants can each be made exact by explicit Denies is accepted.
    problems.push(...grantConflicts(routes));
    return problems;
}

function readRoutes(reader: EnvReader): Record<string, RouteGrant> {
    const key = AUTHORIZER_ENV.routes;
    const raw = reader.json(key);
    if (raw === undefined) {
        return {};
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        reader.problem(key, 'must be a JSON object of "METHOD /path" → { scopes, groups }');
        return {};
    }
    const routes: Record<string, RouteGrant> = {};
    for (const [route, grant] of Object.entries(raw as Record<string, unknown>)) {
        const g = grant as Record<string, unknown> | null;
        const valid =
            typeof g === "object" && g !== null && Object.keys(g).every((k) => k === "scopes" || k === "groups") &&
            (g.scopes === undefined || isStringList(g.scopes)) && (g.groups === undefined || isStringList(g.groups));
        if (!valid) {
            reader.problem(key, `route ${JSON.stringify(route)} must map to { scopes?: string[], groups?: string[] }`);
            continue;
        }
        routes[route] = {
            ...(g.scopes === undefined ? {} : { scopes: g.scopes as string[] }),
            ...(g.groups === undefined ? {} : { groups: g.groups as string[] }),
        };
    }
    for (const p of routeGrantProblems(routes)) {
        reader.problem(key, p.route ? `route ${JSON.stringify(p.route)} ${p.message}` : p.message);
    }
    return routes;
}

function oneOf<T extends string>(reader: EnvReader, key: string, value: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) {
        reader.problem(key, `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
    }
    return value as T;
}

export function authorizerSettingsFromEnv(env: Record<string, string | undefined>): AuthorizerSettings {
    const reader = new EnvReader(env);
    const e = AUTHORIZER_ENV;
    const issuer = reader.string(e.issuer);
    const jwksUrl = reader.string(e.jwksUrl);
    for (const [key, value] of [[e.issuer, issuer], [e.jwksUrl, jwksUrl]] as const) {
        const problem = value === "" ? undefined : urlProblem(value);
        if (problem) reader.problem(key, problem);
    }
    const audience = reader.nonEmptyStringList(e.audience, "must list at least one audience");
    const algorithms = env[e.algorithms] === undefined ? [...JWT_ALGORITHMS] : reader.stringList(e.algorithms);
    if (algorithms.length === 0 || algorithms.some((a) => !JWT_ALGORITHMS.includes(a as JwtAlgorithm))) {
        reader.problem(e.algorithms, `must be a non-empty JSON list of ${JWT_ALGORITHMS.join(", ")} (got ${JSON.stringify(env[e.algorithms])})`);
    }
    const groupsClaim = reader.optionalString(e.groupsClaim, "cognito:groups");
    return reader.done("JWT authorizer", {
        issuer,
        audience,
        audienceClaim: oneOf(reader, e.audienceClaim, reader.optionalString(e.audienceClaim, "aud"), AUDIENCE_CLAIMS),
        jwksUrl,
        algorithms: algorithms as JwtAlgorithm[],
        clockToleranceSeconds: reader.integer(e.clockToleranceSeconds, 30, 0, CLOCK_TOLERANCE_MAX_SECONDS),
        groupsClaim,
        routes: readRoutes(reader),
        jwksTimeoutMs: reader.integer(e.jwksTimeoutMs, JWKS_TIMEOUT_MS.default, JWKS_TIMEOUT_MS.min, JWKS_TIMEOUT_MS.max),
    });
}

/** The environment the component sets; `authorizerSettingsFromEnv` reads it back unchanged. */
export function authorizerEnvironment(settings: AuthorizerSettings): Record<string, string> {
    const e = AUTHORIZER_ENV;
    return {
        [e.issuer]: settings.issuer,
        [e.audience]: JSON.stringify(settings.audience),
        [e.audienceClaim]: settings.audienceClaim,
        [e.jwksUrl]: settings.jwksUrl,
        [e.algorithms]: JSON.stringify(settings.algorithms),
        [e.clockToleranceSeconds]: String(settings.clockToleranceSeconds),
        [e.groupsClaim]: settings.groupsClaim,
        [e.routes]: JSON.stringify(settings.routes),
        [e.jwksTimeoutMs]: String(settings.jwksTimeoutMs),
    };
}
