// Which methods the stage cache answers, and what their cached answers are keyed by.
//
// API Gateway's rules ("Cache settings for REST APIs in API Gateway":
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html):
// - "When you enable caching for a stage, only GET methods have caching enabled by default
//   ... You can enable caching for other methods by overriding method settings." So a method is
//   cached when the stage has a cache and it is GET, or its own method settings say so.
// - A cached answer is found by its cache keys, and nothing else: without keys every caller and
//   every path or query value gets the first answer cached. Keys are the integration's
//   cacheKeyParameters (x-amazon-apigateway-integration.cacheKeyParameters), and "to be valid
//   values for cacheKeyParameters, these parameters must also be specified for Method
//   requestParameters" (API reference, Integration:
//   https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html).
//
// gatevault keys every cached method on its path parameters, the query strings and headers it
// declares, and, when callers must identify themselves, on what identifies them: each
// authorizer's identity sources that are request parameters (the token itself), and the API key
// header. An authorizer that identifies callers only by context or stage variables cannot be a
// key, so caching such a method is refused rather than shared between callers.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import type { RouteConfig } from "../../config/api";
import { DEFAULT_IDENTITY_SOURCE } from "../../config/api/authorizers";
import type { BuildContext } from "./context";
import { API_KEY_SCHEME } from "./authorizers";

/** API Gateway's API key header (apiKeySource HEADER). */
export const API_KEY_HEADER = "x-api-key";

/**
 * Methods the stage cache may answer by default: GET, and ANY, which serves GET requests too
 * (the documentation speaks of GET methods only; keying ANY as well costs nothing if it is not).
 */
function cachedByDefault(method: HttpMethod): boolean {
    return method === "GET" || method === "ANY";
}

/** Whether the stage cache answers this method: GET (and ANY) by default, others only when the route asks. */
export function isCached(ctx: BuildContext, method: HttpMethod, route: RouteConfig | undefined): boolean {
    return ctx.api.stage.cache !== undefined && (route?.cache ?? cachedByDefault(method));
}

/** Whether the method's cache setting differs from the stage's default, so it needs its own method settings. */
export function overridesStageCaching(ctx: BuildContext, method: HttpMethod, route: RouteConfig | undefined): boolean {
    return ctx.api.stage.cache !== undefined && route?.cache !== undefined && route.cache !== cachedByDefault(method);
}

const KEYABLE = /^method\.request\.(header|querystring)\.(.+)$/;

interface DeclaredParameter {
    name: string;
    in: string;
}

export interface CacheKeys {
    keys: string[];
    /** Parameters the method must declare so that the caller's identity can be a key. */
    identityParameters: { name: string; in: "header" | "query" }[];
    /** Set when caching must be refused: why the caller cannot be part of the key. */
    refusal?: string;
}

function source(p: DeclaredParameter): string | undefined {
    const where = p.in === "path" ? "path" : p.in === "query" ? "querystring" : p.in === "header" ? "header" : undefined;
    return where && `method.request.${where}.${p.name}`;
}

const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The caller's identity as cache keys, from the security requirement of the method. */
function identityKeys(ctx: BuildContext, security: Record<string, string[]>[] | undefined): { sources: string[]; refusal?: string } {
    const sources: string[] = [];
    for (const name of Object.keys(security?.[0] ?? {})) {
        if (name === API_KEY_SCHEME) {
            // With apiKeySource AUTHORIZER the key comes from the authorizer, keyed below.
            if (ctx.api.apiKeySource === "HEADER") sources.push(`method.request.header.${API_KEY_HEADER}`);
            continue;
        }
        const identity = ctx.api.authorizers[name]?.identitySources ?? [DEFAULT_IDENTITY_SOURCE];
        const keyable = identity.filter((s) => KEYABLE.test(s));
        if (keyable.length === 0) {
            return { sources, refusal: `its authorizer ${name} identifies callers by ${identity.join(", ")}, which cannot be a cache key` };
        }
        sources.push(...keyable);
    }
    return { sources };
}

/**
 * The cache keys of a cached method. `parameters` are the method's declared parameters (path,
 * query, header), `security` its security requirement.
 */
export function cacheKeysFor(ctx: BuildContext, parameters: readonly unknown[], security: Record<string, string[]>[] | undefined): CacheKeys {
    const declared = parameters.filter((p): p is DeclaredParameter => typeof p === "object" && p !== null && typeof (p as DeclaredParameter).name === "string");
    const fromParameters = declared.map(source).filter((s): s is string => s !== undefined);
    const identity = identityKeys(ctx, security);
    const keys: string[] = [];
    for (const key of [...fromParameters, ...identity.sources]) {
        // Header names are case-insensitive (query strings are not, but a duplicate key changes nothing).
        if (!keys.some((k) => sameKey(k, key))) keys.push(key);
    }
    const identityParameters = identity.sources
        .filter((s) => !fromParameters.some((k) => sameKey(k, s)))
        .map((s) => {
            const [, where, name] = KEYABLE.exec(s)!;
            return { name, in: where === "header" ? ("header" as const) : ("query" as const) };
        });
    return { keys, identityParameters, refusal: identity.refusal };
}
