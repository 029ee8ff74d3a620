// Integrate: call what the method's x-amazon-apigateway-integration names, and turn its answer
// into the method response: proxy types (aws_proxy, http_proxy) pass the answer through,
// the others (http, aws, mock) go through request and response mapping (mapping.ts).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
// Deliberately not modelled: cacheNamespace (entries are keyed per method), tlsConfig,
// integration credentials (nothing here calls AWS).

import type { FunctionInvoker } from "../../lambda/invoke";
import { functionArnOfUri } from "../../lambda/invoke";
import { convertPayload, isBinaryType } from "../content";
import { header, mediaType } from "../request";
import { GatewayFailure, type HttpResponse } from "../types";
import { type AwsFixtures, callAwsService } from "./aws-service";
import { type Backends, callHttp, integrationUrl } from "./http";
import { proxyEvent, proxyResponse } from "./lambda-proxy";
import { mapRequest, mapResponse } from "./mapping";
import { mockResponse } from "./mock";
import type { IntegrationCall, IntegrationResponse } from "./types";

export type { AwsFixture, AwsFixtures } from "./aws-service";
export type { Backends } from "./http";

export interface IntegrateDependencies {
    invoker: FunctionInvoker;
    backends: Backends;
    awsFixtures: AwsFixtures;
    /** Operator-facing problems (a missing fixture or function), printed by the server. */
    warn: (message: string) => void;
    now: () => number;
}

/** API Gateway's integration timeout default and maximum (limits.html). */
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;

function timeoutOf(integration: Record<string, any>): number {
    const value = Number(integration.timeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS);
    return Math.min(Math.max(value, 50), MAX_INTEGRATION_TIMEOUT_MS);
}

async function lambdaProxy(call: IntegrationCall, deps: IntegrateDependencies): Promise<HttpResponse | GatewayFailure> {
    const functionArn = functionArnOfUri(String(call.integration.uri ?? ""));
    if (!functionArn) return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
    const event = proxyEvent(call.request, call.operation.resourcePath, call.context, call.api.stage.variables, call.binaryMediaTypes);
    const result = await deps.invoker.invoke(functionArn, event, timeoutOf(call.integration));
    if (result.kind === "timeout") return new GatewayFailure("INTEGRATION_TIMEOUT", "Endpoint request timed out");
    if (result.kind === "unknown-function") deps.warn(result.message);
    if (result.kind !== "ok") return new GatewayFailure("DEFAULT_5XX", "Internal server error", undefined, 502);
    call.context.integrationStatus = 200;
    return proxyResponse(result.payload, call.request, call.binaryMediaTypes);
}

async function httpProxy(call: IntegrationCall, deps: IntegrateDependencies): Promise<HttpResponse | GatewayFailure> {
    const mapped = mapRequest({ ...call.integration, requestTemplates: undefined, passthroughBehavior: "when_no_match" }, call.request, call.request.http.body, call.context, call.api.stage.variables);
    if (mapped instanceof GatewayFailure) return mapped;
    const url = integrationUrl(String(call.integration.uri), mapped.path, [...call.request.http.query, ...Object.entries(mapped.querystring)], deps.backends);
    if (url instanceof GatewayFailure) return url;
    const headers: [string, string][] = [...call.request.http.headers, ...Object.entries(mapped.headers)];
    const method = call.integration.httpMethod && call.integration.httpMethod !== "ANY" ? String(call.integration.httpMethod) : call.request.method;
    const answer = await callHttp(method, url, headers, call.request.http.body, timeoutOf(call.integration));
    if (answer instanceof GatewayFailure) return answer;
    call.context.integrationStatus = answer.statusCode;
    return { statusCode: answer.statusCode, headers: answer.headers, body: answer.body };
}

async function mapped(call: IntegrationCall, deps: IntegrateDependencies, type: string): Promise<HttpResponse | GatewayFailure> {
    const { integration, request, context } = call;
    const binary = isBinaryType(mediaType(header(request, "content-type")), call.binaryMediaTypes);
    const payload = convertPayload(request.http.body, binary, integration.contentHandling);
    if (payload instanceof GatewayFailure) return payload;
    const mappedRequest = mapRequest(integration, request, payload, context, call.api.stage.variables);
    if (mappedRequest instanceof GatewayFailure) return mappedRequest;

    let answer: IntegrationResponse | GatewayFailure;
    if (type === "mock") {
        answer = mockResponse(mappedRequest.body);
    } else if (type === "http") {
        const url = integrationUrl(String(integration.uri), mappedRequest.path, Object.entries(mappedRequest.querystring), deps.backends);
        if (url instanceof GatewayFailure) return url;
        const headers = Object.entries(mappedRequest.headers);
        if (!headers.some(([k]) => k.toLowerCase() === "content-type")) headers.push(["Content-Type", mappedRequest.templateType ?? header(request, "content-type") ?? "application/json"]);
        const method = integration.httpMethod && integration.httpMethod !== "ANY" ? String(integration.httpMethod) : request.method;
        answer = await callHttp(method, url, headers, mappedRequest.body, timeoutOf(integration));
    } else {
        const routeKey = `${call.operation.method} ${call.operation.resourcePath}`;
        answer = await callAwsService(String(integration.uri ?? ""), routeKey, mappedRequest.body, timeoutOf(integration), { invoker: deps.invoker, fixtures: deps.awsFixtures, warn: deps.warn });
    }
    if (answer instanceof GatewayFailure) return answer;
    context.integrationStatus = answer.statusCode;
    const selector = answer.errorMessage ?? String(answer.statusCode);
    return mapResponse(integration, answer, selector, request, context, call.api.stage.variables, call.binaryMediaTypes);
}

/** `${stageVariables.name}` in an integration URI is the stage variable's value (stage-variables.html). */
export function withStageVariables(uri: unknown, variables: Record<string, string>): string {
    return String(uri ?? "").replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => variables[name] ?? "");
}

export async function integrate(call: IntegrationCall, deps: IntegrateDependencies): Promise<HttpResponse | GatewayFailure> {
    const type = String(call.integration.type ?? "").toLowerCase();
    call = { ...call, integration: { ...call.integration, uri: withStageVariables(call.integration.uri, call.api.stage.variables) } };
    const started = deps.now();
    try {
        switch (type) {
            case "aws_proxy":
                return await lambdaProxy(call, deps);
            case "http_proxy":
                return await httpProxy(call, deps);
            case "http":
            case "aws":
            case "mock":
                return await mapped(call, deps, type);
            default:
                return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
        }
    } finally {
        call.context.integrationLatency = deps.now() - started;
    }
}
