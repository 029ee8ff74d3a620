// The stage cache (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html):
// with the stage's cache cluster on, "only GET methods have caching enabled by default", and
// turning on default (`*\/*`) method caching turns it on "for all GET methods"; a method's own
// method settings can turn it on for any method. Entries live for the method's
// cacheTtlInSeconds (default 300; 0 turns caching off), at most 1,048,576 bytes each, keyed
// by the resource path and the values of the integration's `cacheKeyParameters` only: two
// callers, or two path values, that differ in nothing listed there share an entry. A request
// with `Cache-Control: max-age=0` asks to refresh the entry; when
// requireAuthorizationForCacheControl is on, only callers with execute-api:InvalidateCache may,
// and others are answered per unauthorizedCacheControlHeaderStrategy (FAIL_WITH_403, or the
// cached answer with SUCCEED_WITH(OUT)_RESPONSE_HEADER).
// Deliberately not modelled: IAM, so no caller is ever authorized to invalidate; the
// warning header of SUCCEED_WITH_RESPONSE_HEADER; caching of non-2XX answers (only 2XX
// responses are stored); entries are whole method responses (after response mapping), not
// integration responses.

import type { Operation } from "./document";
import { header, requestParameter, type MethodRequest } from "./request";
import { GatewayFailure, type HttpResponse, type MethodSettings, type StageDefinition } from "./types";

export const MAX_CACHED_BYTES = 1_048_576;
const DEFAULT_TTL_SECONDS = 300;

/**
 * `{resource_path}/{http_method}` with `/` as `~1`: the key of a method's own settings
 * (UpdateStage's `methodSettings` patch paths). Read from AWS's format here rather than taken
 * from the builder, so a builder writing the wrong key shows as a method without its override.
 */
export function methodSettingsKey(method: string, resourcePath: string): string {
    return `${resourcePath.replace(/\//g, "~1")}/${method === "ANY" ? "*" : method}`;
}

export interface CachePolicy {
    ttlSeconds: number;
    requireAuthorization: boolean;
    strategy: string;
}

export function cachePolicy(stage: StageDefinition, method: string, resourcePath: string): CachePolicy | undefined {
    if (!stage.cacheClusterEnabled) return undefined;
    const own: MethodSettings | undefined = stage.methodSettings[methodSettingsKey(method, resourcePath)];
    const all: MethodSettings | undefined = stage.methodSettings["*/*"];
    const enabled = own?.cachingEnabled !== undefined ? own.cachingEnabled : method === "GET" && (all?.cachingEnabled ?? true);
    const ttlSeconds = own?.cacheTtlInSeconds ?? all?.cacheTtlInSeconds ?? DEFAULT_TTL_SECONDS;
    if (!enabled || ttlSeconds <= 0) return undefined;
    return {
        ttlSeconds,
        requireAuthorization: own?.requireAuthorizationForCacheControl ?? all?.requireAuthorizationForCacheControl ?? true,
        strategy: own?.unauthorizedCacheControlHeaderStrategy ?? all?.unauthorizedCacheControlHeaderStrategy ?? "SUCCEED_WITH_RESPONSE_HEADER",
    };
}

export function cacheKey(operation: Operation, request: MethodRequest): string {
    const parameters: string[] = operation.integration?.cacheKeyParameters ?? [];
    const values = parameters.map((p) => `${p}=${requestParameter(request, p) ?? ""}`);
    return [request.method, operation.resourcePath, ...values].join("\u0000");
}

export function wantsRefresh(request: MethodRequest): boolean {
    return /(^|,)\s*max-age\s*=\s*0\s*(,|$)/i.test(header(request, "cache-control") ?? "");
}

export class StageCache {
    private readonly entries = new Map<string, { expiresAt: number; response: HttpResponse }>();

    /**
     * The cached answer, undefined to call the integration (and store its answer), or a failure
     * when the caller may not refresh the entry.
     */
    lookup(key: string, policy: CachePolicy, refresh: boolean, now: number): HttpResponse | GatewayFailure | undefined {
        const entry = this.entries.get(key);
        const live = entry && entry.expiresAt > now ? entry.response : undefined;
        if (!refresh) return live;
        if (!policy.requireAuthorization) return undefined;
        if (policy.strategy === "FAIL_WITH_403") return new GatewayFailure("ACCESS_DENIED", "User is not authorized to access this resource");
        return live;
    }

    store(key: string, policy: CachePolicy, response: HttpResponse, now: number): void {
        if (response.statusCode < 200 || response.statusCode > 299 || response.body.length > MAX_CACHED_BYTES) return;
        this.entries.set(key, { expiresAt: now + policy.ttlSeconds * 1000, response });
    }
}
