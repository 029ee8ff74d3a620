// What the stage applies to its methods (logging, metrics, throttling, cache) and the
// format of its access logs.

import type { ApiConfig, ThrottleConfig } from "../config/api";

/** One JSON object per request, with the fields incident reviews ask for. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    requestTime: "$context.requestTime",
    ip: "$context.identity.sourceIp",
    userAgent: "$context.identity.userAgent",
    caller: "$context.identity.caller",
    user: "$context.identity.user",
    apiKeyId: "$context.identity.apiKeyId",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    protocol: "$context.protocol",
    status: "$context.status",
    responseLength: "$context.responseLength",
    responseLatency: "$context.responseLatency",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integrationStatus",
    errorMessage: "$context.error.message",
    errorType: "$context.error.responseType",
    authorizerError: "$context.authorizer.error",
    wafStatus: "$context.waf.status",
    xrayTraceId: "$context.xrayTraceId",
});

export interface MethodSettingsValues {
    metricsEnabled: boolean;
    loggingLevel: string;
    dataTraceEnabled: boolean;
    throttlingRateLimit: number;
    throttlingBurstLimit: number;
    cachingEnabled: boolean;
    cacheTtlInSeconds?: number;
    cacheDataEncrypted?: boolean;
    requireAuthorizationForCacheControl?: boolean;
    unauthorizedCacheControlHeaderStrategy?: string;
}

/**
 * Settings for `*` / `*`, or for one method: a method override replaces every setting of that
 * method, so it repeats the rest and states its own caching. On `*` / `*`, caching enabled means
 * GET methods only: "When you enable caching for a stage, only GET methods have caching enabled
 * by default ... You can enable caching for other methods by overriding method settings"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html). So an
 * override must never copy the stage's caching to a method the stage does not cache.
 */
export function methodSettings(api: ApiConfig, method: { throttle?: ThrottleConfig; cachingEnabled?: boolean } = {}): MethodSettingsValues {
    const cache = api.stage.cache;
    const throttle = method.throttle ?? api.throttle;
    const cachingEnabled = cache !== undefined && (method.cachingEnabled ?? true);
    return {
        metricsEnabled: api.stage.metrics,
        loggingLevel: api.stage.executionLogging,
        dataTraceEnabled: api.stage.dataTrace,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        cachingEnabled,
        ...(cache
            ? {
                  cacheTtlInSeconds: cache.ttlSeconds,
                  cacheDataEncrypted: cache.encrypted,
                  // Clients may not flush the cache with Cache-Control: max-age=0 unless authorized.
                  requireAuthorizationForCacheControl: true,
                  unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
              }
            : {}),
    };
}
