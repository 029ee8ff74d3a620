// Reads what the gateway needs out of an API's OpenAPI document, once: its operations with
// their x-amazon-apigateway-* extensions, security schemes, validators, models, gateway
// responses, binary media types and API key source. The document is the only source of
// API behaviour; nothing here is re-derived from stack config.
// Extensions: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
// Deliberately not read: x-amazon-apigateway-policy (resource policies are not evaluated),
// x-amazon-apigateway-endpoint-configuration, x-amazon-apigateway-minimum-compression-size
// (responses are never compressed), documentation parts.

import { OPERATION_KEYS } from "@gatevault/aws-model/apigateway/paths";

export interface Parameter {
    name: string;
    in: "path" | "query" | "header";
    required: boolean;
}

export interface Operation {
    /** GET, POST, ... or ANY. */
    method: string;
    /** The resource path as in the document: `/orders/{id}`. */
    resourcePath: string;
    parameters: Parameter[];
    /** Content type → model name, from requestBody (`#/components/schemas/<name>`). */
    bodyModels: Record<string, string>;
    validator?: { body: boolean; params: boolean };
    /** OR of requirements; each an AND of scheme name → scopes. */
    security: Record<string, string[]>[];
    integration?: Record<string, any>;
}

export interface ApiModel {
    operations: Operation[];
    securitySchemes: Record<string, any>;
    models: Record<string, unknown>;
    gatewayResponses: Record<string, { statusCode?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string> }>;
    binaryMediaTypes: string[];
    apiKeySource: "HEADER" | "AUTHORIZER";
}

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

function parametersOf(pathItem: Record<string, any>, operation: Record<string, any>): Parameter[] {
    const merged = new Map<string, Parameter>();
    for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        if (p && typeof p.name === "string" && ["path", "query", "header"].includes(p.in)) {
            merged.set(`${p.in}:${String(p.name).toLowerCase()}`, { name: p.name, in: p.in, required: p.in === "path" || p.required === true });
        }
    }
    return [...merged.values()];
}

function bodyModelsOf(operation: Record<string, any>): Record<string, string> {
    const content = operation.requestBody?.content ?? {};
    const models: Record<string, string> = {};
    for (const [type, media] of Object.entries<any>(content)) {
        const ref = SCHEMA_REF.exec(media?.schema?.$ref ?? "");
        if (ref) models[type] = decodeURIComponent(ref[1]);
    }
    return models;
}

export function readApiModel(document: Record<string, any>): ApiModel {
    const validators: Record<string, { validateRequestBody?: boolean; validateRequestParameters?: boolean }> = document["x-amazon-apigateway-request-validators"] ?? {};
    const defaultValidator: string | undefined = document["x-amazon-apigateway-request-validator"];
    const rootSecurity: Record<string, string[]>[] = document.security ?? [];
    const operations: Operation[] = [];
    for (const [resourcePath, pathItem] of Object.entries<Record<string, any>>(document.paths ?? {})) {
        for (const [key, method] of Object.entries(OPERATION_KEYS)) {
            const operation = pathItem[key];
            if (!operation) continue;
            const validatorName: string | undefined = operation["x-amazon-apigateway-request-validator"] ?? defaultValidator;
            const validator = validatorName !== undefined ? validators[validatorName] : undefined;
            operations.push({
                method,
                resourcePath,
                parameters: parametersOf(pathItem, operation),
                bodyModels: bodyModelsOf(operation),
                validator: validator ? { body: validator.validateRequestBody === true, params: validator.validateRequestParameters === true } : undefined,
                security: operation.security ?? rootSecurity,
                integration: operation["x-amazon-apigateway-integration"],
            });
        }
    }
    const binaryMediaTypes = document["x-amazon-apigateway-binary-media-types"] ?? [];
    return {
        operations,
        securitySchemes: document.components?.securitySchemes ?? {},
        models: document.components?.schemas ?? {},
        gatewayResponses: document["x-amazon-apigateway-gateway-responses"] ?? {},
        // API Gateway stores binary media types with "/" escaped as "~1" on the RestApi; the document uses "/".
        binaryMediaTypes: binaryMediaTypes.map((t: string) => t.replace(/~1/g, "/")),
        apiKeySource: document["x-amazon-apigateway-api-key-source"] === "AUTHORIZER" ? "AUTHORIZER" : "HEADER",
    };
}
