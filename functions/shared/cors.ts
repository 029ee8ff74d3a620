// CORS for functions behind proxy integrations. API Gateway passes a proxy integration's
// response through unchanged ("Set up Lambda proxy integrations in API Gateway": the function
// returns the status, headers and body), so the API's CORS settings reach the browser only if
// the function sends them itself. The rules follow the Fetch standard's CORS protocol
// (https://fetch.spec.whatwg.org/#http-cors-protocol): Access-Control-Allow-Origin is `*` or the
// one origin of the request; with credentials it must be that origin (never `*`) and
// Access-Control-Allow-Credentials must be `true`; a response that varies by Origin says so in
// Vary, so no cache hands one origin's answer to another.

import { isStringList } from "./settings-error";

export interface CorsSettings {
    /** Exact origins (`https://app.example.com`), or `["*"]` alone. */
    allowOrigins: string[];
    allowCredentials: boolean;
    exposeHeaders: string[];
}

/** Problems with settings read from the environment; the same rules as the API's cors block. */
export function corsSettingsProblems(value: unknown): string[] {
    const v = value as Partial<CorsSettings> | null;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return ["must be a JSON object { allowOrigins, allowCredentials, exposeHeaders }"];
    const problems: string[] = [];
    if (!isStringList(v.allowOrigins) || v.allowOrigins.length === 0) problems.push("allowOrigins must be a non-empty list of origins");
    else if (v.allowOrigins.includes("*") && (v.allowOrigins.length > 1 || v.allowCredentials === true)) problems.push("allowOrigins may be * only alone and without credentials");
    if (typeof v.allowCredentials !== "boolean") problems.push("allowCredentials must be true or false");
    if (!Array.isArray(v.exposeHeaders) || !v.exposeHeaders.every((h) => typeof h === "string" && h !== "")) problems.push("exposeHeaders must be a list of header names");
    return problems;
}

/** The CORS headers of a response to a request from `origin` (undefined when the request sent none). */
export function corsHeaders(cors: CorsSettings | undefined, origin: string | undefined): Record<string, string> {
    if (!cors) return {};
    const expose: Record<string, string> = cors.exposeHeaders.length > 0 ? { "access-control-expose-headers": cors.exposeHeaders.join(",") } : {};
    if (cors.allowOrigins.length === 1 && cors.allowOrigins[0] === "*") {
        return { "access-control-allow-origin": "*", ...expose };
    }
    // The answer depends on Origin whether or not this one is allowed.
    const headers: Record<string, string> = { vary: "Origin" };
    if (origin !== undefined && cors.allowOrigins.includes(origin)) {
        headers["access-control-allow-origin"] = origin;
        if (cors.allowCredentials) headers["access-control-allow-credentials"] = "true";
        Object.assign(headers, expose);
    }
    return headers;
}
