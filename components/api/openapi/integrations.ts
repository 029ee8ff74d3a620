// x-amazon-apigateway-integration for one operation, from the route's integration config.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import { pathVariables } from "@gatevault/aws-model/apigateway/paths";
import type { IntegrationConfig, IntegrationType } from "../../config/api";
import { MAX_INTEGRATION_TIMEOUT_MS } from "../../config/api/integration";
import type { KeyPath } from "../../config/problems";
import type { BuildContext, OperationTarget } from "./context";
import { integrationResponses } from "./integration-responses";
import { recordTemplates } from "./templates";

export interface BuiltIntegration {
    extension: Record<string, unknown>;
    /** Method responses to declare: status code to header names. */
    methodResponses: Record<string, string[]>;
    /** Request parameters the mappings read, which the method must declare. */
    readsParameters: { query: string[]; headers: string[] };
    /** The function (ARN or supplied name) of a LAMBDA integration, which needs an invoke permission. */
    lambdaFunction?: string;
}

const OPENAPI_TYPE: Record<IntegrationType, string> = {
    HTTP: "http",
    HTTP_PROXY: "http_proxy",
    LAMBDA: "aws_proxy",
    MOCK: "mock",
    AWS: "aws",
};

/** API Gateway names greedy variables `{proxy+}` in paths but `{proxy}` in integration URIs. */
function integrationUri(integration: IntegrationConfig, target: OperationTarget, appendPath: boolean): string {
    const base = integration.uri!;
    const uri = appendPath ? `${base.replace(/\/+$/, "")}${target.path === "/" ? "" : target.path}` : base;
    return uri.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\+\}/g, "{$1}");
}

function requestParameters(
    ctx: BuildContext,
    integration: IntegrationConfig,
    target: OperationTarget,
    uri: string | undefined,
    at: KeyPath,
): { mapped: Record<string, string>; reads: BuiltIntegration["readsParameters"] } {
    const variables = new Set(pathVariables(target.path).map((v) => v.name));
    const mapped: Record<string, string> = { ...(integration.requestParameters ?? {}) };
    for (const match of (uri ?? "").matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
        const name = match[1];
        const key = `integration.request.path.${name}`;
        if (key in mapped) {
            continue;
        }
        if (variables.has(name)) {
            mapped[key] = `method.request.path.${name}`;
        } else {
            ctx.problems.add([...at, "uri"], `placeholder {${name}} is neither a path variable of route ${target.key} nor mapped in requestParameters`);
        }
    }
    const reads = { query: [] as string[], headers: [] as string[] };
    for (const [key, source] of Object.entries(mapped)) {
        const match = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(source);
        if (!match) {
            continue;
        }
        const [, where, name] = match;
        if (where === "path" && !variables.has(name)) {
            ctx.problems.add([...at, "requestParameters", key], `reads path variable ${name}, which route ${target.key} does not have`);
        } else if (where.endsWith("querystring")) {
            reads.query.push(name);
        } else if (where.endsWith("header")) {
            reads.headers.push(name);
        }
    }
    return { mapped, reads };
}

function awsServiceUri(ctx: BuildContext, integration: IntegrationConfig): string {
    const region = integration.region ?? ctx.region;
    const style = integration.action !== undefined ? `action/${integration.action}` : `path/${integration.path}`;
    return `arn:${ctx.partition}:apigateway:${region}:${integration.service}:${style}`;
}

/**
 * @param appendPath For a bring-your-own document's defaultIntegration: `uri` is a base
 *   URL and the operation's path is appended.
 */
export function buildIntegration(
    ctx: BuildContext,
    target: OperationTarget,
    integration: IntegrationConfig,
    at: KeyPath,
    appendPath = false,
): BuiltIntegration {
    const type = integration.type;
    const extension: Record<string, unknown> = { type: OPENAPI_TYPE[type] };
    const built: BuiltIntegration = { extension, methodResponses: {}, readsParameters: { query: [], headers: [] } };

    let uri: string | undefined;
    switch (type) {
        case "LAMBDA":
            extension.httpMethod = "POST";
            extension.uri = ctx.refs.lambdaInvokeUri(integration.function!, [...at, "function"], `route ${target.key}`);
            built.lambdaFunction = integration.function;
            break;
        case "HTTP":
        case "HTTP_PROXY":
            uri = integrationUri(integration, target, appendPath);
            extension.httpMethod = integration.httpMethod ?? target.method;
            extension.uri = uri;
            if (integration.connectionType === "VPC_LINK") {
                extension.connectionType = "VPC_LINK";
                extension.connectionId =
                    integration.vpcLinkId ?? ctx.refs.vpcLinkId(integration.vpcLink!, [...at, "vpcLink"], `route ${target.key}`);
            }
            break;
        case "AWS":
            extension.httpMethod = integration.httpMethod ?? "POST";
            extension.uri = awsServiceUri(ctx, integration);
            extension.credentials = integration.credentialsRoleArn;
            break;
        case "MOCK":
            break;
    }

    if (type !== "MOCK") {
        extension.timeoutInMillis = integration.timeoutMs ?? MAX_INTEGRATION_TIMEOUT_MS;
    }
    if (type === "HTTP" || type === "HTTP_PROXY" || type === "AWS") {
        const { mapped, reads } = requestParameters(ctx, integration, target, uri, at);
        if (Object.keys(mapped).length > 0) {
            extension.requestParameters = mapped;
        }
        built.readsParameters = reads;
    }

    if (type === "HTTP" || type === "AWS" || type === "MOCK") {
        const defaults = type === "MOCK" ? { "application/json": '{"statusCode": 200}' } : undefined;
        const templates = recordTemplates(ctx, integration.requestTemplates ?? defaults, [...at, "requestTemplates"], {
            route: target.key,
            direction: "request",
        });
        if (templates) {
            extension.requestTemplates = templates;
        }
        extension.passthroughBehavior = (integration.passthroughBehavior ?? "WHEN_NO_TEMPLATES").toLowerCase();
        if (integration.contentHandling) {
            extension.contentHandling = integration.contentHandling;
        }
        const { responses, methodResponses } = integrationResponses(ctx, integration, target, at);
        extension.responses = responses;
        built.methodResponses = methodResponses;
    } else {
        // Proxy integrations return the backend's response as is; one declared response keeps the document valid.
        built.methodResponses = { "200": [] };
    }
    return built;
}
