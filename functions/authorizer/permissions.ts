// Which routes a verified caller may invoke: a route is granted when the token carries any
// of its scopes or the caller is in any of its groups.

import type { JWTPayload } from "jose";
import { deniedResources, routeOverlaps, type RouteOverlaps } from "./grant-overlaps";
import { parseRoute, type RoutePattern, routeResource } from "./routes";
import type { RouteGrant } from "./settings";

export interface CompiledGrant {
    /** `METHOD/path` with wildcards, as in an execute-api ARN. */
    resource: string;
    scopes: ReadonlySet<string>;
    groups: ReadonlySet<string>;
}

export interface CompiledGrants {
    grants: CompiledGrant[];
    /** Which routes' patterns reach which routes' requests, for the explicit Denies. */
    overlaps: RouteOverlaps;
}

/** Routes are validated at cold start; an unparseable one here is a programming error. */
export function compileGrants(routes: Record<string, RouteGrant>): CompiledGrants {
    const patterns: RoutePattern[] = [];
    const grants = Object.entries(routes).map(([route, grant]) => {
        const parsed = parseRoute(route);
        if ("problem" in parsed) {
            throw new Error(`route ${JSON.stringify(route)} ${parsed.problem}`);
        }
        patterns.push(parsed);
        return { resource: routeResource(parsed), scopes: new Set(grant.scopes ?? []), groups: new Set(grant.groups ?? []) };
    });
    return { grants, overlaps: routeOverlaps(patterns) };
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

/**
 * The resources a caller may invoke, and those to deny explicitly: routes not granted to the
 * caller whose requests a granted pattern would otherwise reach (see grant-overlaps.ts).
 */
export function callerResources(compiled: CompiledGrants, scopes: readonly string[], groups: readonly string[]): { allow: string[]; deny: string[] } {
    const granted = new Set<number>();
    compiled.grants.forEach((grant, i) => {
        if (scopes.some((s) => grant.scopes.has(s)) || groups.some((g) => grant.groups.has(g))) {
            granted.add(i);
        }
    });
    const allow = [...new Set([...granted].map((i) => compiled.grants[i].resource))].sort();
    return { allow, deny: [...new Set(deniedResources(compiled.overlaps, granted))].sort() };
}
