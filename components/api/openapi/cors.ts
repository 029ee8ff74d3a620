// CORS: the OPTIONS preflight (a MOCK integration), and the headers that go on gateway
// responses and non-proxy integration responses so browsers can read them.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import type { ApiConfig, CorsConfig } from "../../config/api";
import { DEFAULT_IDENTITY_SOURCE } from "../../config/api/authorizers";
import { API_KEY_SCHEME } from "./authorizers";
import { API_KEY_HEADER } from "./cache-keys";

const quote = (value: string) => `'${value}'`;

/** One origin (or `*`) is a static header; several are echoed only when allowed. */
export function hasSingleOrigin(cors: CorsConfig): boolean {
    return cors.allowOrigins.length === 1;
}

/**
 * The preflight's response template for several origins: it echoes the request's Origin
 * only when it is one of the allowed origins; for any other origin no
 * Access-Control-Allow-Origin header is sent and the browser blocks the call.
 */
export function originEchoTemplate(origins: readonly string[]): string {
    const allowed = origins.map((o) => `"$origin" == "${o}"`).join(" || ");
    return [
        '#set($origin = $input.params().header.get("Origin"))',
        '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
        `#if(${allowed})`,
        "#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)",
        "#end",
        "",
    ].join("\n");
}

function methodsList(cors: CorsConfig, pathMethods: readonly HttpMethod[]): string {
    const methods = cors.allowMethods ?? pathMethods;
    const expanded = methods.includes("ANY") ? ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"] : methods.filter((m) => m !== "OPTIONS");
    return [...new Set([...expanded, "OPTIONS"])].sort().join(",");
}

/**
 * The configured headers plus every header the path's methods take: a browser sends a header
 * outside the CORS-safelisted ones only if the preflight's Access-Control-Allow-Headers names it
 * (Fetch standard, CORS protocol: https://fetch.spec.whatwg.org/#http-access-control-allow-headers),
 * so a declared header missing here makes the method uncallable from a browser. Header names
 * are case-insensitive; the first spelling is kept.
 */
export function allowedHeaders(cors: CorsConfig, requestHeaders: readonly string[]): string[] {
    const out: string[] = [];
    for (const header of [...cors.allowHeaders, ...requestHeaders]) {
        if (!out.some((h) => h.toLowerCase() === header.toLowerCase())) out.push(header);
    }
    return out;
}

/** Content types a browser sends without asking first (Fetch standard, CORS-safelisted request header). */
const SAFELISTED_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/**
 * The headers a browser needs to send to the given operations of one path: the header
 * parameters they declare, the header each one's authorizer reads the caller's identity from,
 * the API key header, and Content-Type when a body is not of a safelisted type.
 */
export function requestHeadersOf(api: Pick<ApiConfig, "authorizers" | "apiKeySource">, operations: readonly Record<string, any>[]): string[] {
    const headers: string[] = [];
    for (const op of operations) {
        for (const p of Array.isArray(op.parameters) ? op.parameters : []) {
            if (p?.in === "header" && typeof p.name === "string") headers.push(p.name);
        }
        for (const name of Object.keys(op.security?.[0] ?? {})) {
            if (name === API_KEY_SCHEME) {
                if (api.apiKeySource === "HEADER") headers.push(API_KEY_HEADER);
                continue;
            }
            const sources = api.authorizers[name]?.identitySources ?? [DEFAULT_IDENTITY_SOURCE];
            headers.push(...sources.map((s) => /^method\.request\.header\.(.+)$/.exec(s)?.[1]).filter((h): h is string => h !== undefined));
        }
        const bodyTypes = Object.keys(op.requestBody?.content ?? {});
        if (bodyTypes.some((t) => !SAFELISTED_CONTENT_TYPES.includes(t.toLowerCase()))) headers.push("Content-Type");
    }
    return headers;
}

/**
 * Static header values of the preflight response, by header name (API Gateway's quoted form).
 * `requestHeaders` are the headers the path's methods declare or need (identity, API key, body type).
 */
