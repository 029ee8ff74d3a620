// The method request as the other stages read it: headers (names case-insensitive, as HTTP
// says), query string and path parameters, single- and multi-valued, the way API Gateway
// hands them to mapping expressions, templates and the Lambda proxy event
// (request-response-data-mappings.html, "method.request.header|querystring|path|multivalue*").
// Deliberately not modelled: API Gateway's own header rewrites (it drops or renames some
// headers, such as Host, before the integration: see http.ts).

import type { HttpRequest } from "./types";

export interface MethodRequest {
    http: HttpRequest;
    method: string;
    /** The path after the stage, as sent: `/orders/1`. */
    path: string;
    pathParameters: Record<string, string>;
    /** Last value of each header, names as sent. */
    headers: Record<string, string>;
    multiValueHeaders: Record<string, string[]>;
    /** Last value of each query parameter. */
    query: Record<string, string>;
    multiValueQuery: Record<string, string[]>;
}

function group(pairs: readonly [string, string][], caseInsensitive: boolean): { single: Record<string, string>; multi: Record<string, string[]> } {
    const single: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    const names = new Map<string, string>();
    for (const [raw, value] of pairs) {
        const key = caseInsensitive ? raw.toLowerCase() : raw;
        const name = names.get(key) ?? raw;
        names.set(key, name);
        single[name] = value;
        (multi[name] ??= []).push(value);
    }
    return { single, multi };
}

export function methodRequest(http: HttpRequest, path: string, pathParameters: Record<string, string>): MethodRequest {
    const headers = group(http.headers, true);
    const query = group(http.query, false);
    return {
        http,
        method: http.method.toUpperCase(),
        path,
        pathParameters,
        headers: headers.single,
        multiValueHeaders: headers.multi,
        query: query.single,
        multiValueQuery: query.multi,
    };
}

/** A header's value, whatever the case of its name. */
export function header(request: Pick<MethodRequest, "headers">, name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(request.headers)) {
        if (key.toLowerCase() === wanted) return value;
    }
    return undefined;
}

/** The media type of a Content-Type or Accept entry, without parameters, lower-cased. */
export function mediaType(value: string | undefined): string | undefined {
    const type = value?.split(";")[0].trim().toLowerCase();
    return type ? type : undefined;
}

/**
 * A method request parameter by its mapping expression name (`method.request.header.Origin`,
 * `method.request.querystring.page`, `method.request.path.id`, and the multivalue forms).
 */
export function requestParameter(request: MethodRequest, expression: string): string | undefined {
    const m = /^method\.request\.(header|querystring|path|multivalueheader|multivaluequerystring)\.(.+)$/.exec(expression);
    if (!m) return undefined;
    const [, where, name] = m;
    switch (where) {
        case "header":
            return header(request, name);
        case "querystring":
            return request.query[name];
        case "path":
            return request.pathParameters[name];
        case "multivalueheader": {
            const key = Object.keys(request.multiValueHeaders).find((k) => k.toLowerCase() === name.toLowerCase());
            return key ? request.multiValueHeaders[key].join(",") : undefined;
        }
        default:
            return request.multiValueQuery[name]?.join(",");
    }
}
