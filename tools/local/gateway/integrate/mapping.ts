// Request and response mapping of non-proxy integrations (HTTP, AWS, MOCK):
// - the request template is chosen by the request's Content-Type (application/json when
//   absent); with no template for it, passthroughBehavior decides: WHEN_NO_MATCH passes the
//   body through, WHEN_NO_TEMPLATES passes it only when the integration has no templates at all,
//   NEVER refuses; refusal is 415 UNSUPPORTED_MEDIA_TYPE
//   (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html);
// - request parameters map to integration.request.{path,querystring,header}.<name> from
//   method.request.*, stageVariables.*, context.* or a 'static' value, and response parameters
//   to method.response.header.<name> from integration.response.header.*, integration.response.body
//   (or a JSONPath into it), method.request.*, stageVariables.* or 'static'
//   (request-response-data-mappings.html);
// - the integration response is chosen by selectionPattern, a regular expression matched
//   against the whole status code (HTTP, AWS, MOCK) or Lambda errorMessage, else the default
//   response; with no default, API_CONFIGURATION_ERROR (api-gateway-integration-settings-integration-response.html);
// - templates may override the status and headers through $context.responseOverride and
//   $context.requestOverride (apigateway-override-request-response-parameters.html).
// Deliberately not modelled: Accept-based choice among several response templates beyond
// "exact match, else application/json, else the first", multi-value mapping of
// integration.response.multivalueheader.

import { evaluateJsonPath, renderVtl } from "../../vtl";
import { convertPayload, isBinaryType } from "../content";
import type { RequestContext } from "../context";
import { mappedValue } from "../respond";
import { header, mediaType, type MethodRequest } from "../request";
import { GatewayFailure, type HttpResponse } from "../types";
import type { IntegrationResponse } from "./types";

export interface MappedRequest {
    /** Payload to the integration: the rendered template, or the body passed through. */
    body: Buffer;
    /** The template's content type, when one applied. */
    templateType?: string;
    path: Record<string, string>;
    querystring: Record<string, string>;
    headers: Record<string, string>;
}