export function preflightHeaders(cors: CorsConfig, pathMethods: readonly HttpMethod[], requestHeaders: readonly string[] = []): Record<string, string> {
    const headers: Record<string, string> = {
        "Access-Control-Allow-Methods": quote(methodsList(cors, pathMethods)),
        "Access-Control-Allow-Headers": quote(allowedHeaders(cors, requestHeaders).join(",")),
        "Access-Control-Max-Age": quote(String(cors.maxAgeSeconds)),
    };
    if (hasSingleOrigin(cors)) {
        headers["Access-Control-Allow-Origin"] = quote(cors.allowOrigins[0]);
    } else {
        headers.Vary = quote("Origin");
    }
    if (cors.allowCredentials) {
        headers["Access-Control-Allow-Credentials"] = quote("true");
    }
    return headers;
}

/** The OPTIONS operation answering preflights on one path. */
export function preflightOperation(cors: CorsConfig, pathMethods: readonly HttpMethod[], parameters: unknown[], requestHeaders: readonly string[] = []): Record<string, unknown> {
    const headers = preflightHeaders(cors, pathMethods, requestHeaders);
    const integrationResponse: Record<string, unknown> = {
        statusCode: "200",
        responseParameters: Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, value])),
    };
    if (!hasSingleOrigin(cors)) {
        // Declared without a static value: the header exists only when the template sets it.
        integrationResponse.responseTemplates = { "application/json": originEchoTemplate(cors.allowOrigins) };
    }
    const declared = [...new Set([...Object.keys(headers), "Access-Control-Allow-Origin"])];
    return {
        summary: "CORS preflight",
        ...(parameters.length > 0 ? { parameters } : {}),
        responses: {
            "200": {
                description: "CORS preflight response",
                headers: Object.fromEntries(declared.map((name) => [name, { schema: { type: "string" } }])),
            },
        },
        "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            passthroughBehavior: "when_no_match",
            // A binary media type such as */* would otherwise turn the empty preflight body into a 500.
            contentHandling: "CONVERT_TO_TEXT",
            responses: { default: integrationResponse },
        },
    };
}

/**
 * Headers for API Gateway's own responses (4XX/5XX, throttling, validation). Gateway responses
 * cannot run a template ("A GatewayResponse mapping template isn't processed by the Velocity
 * Template Language (VTL) engine", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html),
 * so with several origins they echo the request's Origin. Access-Control-Allow-Credentials goes
 * with it when configured: without it a browser that sent credentials cannot read the error
 * (Fetch standard, CORS check). What it reads is API Gateway's own message, never API data, and a
 * credentialed request that is not "simple" is only sent after a preflight, which allows only
 * the listed origins.
 */
export function gatewayResponseHeaders(cors: CorsConfig): Record<string, string> {
    const headers: Record<string, string> = hasSingleOrigin(cors)
        ? { "Access-Control-Allow-Origin": quote(cors.allowOrigins[0]) }
        : { "Access-Control-Allow-Origin": "method.request.header.Origin", Vary: quote("Origin") };
    if (cors.allowCredentials) {
        headers["Access-Control-Allow-Credentials"] = quote("true");
    }
    return headers;
}

export interface IntegrationResponseCors {
    /** Static headers, by name (API Gateway's quoted form). */
    headers: Record<string, string>;
    /** Headers the method response must declare (the static ones and the echoed origin). */
    declared: string[];
    /** With several origins: VTL to put before each response template, which echoes an allowed Origin. */
    originEcho?: string;
}

/**
 * CORS for non-proxy integration responses, which API Gateway sends as the integration response
 * mapping makes them: nothing adds CORS headers but the mapping. One origin is a static header;
 * several are echoed by a template only when allowed (the preflight's template), with
 * `Vary: Origin`; credentials and exposed headers as configured.
 */
export function integrationResponseCors(cors: CorsConfig | undefined): IntegrationResponseCors | undefined {
    if (!cors) {
        return undefined;
    }
    const single = hasSingleOrigin(cors);
    const headers: Record<string, string> = single ? { "Access-Control-Allow-Origin": quote(cors.allowOrigins[0]) } : { Vary: quote("Origin") };
    if (cors.allowCredentials) {
        headers["Access-Control-Allow-Credentials"] = quote("true");
    }
    if (cors.exposeHeaders.length > 0) {
        headers["Access-Control-Expose-Headers"] = quote(cors.exposeHeaders.join(","));
    }
    return {
        headers,
        declared: [...new Set([...Object.keys(headers), "Access-Control-Allow-Origin"])],
        ...(single ? {} : { originEcho: originEchoTemplate(cors.allowOrigins) }),
    };
}
