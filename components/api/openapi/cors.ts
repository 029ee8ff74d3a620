// CORS: the OPTIONS preflight (a MOCK integration), and the headers that go on gateway
// responses and non-proxy integration responses so browsers can read them.

import type { CorsConfig } from "../../config/api";
import type { HttpMethod } from "../../config/api/http";

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

/** Static header values of the preflight response, by header name (API Gateway's quoted form). */
export function preflightHeaders(cors: CorsConfig, pathMethods: readonly HttpMethod[]): Record<string, string> {
    const headers: Record<string, string> = {
        "Access-Control-Allow-Methods": quote(methodsList(cors, pathMethods)),
        "Access-Control-Allow-Headers": quote(cors.allowHeaders.join(",")),
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
export function preflightOperation(cors: CorsConfig, pathMethods: readonly HttpMethod[], parameters: unknown[]): Record<string, unknown> {
    const headers = preflightHeaders(cors, pathMethods);
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
 * Headers for API Gateway's own responses (4XX/5XX, throttling, validation). Gateway
 * responses cannot run a template, so with several origins they echo the request's Origin
 * and leave out Allow-Credentials: a credentialed request from an origin that is not
 * allowed can never read them.
 */
export function gatewayResponseHeaders(cors: CorsConfig): Record<string, string> {
    if (hasSingleOrigin(cors)) {
        const headers: Record<string, string> = { "Access-Control-Allow-Origin": quote(cors.allowOrigins[0]) };
        if (cors.allowCredentials) {
            headers["Access-Control-Allow-Credentials"] = quote("true");
        }
        return headers;
    }
    return { "Access-Control-Allow-Origin": "method.request.header.Origin", Vary: quote("Origin") };
}

/**
 * Headers added to non-proxy integration responses. Proxy integrations pass the backend's
 * headers through untouched, so there the backend sets them; several origins need a
 * template, which gatevault leaves to the route's own response templates.
 */
export function integrationResponseHeaders(cors: CorsConfig | undefined): Record<string, string> {
    if (!cors || !hasSingleOrigin(cors)) {
        return {};
    }
    const headers: Record<string, string> = { "Access-Control-Allow-Origin": quote(cors.allowOrigins[0]) };
    if (cors.allowCredentials) {
        headers["Access-Control-Allow-Credentials"] = quote("true");
    }
    if (cors.exposeHeaders.length > 0) {
        headers["Access-Control-Expose-Headers"] = quote(cors.exposeHeaders.join(","));
    }
    return headers;
}
