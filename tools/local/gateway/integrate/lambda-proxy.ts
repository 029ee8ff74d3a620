// Lambda proxy integrations (type aws_proxy): the function gets the REST (payload 1.0) event
// and must answer `{ statusCode, headers?, multiValueHeaders?, body?, isBase64Encoded? }`;
// anything else, or a function error, answers 502 "Internal server error"; no answer within
// the integration timeout answers 504 INTEGRATION_TIMEOUT.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
// ("Input format of a Lambda function for proxy integration", "Output format ...").
// Deliberately not modelled: requestContext fields this emulator has no value for (they are
// absent or null), the function's own configured timeout (only the integration's applies).

import type { RequestContext } from "../context";
import { firstAcceptType, isBinaryType } from "../content";
import { header, mediaType, type MethodRequest } from "../request";
import { GatewayFailure, type HttpResponse } from "../types";

const orNull = <T extends object>(value: T): T | null => (Object.keys(value).length > 0 ? value : null);

export function proxyEvent(
    request: MethodRequest,
    resourcePath: string,
    context: RequestContext,
    stageVariables: Record<string, string>,
    binaryMediaTypes: readonly string[],
): Record<string, unknown> {
    const binary = isBinaryType(mediaType(header(request, "content-type")), binaryMediaTypes);
    const body = request.http.body;
    return {
        resource: resourcePath,
        path: request.path,
        httpMethod: request.method,
        headers: orNull(request.headers),
        multiValueHeaders: orNull(request.multiValueHeaders),
        queryStringParameters: orNull(request.query),
        multiValueQueryStringParameters: orNull(request.multiValueQuery),
        pathParameters: orNull(request.pathParameters),
        stageVariables: orNull(stageVariables),
        requestContext: {
            accountId: context.accountId,
            apiId: context.apiId,
            authorizer: orNull(context.authorizer),
            domainName: context.domainName,
            domainPrefix: context.domainPrefix,
            extendedRequestId: context.extendedRequestId,
            httpMethod: context.httpMethod,
            identity: context.identity,
            path: context.path,
            protocol: context.protocol,
            requestId: context.requestId,
            requestTime: context.requestTime,
            requestTimeEpoch: context.requestTimeEpoch,
            resourceId: context.resourceId,
            resourcePath: context.resourcePath,
            stage: context.stage,
        },
        body: body.length === 0 ? null : binary ? body.toString("base64") : body.toString("utf8"),
        isBase64Encoded: binary && body.length > 0,
    };
}

const badGateway = () => new GatewayFailure("DEFAULT_5XX", "Internal server error", undefined, 502);

/** The method response for a proxy result, or 502 when it is not one. */
export function proxyResponse(payload: unknown, request: MethodRequest, binaryMediaTypes: readonly string[]): HttpResponse | GatewayFailure {
    if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return badGateway();
    const result = payload as Record<string, unknown>;
    const statusCode = Number(result.statusCode);
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return badGateway();
    if (result.body !== undefined && result.body !== null && typeof result.body !== "string") return badGateway();
    const headers: [string, string][] = [];
    for (const [name, value] of Object.entries((result.headers as Record<string, unknown>) ?? {})) headers.push([name, String(value)]);
    for (const [name, values] of Object.entries((result.multiValueHeaders as Record<string, unknown>) ?? {})) {
        if (!Array.isArray(values)) return badGateway();
        for (const value of values) if (!headers.some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v === String(value))) headers.push([name, String(value)]);
    }
    const text = (result.body as string | undefined) ?? "";
    const decode = result.isBase64Encoded === true && isBinaryType(firstAcceptType(header(request, "accept")), binaryMediaTypes);
    const body = decode ? Buffer.from(text, "base64") : Buffer.from(text, "utf8");
    if (!headers.some(([k]) => k.toLowerCase() === "content-type")) headers.push(["Content-Type", "application/json"]);
    return { statusCode, headers, body };
}
