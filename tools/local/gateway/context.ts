// `$context` of one request: what mapping templates, gateway responses, access logs and the
// Lambda proxy event read about it. Names and meanings follow the $context variable
// reference (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
// and api-gateway-variables-for-access-logging.html). Stages fill in what they learn
// (resource, identity, authorizer, integration status, error).
// Deliberately not modelled: X-Ray trace ids, WAF status, IAM caller identity (no SigV4 here),
// client certificates, edge-optimized domain names.

import { randomUUID } from "node:crypto";
import type { ApiDefinition, HttpRequest } from "./types";

export interface RequestContext {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    extendedRequestId: string;
    httpMethod: string;
    /** `/<stage>/<path>`, as `$context.path` documents it. */
    path: string;
    protocol: string;
    requestId: string;
    /** CLF format: 26/Nov/2026:17:04:46 +0000. */
    requestTime: string;
    requestTimeEpoch: number;
    resourceId: string;
    resourcePath: string;
    stage: string;
    identity: Record<string, string | null>;
    authorizer: Record<string, unknown>;
    error: { message: string | null; messageString: string; responseType: string; validationErrorString: string };
    status?: number;
    responseLength?: number;
    responseLatency?: number;
    integrationLatency?: number;
    integrationStatus?: number;
    responseOverride: { status?: number; header: Record<string, string> };
    requestOverride: { header: Record<string, string>; querystring: Record<string, string>; path: Record<string, string> };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function clfTime(epochMs: number): string {
    const d = new Date(epochMs);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function createContext(api: ApiDefinition, http: HttpRequest, nowMs: number, requestId: string = randomUUID()): RequestContext {
    const host = http.headers.find(([k]) => k.toLowerCase() === "host")?.[1] ?? "127.0.0.1";
    const userAgent = http.headers.find(([k]) => k.toLowerCase() === "user-agent")?.[1] ?? null;
    return {
        accountId: api.accountId,
        apiId: api.apiId,
        domainName: host,
        domainPrefix: host.split(".")[0],
        extendedRequestId: requestId.replace(/-/g, "").slice(0, 16),
        httpMethod: http.method.toUpperCase(),
        path: http.path,
        protocol: "HTTP/1.1",
        requestId,
        requestTime: clfTime(nowMs),
        requestTimeEpoch: nowMs,
        resourceId: "",
        resourcePath: "",
        stage: api.stage.name,
        identity: { sourceIp: http.sourceIp, userAgent, apiKey: null, apiKeyId: null, caller: null, user: null, accountId: null, userArn: null },
        authorizer: {},
        error: { message: null, messageString: "null", responseType: "", validationErrorString: "" },
        responseOverride: { header: {} },
        requestOverride: { header: {}, querystring: {}, path: {} },
    };
}

/** A resource id stands in for API Gateway's: stable per resource path. */
export function resourceIdOf(resourcePath: string): string {
    let h = 0;
    for (const ch of resourcePath) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return h.toString(36).padStart(6, "0").slice(0, 6);
}
