// What the local gateway serves (one API on one stage, as `pulumi up` would deploy it) and the
// shapes of the requests and responses that pass through its pipeline. Plain data: the stack
// loader (tools/local/stack.ts) builds a definition from the program's own builders; tests
// build definitions by hand to pin behaviour a shipped stack does not exercise.

/** `MethodSettings.settings` of a stage: for `*\/*` or one `{resource_path}/{method}` (API Gateway's `methodPath`). */
export interface MethodSettings {
    throttlingRateLimit?: number;
    throttlingBurstLimit?: number;
    cachingEnabled?: boolean;
    cacheTtlInSeconds?: number;
    requireAuthorizationForCacheControl?: boolean;
    unauthorizedCacheControlHeaderStrategy?: string;
}

export interface Throttle {
    rateLimit: number;
    burstLimit: number;
}

export interface StageDefinition {
    name: string;
    variables: Record<string, string>;
    /** `cacheClusterEnabled` of the Stage. */
    cacheClusterEnabled: boolean;
    /** By method path (`*\/*`, `~1orders~1{id}/GET`), as `aws.apigateway.MethodSettings` sets them. */
    methodSettings: Record<string, MethodSettings>;
    /** The stage's access log format; no access log without it. */
    accessLogFormat?: string;
}

export interface UsagePlanDefinition {
    name: string;
    throttle?: Throttle;
    quota?: { limit: number; period: "DAY" | "WEEK" | "MONTH" };
    /** By `{resource_path}/{method}` (`/orders/{id}/GET`), as usage plans key them. */
    methodThrottles: Record<string, Throttle>;
}

export interface ApiKeyDefinition {
    id: string;
    name: string;
    value: string;
    enabled: boolean;
    /** Names of the usage plans (of this stage) the key belongs to. */
    usagePlans: string[];
}

export interface ApiDefinition {
    name: string;
    /** Stands in for the RestApi id in ARNs and `$context.apiId`. */
    apiId: string;
    region: string;
    accountId: string;
    /** The OpenAPI document with API Gateway's extensions, references resolved. */
    document: Record<string, any>;
    stage: StageDefinition;
    usagePlans: UsagePlanDefinition[];
    apiKeys: ApiKeyDefinition[];
}

/** A request as it reaches the gateway. */
export interface HttpRequest {
    method: string;
    /** The path as sent (percent-encoded), without the query string. */
    path: string;
    /** Query parameters, decoded, in order. */
    query: [string, string][];
    /** Headers with the names as sent, in order. */
    headers: [string, string][];
    body: Buffer;
    sourceIp: string;
}

export interface HttpResponse {
    statusCode: number;
    headers: [string, string][];
    body: Buffer;
}

/** The gateway responses API Gateway defines (supported-gateway-response-types.html). */
export type GatewayResponseType =
    | "DEFAULT_4XX"
    | "DEFAULT_5XX"
    | "ACCESS_DENIED"
    | "API_CONFIGURATION_ERROR"
    | "AUTHORIZER_CONFIGURATION_ERROR"
    | "AUTHORIZER_FAILURE"
    | "BAD_REQUEST_PARAMETERS"
    | "BAD_REQUEST_BODY"
    | "EXPIRED_TOKEN"
    | "INTEGRATION_FAILURE"
    | "INTEGRATION_TIMEOUT"
    | "INVALID_API_KEY"
    | "MISSING_AUTHENTICATION_TOKEN"
    | "QUOTA_EXCEEDED"
    | "REQUEST_TOO_LARGE"
    | "THROTTLED"
    | "UNAUTHORIZED"
    | "UNSUPPORTED_MEDIA_TYPE";

/** Why a stage stopped the request: answered with the gateway response of `type`. */
export class GatewayFailure {
    constructor(
        readonly type: GatewayResponseType,
        /** `$context.error.message`; null renders as JSON null. */
        readonly message: string | null,
        /** `$context.error.validationErrorString`. */
        readonly validationErrors?: string,
        /** A status other than the type's default (a Lambda failure is a 502 under DEFAULT_5XX). */
        readonly statusCode?: number,
    ) {}
}

export const isFailure = (value: unknown): value is GatewayFailure => value instanceof GatewayFailure;
