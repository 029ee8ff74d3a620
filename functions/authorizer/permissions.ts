// Which routes a verified caller may invoke: a route is granted when the token carries any
// of its scopes or the caller is in any of its groups.

import type { JWTPayload } from "jose";
import { parseRoute, routeResource } from "./routes";
import type { RouteGrant } from "./settings";

export interface CompiledGrant {
    /** `METHOD/path` with wildcards, as in an execute-api ARN. */
    resource: string;
    scopes: ReadonlySet<string>;
    groups: ReadonlySet<string>;
}

/** Routes are validated at cold start; an unparseable one here is a programming error. */
export function compileGrants(routes: Record<string, RouteGrant>): CompiledGrant[] {
    return Object.entries(routes).map(([route, grant]) => {
        const parsed = parseRoute(route);
        if ("problem" in parsed) {
            throw new Error(`route ${JSON.stringify(route)} ${parsed.problem}`);
        }
        return { resource: routeResource(parsed), scopes: new Set(grant.scopes ?? []), groups: new Set(grant.groups ?? []) };
    });
}

function words(value: unknown): string[] {
    if (typeof value === "string") {
        return value.split(" ").filter((w) => w !== "");
    }
    if (Array.isArray(value)) {
        return value.filter((v): v is string => typeof v === "string" && v !== "");
    }
    return [];
}

/** OAuth `scope` (space-delimited, RFC 8693) or the `scp` list some issuers use. */
export function scopesOf(claims: JWTPayload): string[] {
    return [...new Set([...words(claims.scope), ...words(claims.scp)])];
}

export function groupsOf(claims: JWTPayload, claim: string): string[] {
    return [...new Set(words(claims[claim]))];
}

export function allowedResources(grants: readonly CompiledGrant[], scopes: readonly string[], groups: readonly string[]): string[] {
    const allowed = new Set<string>();
    for (const grant of grants) {
        if (scopes.some((s) => grant.scopes.has(s)) || groups.some((g) => grant.groups.has(g))) {
            allowed.add(grant.resource);
        }
    }
    return [...allowed].sort();
}
