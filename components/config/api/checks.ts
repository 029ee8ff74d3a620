// Rules that relate fields of one API to each other (routes to authorizers, models, tiers;
// endpoint type to endpoints and domain). They run on the API object, the innermost one
// holding all the fields involved.

import { Ctx, issue, listOf } from "../issues";
import type { AuthorizerConfig } from "./authorizers";
import type { CorsConfig } from "./cors";
import type { CustomDomainConfig } from "./domain";
import { routeKey } from "./http";
import type { ModelConfig } from "./models";
import type { OpenApiSourceConfig } from "./openapi";
import { NO_AUTHORIZER, RouteConfig } from "./route";
import type { ClientConfig, UsagePlanConfig } from "./usage-plans";

/** The fields the cross-field rules read, as the schema produces them. */
export interface CheckedApi {
    endpointType: "EDGE" | "REGIONAL" | "PRIVATE";
    vpcEndpointIds?: string[];
    customDomain?: CustomDomainConfig;
    cors?: CorsConfig;
    authorizers: Record<string, AuthorizerConfig>;
    defaultAuthorizer?: string;
    requireApiKey: boolean;
    apiKeySource: "HEADER" | "AUTHORIZER";
    models: Record<string, ModelConfig>;
    usagePlans: Record<string, UsagePlanConfig>;
    clients: Record<string, ClientConfig>;
    binaryMediaTypes: string[];
    allowAnyBinaryMediaType: boolean;
    openApi?: OpenApiSourceConfig;
    routes: RouteConfig[];
    stage: { cache?: unknown };
}

function checkEndpoint(api: CheckedApi, ctx: Ctx): void {
    const ids = api.vpcEndpointIds ?? [];
    if (api.endpointType === "PRIVATE" && ids.length === 0) {
        issue(ctx, ["vpcEndpointIds"], "is required for PRIVATE APIs: list the VPC endpoint ids (vpce-…) or names of endpoints the program supplies", undefined);
    }
    if (api.endpointType !== "PRIVATE" && api.vpcEndpointIds !== undefined) {
        issue(ctx, ["vpcEndpointIds"], `is only used by PRIVATE APIs (this one is ${api.endpointType})`, api.vpcEndpointIds);
    }
    if (api.customDomain && api.endpointType === "PRIVATE") {
        issue(ctx, ["customDomain"], "is not supported for PRIVATE APIs by gatevault (private custom domains need a domain access association)", api.customDomain.domainName);
    }
}

function checkBinaryTypes(api: CheckedApi, ctx: Ctx): void {
    const any = api.binaryMediaTypes.indexOf("*/*");
    if (any >= 0 && !api.allowAnyBinaryMediaType) {
        issue(
            ctx,
            ["binaryMediaTypes", any],
            "*/* makes every payload binary (JSON bodies arrive base64-encoded, CORS preflights can fail); list the binary types, or set allowAnyBinaryMediaType: true to force it",
            "*/*",
        );
    }
}

function integrationRequired(api: CheckedApi, route: RouteConfig): boolean {
    return api.openApi === undefined && route.integration === undefined;
}

function checkRoutes(api: CheckedApi, ctx: Ctx): void {
    if (api.openApi === undefined && api.routes.length === 0) {
        issue(ctx, ["routes"], "must have at least one route (or set openApi to bring your own document)", api.routes);
    }
    const seen = new Map<string, number>();
    api.routes.forEach((route, i) => {
        const key = routeKey(route.method, route.path);
        const first = seen.get(key);
        if (first !== undefined) {
            issue(ctx, ["routes", i], `duplicates routes[${first}] (${key}); each method of a path is defined once`, key);
        } else {
            seen.set(key, i);
        }
        if (integrationRequired(api, route)) {
            issue(ctx, ["routes", i, "integration"], `is required (route ${key})`, undefined);
        }
        if (route.method === "OPTIONS" && api.cors) {
            issue(ctx, ["routes", i, "method"], `OPTIONS is answered by the CORS preflight gatevault generates; remove route ${key} or the cors block`, "OPTIONS");
        }
        checkRouteAuth(api, route, ["routes", i], ctx);
        if (route.cache !== undefined && api.stage.cache === undefined) {
            issue(ctx, ["routes", i, "cache"], `has no effect: the stage has no cache (route ${key}); set stage.cache, or remove cache from the route`, route.cache);
        }
        if (route.requestBody && !(route.requestBody.model in api.models)) {
            issue(ctx, ["routes", i, "requestBody", "model"], `names no model in models (route ${key}; models: ${listOf(Object.keys(api.models))})`, route.requestBody.model);
        }
    });
}

