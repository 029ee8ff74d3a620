// HTTP and HTTP_PROXY integrations: the request goes to the integration's URI, with `{name}`
// placeholders filled from integration.request.path.<name> (URL-encoded), within the
// integration's timeoutInMillis (50 ms to 29 s); past it, 504 INTEGRATION_TIMEOUT "Endpoint
// request timed out"; a backend that cannot be reached is INTEGRATION_FAILURE.
// HTTP_PROXY passes the method request through (method, query string, headers but Host, body)
// and the backend's response back unchanged; HTTP sends only what request mapping produced and
// answers through response mapping (set-up-http-proxy-integrations-in-api-gateway.html,
// setup-http-integrations.html; limits in limits.html: "Integration timeout 50 milliseconds -
// 29 seconds").
// A `--backend <host>=<url>` override sends calls for that host to a local URL instead.
// Deliberately not modelled: VPC links (a VPC_LINK integration calls its URI like any other,
// so point it at a local backend with --backend), TLS client certificates, API Gateway's own
// added headers (X-Amzn-Trace-Id, X-Forwarded-For).

import { GatewayFailure } from "../types";
import type { IntegrationResponse } from "./types";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "proxy-authorization", "proxy-authenticate", "host", "content-length"]);

export type Backends = Readonly<Record<string, string>>;

/** The URI with placeholders filled and the host swapped for its local override, if any. */
export function integrationUrl(uri: string, pathValues: Record<string, string>, query: [string, string][], backends: Backends): URL | GatewayFailure {
    const filled = uri.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = pathValues[name] ?? "";
        // A greedy proxy value keeps its slashes.
        return value.split("/").map(encodeURIComponent).join("/");
    });
    let url: URL;
    try {
        url = new URL(filled);
    } catch {
        return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
    }
    const override = backends[url.host] ?? backends[url.hostname];
    if (override) {
        const base = new URL(override);
        url = new URL(`${base.pathname.replace(/\/$/, "")}${url.pathname}${url.search}`, base.origin);
    }
    for (const [k, v] of query) url.searchParams.append(k, v);
    return url;
}

export async function callHttp(
    method: string,
    url: URL,
    headers: [string, string][],
    body: Buffer | undefined,
    timeoutMs: number,
): Promise<IntegrationResponse | GatewayFailure> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
        const response = await fetch(url, {
            method,
            headers: headers.filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())),
            body: method === "GET" || method === "HEAD" || !body || body.length === 0 ? undefined : body,
            redirect: "manual",
            signal: controller.signal,
        });
        const bytes = Buffer.from(await response.arrayBuffer());
        const out: [string, string][] = [];
        response.headers.forEach((value, key) => {
            if (!HOP_BY_HOP.has(key)) out.push([key, value]);
        });
        return { statusCode: response.status, headers: out, body: bytes };
    } catch (err) {
        if (controller.signal.aborted) return new GatewayFailure("INTEGRATION_TIMEOUT", "Endpoint request timed out");
        return new GatewayFailure("INTEGRATION_FAILURE", "Internal server error", `[${(err as Error).message}]`);
    } finally {
        clearTimeout(timer);
    }
}
