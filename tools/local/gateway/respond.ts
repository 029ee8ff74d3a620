// Respond (errors): API Gateway's own answers, the gateway responses. Each failure type has a
// default status code and falls back to DEFAULT_4XX or DEFAULT_5XX when the API does not
// customise it; "changing the status code of this fallback gateway response changes the
// status codes of all other 4XX responses" (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
// Templates render with $context and $stageVariables; headers map from
// `gatewayresponse.header.<name>` to a static 'value', method.request.header|querystring|path.<name>
// or stageVariables.<name> (api-gateway-gatewayResponse-definition.html), and a header whose
// source is absent is left out.
// Deliberately not modelled: WAF_FILTERED, INVALID_SIGNATURE, RESOURCE_NOT_FOUND (no IAM or WAF here).

import { renderVtl } from "../vtl";
import type { RequestContext } from "./context";
import type { ApiModel } from "./document";
import { requestParameter, type MethodRequest } from "./request";
import { GatewayFailure, type GatewayResponseType, type HttpResponse } from "./types";

const DEFAULTS: Record<GatewayResponseType, { status: number; errorType: string }> = {
    DEFAULT_4XX: { status: 400, errorType: "BadRequestException" },
    DEFAULT_5XX: { status: 500, errorType: "InternalServerErrorException" },
    ACCESS_DENIED: { status: 403, errorType: "AccessDeniedException" },
    API_CONFIGURATION_ERROR: { status: 500, errorType: "InternalServerErrorException" },
    AUTHORIZER_CONFIGURATION_ERROR: { status: 500, errorType: "AuthorizerConfigurationException" },
    AUTHORIZER_FAILURE: { status: 500, errorType: "AuthorizerFailureException" },
    BAD_REQUEST_PARAMETERS: { status: 400, errorType: "BadRequestException" },
    BAD_REQUEST_BODY: { status: 400, errorType: "BadRequestException" },
    EXPIRED_TOKEN: { status: 403, errorType: "ExpiredTokenException" },
    INTEGRATION_FAILURE: { status: 504, errorType: "InternalServerErrorException" },
    INTEGRATION_TIMEOUT: { status: 504, errorType: "InternalServerErrorException" },
    INVALID_API_KEY: { status: 403, errorType: "ForbiddenException" },
    MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: "MissingAuthenticationTokenException" },
    QUOTA_EXCEEDED: { status: 429, errorType: "LimitExceededException" },
    REQUEST_TOO_LARGE: { status: 413, errorType: "RequestTooLongException" },
    THROTTLED: { status: 429, errorType: "TooManyRequestsException" },
    UNAUTHORIZED: { status: 401, errorType: "UnauthorizedException" },
    UNSUPPORTED_MEDIA_TYPE: { status: 415, errorType: "UnsupportedMediaTypeException" },
};

const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

type DocResponse = ApiModel["gatewayResponses"][string];

/** A mapped header value, or undefined when its source is absent (then the header is left out). */
export function mappedValue(source: string, request: MethodRequest | undefined, stageVariables: Record<string, string>): string | undefined {
    const literal = /^'(.*)'$/s.exec(source);
    if (literal) return literal[1];
    if (source.startsWith("stageVariables.")) return stageVariables[source.slice("stageVariables.".length)];
    return request ? requestParameter(request, source) : undefined;
}

/** The document's response for this failure: its own type, else the fallback for its status class. */
function documentResponse(model: ApiModel, type: GatewayResponseType, status: number): { own?: DocResponse; fallback?: DocResponse } {
    const fallback = model.gatewayResponses[status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"];
    return { own: model.gatewayResponses[type], fallback };
}

export function gatewayResponse(
    failure: GatewayFailure,
    model: ApiModel,
    context: RequestContext,
    request: MethodRequest | undefined,
    stageVariables: Record<string, string>,
): HttpResponse {
    const defaults = DEFAULTS[failure.type];
    const defaultStatus = failure.statusCode ?? defaults.status;
    const { own, fallback } = documentResponse(model, failure.type, defaultStatus);
    const chosen = own ?? fallback;
    const statusCode = Number(own?.statusCode ?? fallback?.statusCode ?? defaultStatus);

    context.error = {
        message: failure.message,
        messageString: JSON.stringify(failure.message),
        responseType: failure.type,
        validationErrorString: failure.validationErrors ?? "",
    };
    const templates = chosen?.responseTemplates ?? {};
    const [contentType, template] = Object.entries(templates).find(([t]) => t === "application/json") ?? Object.entries(templates)[0] ?? ["application/json", DEFAULT_TEMPLATE];
    const body = renderVtl(template, { context: context as unknown as Record<string, unknown>, stageVariables });

    const headers: [string, string][] = [["Content-Type", contentType]];
    for (const [key, source] of Object.entries(chosen?.responseParameters ?? {})) {
        const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
        const value = name ? mappedValue(source, request, stageVariables) : undefined;
        if (name && value !== undefined && value !== "") headers.push([name, value]);
    }
    headers.push(["x-amzn-ErrorType", defaults.errorType]);
    return { statusCode, headers, body: Buffer.from(body, "utf8") };
}

export { GatewayFailure };