function checkRouteAuth(api: CheckedApi, route: RouteConfig, path: (string | number)[], ctx: Ctx): void {
    const key = routeKey(route.method, route.path);
    const names = Object.keys(api.authorizers);
    if (route.authorizer !== undefined && route.authorizer !== NO_AUTHORIZER && !(route.authorizer in api.authorizers)) {
        issue(ctx, [...path, "authorizer"], `names no authorizer (route ${key}; authorizers: ${listOf(names)}; or NONE)`, route.authorizer);
    }
    const effective = route.authorizer ?? api.defaultAuthorizer;
    if (route.scopes !== undefined) {
        const authorizer = effective === undefined || effective === NO_AUTHORIZER ? undefined : api.authorizers[effective];
        if (authorizer?.type !== "COGNITO_USER_POOLS") {
            issue(ctx, [...path, "scopes"], `need a COGNITO_USER_POOLS authorizer on the route (route ${key} uses ${effective ?? "none"})`, route.scopes);
        }
    }
}

function checkAuthorizers(api: CheckedApi, ctx: Ctx): void {
    if (api.defaultAuthorizer !== undefined && !(api.defaultAuthorizer in api.authorizers)) {
        issue(ctx, ["defaultAuthorizer"], `names no authorizer (authorizers: ${listOf(Object.keys(api.authorizers))})`, api.defaultAuthorizer);
    }
    if (api.apiKeySource === "AUTHORIZER" && !Object.values(api.authorizers).some((a) => a.type !== "COGNITO_USER_POOLS")) {
        issue(ctx, ["apiKeySource"], "AUTHORIZER needs a TOKEN or REQUEST authorizer to return the usage identifier key", "AUTHORIZER");
    }
}

function checkUsagePlans(api: CheckedApi, ctx: Ctx): void {
    const tiers = Object.keys(api.usagePlans);
    for (const [client, config] of Object.entries(api.clients)) {
        if (!(config.tier in api.usagePlans)) {
            issue(ctx, ["clients", client, "tier"], `names no tier in usagePlans (tiers: ${listOf(tiers)})`, config.tier);
        }
    }
    const needsKeys = api.requireApiKey || api.routes.some((r) => r.apiKeyRequired === true);
    if (needsKeys && tiers.length === 0) {
        const at = api.requireApiKey ? ["requireApiKey"] : ["routes", api.routes.findIndex((r) => r.apiKeyRequired === true), "apiKeyRequired"];
        issue(ctx, at, "requires API keys, but usagePlans is empty: a key only works through a usage plan", true);
    }
    if (api.openApi !== undefined) {
        return; // Route keys of a document are checked once the document is read.
    }
    const keys = new Set(api.routes.map((r) => routeKey(r.method, r.path)));
    for (const [tier, plan] of Object.entries(api.usagePlans)) {
        for (const key of Object.keys(plan.methodThrottles ?? {})) {
            if (!keys.has(key)) {
                issue(ctx, ["usagePlans", tier, "methodThrottles", key], "names no route of this API", key);
            }
        }
    }
}

export function checkApi(api: CheckedApi, ctx: Ctx): void {
    checkEndpoint(api, ctx);
    checkBinaryTypes(api, ctx);
    checkRoutes(api, ctx);
    checkAuthorizers(api, ctx);
    checkUsagePlans(api, ctx);
}