/** A template that never names $input cannot read the body: skip decoding a large one for it. */
const readsInput = (template: string) => /\$!?\{?input\b/.test(template);

function templateParams(request: MethodRequest) {
    return { path: request.pathParameters, querystring: request.query, header: request.headers };
}

function contextValue(context: RequestContext, path: string): string | undefined {
    let value: unknown = context;
    for (const part of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
    return value === undefined || value === null ? undefined : String(value);
}

export function selectRequestTemplate(templates: Record<string, string> | undefined, request: MethodRequest, passthrough: string | undefined): { type: string; template: string } | "passthrough" | GatewayFailure {
    const type = mediaType(header(request, "content-type")) ?? "application/json";
    const entries = Object.entries(templates ?? {});
    const match = entries.find(([t]) => t.toLowerCase() === type);
    if (match) return { type: match[0], template: match[1] };
    const behaviour = String(passthrough ?? "when_no_match").toLowerCase();
    if (behaviour === "when_no_match" || (behaviour === "when_no_templates" && entries.length === 0)) return "passthrough";
    return new GatewayFailure("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type");
}

export function mapRequest(
    integration: Record<string, any>,
    request: MethodRequest,
    payload: Buffer,
    context: RequestContext,
    stageVariables: Record<string, string>,
): MappedRequest | GatewayFailure {
    const chosen = selectRequestTemplate(integration.requestTemplates, request, integration.passthroughBehavior);
    if (chosen instanceof GatewayFailure) return chosen;
    const mapped: MappedRequest = { body: payload, path: {}, querystring: {}, headers: {} };
    for (const [target, source] of Object.entries<string>(integration.requestParameters ?? {})) {
        const m = /^integration\.request\.(path|querystring|header)\.(.+)$/.exec(target);
        if (!m) continue;
        const value = source.startsWith("context.") ? contextValue(context, source.slice(8)) : mappedValue(source, request, stageVariables);
        if (value !== undefined) mapped[m[1] === "header" ? "headers" : (m[1] as "path" | "querystring")][m[2]] = value;
    }
    if (chosen !== "passthrough") {
        const text = renderVtl(chosen.template, { body: readsInput(chosen.template) ? payload.toString("utf8") : "", params: templateParams(request), context: context as unknown as Record<string, unknown>, stageVariables });
        mapped.body = Buffer.from(text, "utf8");
        mapped.templateType = chosen.type;
        Object.assign(mapped.headers, context.requestOverride.header);
        Object.assign(mapped.querystring, context.requestOverride.querystring);
        Object.assign(mapped.path, context.requestOverride.path);
    }
    return mapped;
}

/** The integration response entry (keyed by selection pattern, `default` for the default) that answers. */
export function selectResponse(responses: Record<string, any> | undefined, selector: string): Record<string, any> | undefined {
    const entries = Object.entries(responses ?? {});
    for (const [pattern, response] of entries) {
        if (pattern === "default") continue;
        try {
            if (new RegExp(`^(?:${pattern})$`, "s").test(selector)) return response;
        } catch {
            // API Gateway refuses invalid patterns at import; such an entry never matches here.
        }
    }
    return responses?.default;
}

function responseParameter(source: string, integration: IntegrationResponse, request: MethodRequest, stageVariables: Record<string, string>): string | undefined {
    const fromHeader = /^integration\.response\.header\.(.+)$/.exec(source);
    if (fromHeader) return integration.headers.find(([k]) => k.toLowerCase() === fromHeader[1].toLowerCase())?.[1];
    if (source === "integration.response.body") return integration.body.toString("utf8");
    const fromBody = /^integration\.response\.body\.(.+)$/.exec(source);
    if (fromBody) {
        try {
            const value = evaluateJsonPath(JSON.parse(integration.body.toString("utf8")), `$.${fromBody[1]}`);
            return value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
        } catch {
            return undefined;
        }
    }
    return mappedValue(source, request, stageVariables);
}

export function mapResponse(
    integration: Record<string, any>,
    answer: IntegrationResponse,
    selector: string,
    request: MethodRequest,
    context: RequestContext,
    stageVariables: Record<string, string>,
    binaryMediaTypes: readonly string[],
): HttpResponse | GatewayFailure {
    const chosen = selectResponse(integration.responses, selector);
    if (!chosen) return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
    const answerType = mediaType(answer.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1]);
    const converted = convertPayload(answer.body, isBinaryType(answerType, binaryMediaTypes), chosen.contentHandling);
    if (converted instanceof GatewayFailure) return converted;
    const headers: [string, string][] = [];
    for (const [target, source] of Object.entries<string>(chosen.responseParameters ?? {})) {
        const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
        const value = name ? responseParameter(source, answer, request, stageVariables) : undefined;
        if (name && value !== undefined) headers.push([name, value]);
    }
    const templates: Record<string, string> = chosen.responseTemplates ?? {};
    const accept = mediaType(header(request, "accept"));
    const entry = Object.entries(templates).find(([t]) => t === accept) ?? Object.entries(templates).find(([t]) => t === "application/json") ?? Object.entries(templates)[0];
    let body = converted;
    let contentType = "application/json";
    context.responseOverride = { header: {} };
    if (entry) {
        contentType = entry[0];
        body = Buffer.from(renderVtl(entry[1], { body: readsInput(entry[1]) ? converted.toString("utf8") : "", params: templateParams(request), context: context as unknown as Record<string, unknown>, stageVariables }), "utf8");
    }
    let statusCode = Number(chosen.statusCode ?? 200);
    const override = context.responseOverride;
    if (override.status !== undefined) statusCode = Number(override.status);
    for (const [name, value] of Object.entries(override.header ?? {})) {
        const i = headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
        if (i >= 0) headers.splice(i, 1);
        headers.push([name, String(value)]);
    }
    if (!headers.some(([k]) => k.toLowerCase() === "content-type")) headers.unshift(["Content-Type", contentType]);
    return { statusCode, headers, body };
}
