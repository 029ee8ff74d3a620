// API Gateway quotas that are cheaper to hit at construction than half-way through a
// deployment. Each message names the API and, where one is to blame, the route.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html:
// "Resources per API: 300, can be increased"; a per-API quota "can only be increased on specific
// APIs, not for all the APIs in an account". So the resource count is checked against the API's
// own `resourceQuota` (config, default 300); the other limits here are fixed for every API.

import { newResources, pathSegments } from "@gatevault/aws-model/apigateway/paths";
import { DEFAULT_RESOURCE_QUOTA } from "../../config/api";
import type { KeyPath } from "../../config/problems";
import type { BuildContext } from "./context";

export const API_LIMITS = {
    /** API Gateway's default quota; an API whose quota was raised says so in `resourceQuota`. */
    resourcesPerApi: DEFAULT_RESOURCE_QUOTA,
    authorizersPerApi: 10,
    resourcePolicyCharacters: 8192,
    /** The largest OpenAPI definition API Gateway imports. */
    documentBytes: 6 * 1024 * 1024,
} as const;

/** Room left for each reference token's resolved value (an invoke URI is the longest, about 150). */
const RESOLVED_REFERENCE_BYTES = 256;

export interface RoutedPath {
    path: string;
    key: string;
    /** Key path of the route's path (or of the document it came from). */
    at: KeyPath;
}

/**
 * Counts resources as API Gateway does (the root plus each distinct path prefix) against the
 * API's quota (`resourceQuota`); returns the count.
 */
export function checkResourceCount(ctx: BuildContext, routes: readonly RoutedPath[]): number {
    const quota = ctx.api.resourceQuota;
    const present = new Set<string>(["/"]);
    let reported = false;
    for (const route of routes) {
        for (const r of newResources(route.path, present)) present.add(r);
        if (!reported && present.size > quota) {
            reported = true;
            ctx.problems.add(
                route.at,
                `route ${route.key} takes ${ctx.label} past ${quota} API Gateway resources (each distinct path prefix is one, plus the root); split the API, use a {proxy+} route, or raise the API's "Resources per API" quota and set resourceQuota`,
            );
        }
    }
    if (reported) {
        ctx.problems.add([...ctx.at, "routes"], `${ctx.label} needs ${present.size} API Gateway resources (its quota is ${quota}: resourceQuota)`);
    }
    return present.size;
}

/** `/a/{id}` and `/a/{key}` would be two variables on one resource, which API Gateway rejects. */
export function checkVariableSiblings(ctx: BuildContext, routes: readonly RoutedPath[]): void {
    const variableUnder = new Map<string, { segment: string; key: string }>();
    for (const route of routes) {
        let parent = "";
        for (const segment of pathSegments(route.path)) {
            if (segment.startsWith("{")) {
                const first = variableUnder.get(parent);
                if (first && first.segment !== segment) {
                    ctx.problems.add(
                        route.at,
                        `route ${route.key} puts variable ${segment} where route ${first.key} has ${first.segment} (under ${parent || "/"}); API Gateway allows one variable per position, so use the same name`,
                    );
                    break;
                }
                variableUnder.set(parent, { segment, key: route.key });
            }
            parent += `/${segment}`;
        }
    }
}

export function checkAuthorizerCount(ctx: BuildContext, schemes: Record<string, unknown>): void {
    const count = Object.values(schemes).filter((s) => typeof s === "object" && s !== null && "x-amazon-apigateway-authorizer" in s).length;
    if (count > API_LIMITS.authorizersPerApi) {
        ctx.problems.add([...ctx.at, "authorizers"], `${ctx.label} has ${count} authorizers (limit ${API_LIMITS.authorizersPerApi} per API); share authorizers between routes`);
    }
}

export function checkPolicySize(ctx: BuildContext, policy: unknown, at: KeyPath): void {
    const size = JSON.stringify(policy).length;
    if (size > API_LIMITS.resourcePolicyCharacters) {
        ctx.problems.add(at, `the resource policy of ${ctx.label} would be ${size} characters (limit ${API_LIMITS.resourcePolicyCharacters})`);
    }
}

export function checkDocumentSize(ctx: BuildContext, text: string, referenceCount: number, at: KeyPath): void {
    const bytes = Buffer.byteLength(text, "utf8") + referenceCount * RESOLVED_REFERENCE_BYTES;
    if (bytes > API_LIMITS.documentBytes) {
        ctx.problems.add(at, `the OpenAPI document of ${ctx.label} would be about ${(bytes / 1024 / 1024).toFixed(1)} MB (API Gateway imports at most 6 MB); split the API`);
    }
}
