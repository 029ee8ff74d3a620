// The OpenAPI document a RestApi is built from (its `body`), read the way API Gateway reads
// it: operations per path and method, their security requirements and request validators,
// the CORS headers integration and gateway responses set, and binary media types. Pure and
// read-only; every API Gateway rule that judges the body goes through here.

import { OPERATION_KEYS } from "@gatevault/aws-model/apigateway/paths";
import { isObject, parseJsonObject, Parsed, stringList } from "../common/parse-json";

export type OpenApiDocument = Record<string, any>;

export interface Operation {
    path: string;
    /** Upper case; `ANY` for `x-amazon-apigateway-any-method`. */
    method: string;
    operation: Record<string, any>;
    pathItem: Record<string, any>;
}

// Several rules read the same body in a row (the evaluator runs every policy on one resource
// before the next), so the last parse is kept. Parsed documents are never modified.
let lastBody: string | undefined;
let lastParse: Parsed<OpenApiDocument> | undefined;

export function parseOpenApiBody(body: unknown): Parsed<OpenApiDocument> {
    if (typeof body === "string" && body === lastBody && lastParse) {
        return lastParse;
    }
    let result = parseJsonObject(body, "the OpenAPI body");
    if (result.ok) {
        const doc = result.value;
        if (typeof doc.openapi !== "string" && typeof doc.swagger !== "string") {
            result = { ok: false, problem: "the OpenAPI body has no openapi (or swagger) version field" };
        } else if (!isObject(doc.paths)) {
            result = { ok: false, problem: "the OpenAPI body has no paths object" };
        }
    }
    if (typeof body === "string") {
        lastBody = body;
        lastParse = result;
    }
    return result;
}

/** Follows a local `$ref` (`#/components/...`); anything else is returned as it is. */
export function resolveRef(doc: OpenApiDocument, value: unknown): unknown {
    if (!isObject(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) {
        return value;
    }
    let node: unknown = doc;
    for (const raw of value.$ref.slice(2).split("/")) {
        const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        node = isObject(node) ? node[key] : undefined;
    }
    return node;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
    const out: Operation[] = [];
    for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
        if (!isObject(pathItem)) continue;
        for (const [key, operation] of Object.entries(pathItem)) {
            const method = OPERATION_KEYS[key.toLowerCase()];
            if (method && isObject(operation)) {
                out.push({ path, method, operation, pathItem });
            }
        }
    }
    return out;
}

export function securitySchemesOf(doc: OpenApiDocument): Record<string, any> {
    const schemes = doc.components?.securitySchemes ?? doc.securityDefinitions;
    return isObject(schemes) ? schemes : {};
}

/** The security requirements that apply to an operation: its own, else the document's. */
export function securityOf(doc: OpenApiDocument, op: Operation): Record<string, unknown>[] {
    const own = op.operation.security;
    const list = Array.isArray(own) ? own : Array.isArray(doc.security) ? doc.security : [];
    return list.filter(isObject);
}

/** True for schemes backed by an authorizer (Lambda, Cognito) or IAM, as opposed to a bare API key. */
export function isAuthorizerScheme(scheme: unknown): boolean {
    return isObject(scheme) && (isObject(scheme["x-amazon-apigateway-authorizer"]) || typeof scheme["x-amazon-apigateway-authtype"] === "string");
}

export type AuthorizationCheck = { ok: true; authorizer: boolean } | { ok: false; reason: string };

/**
 * Whether calling an operation requires credentials: a security requirement naming schemes the
 * document defines (an authorizer, IAM, or an API key), or IAM auth through
 * `x-amazon-apigateway-auth`. `authorizer` tells whether more than an API key is required.
 */
export function authorizationOf(doc: OpenApiDocument, op: Operation): AuthorizationCheck {
    const auth = op.operation["x-amazon-apigateway-auth"];
    if (isObject(auth) && typeof auth.type === "string" && auth.type.toUpperCase() !== "NONE") {
        return { ok: true, authorizer: true };
    }
    const requirements = securityOf(doc, op);
    if (requirements.length === 0) {
        return { ok: false, reason: "no security requirement" };
    }
    if (requirements.some((r) => Object.keys(r).length === 0)) {
        return { ok: false, reason: "an empty security requirement ({}) makes authorization optional" };
    }
    const schemes = securitySchemesOf(doc);
    const undefinedNames = requirements.flatMap((r) => Object.keys(r)).filter((name) => !(name in schemes));
    if (undefinedNames.length > 0) {
        return { ok: false, reason: `security scheme ${undefinedNames.map((n) => `"${n}"`).join(", ")} is not defined` };
    }
    // Alternatives are OR-ed: an authorizer is required only if every alternative names one.
    const authorizer = requirements.every((r) => Object.keys(r).some((name) => isAuthorizerScheme(schemes[name])));
    return { ok: true, authorizer };
}

export interface RequestValidator {
    name?: string;
    validateRequestBody: boolean;
    validateRequestParameters: boolean;
}

/** The validator API Gateway applies to an operation (its own, else the document default). */
export function requestValidatorOf(doc: OpenApiDocument, op: Operation): RequestValidator {
    const name = op.operation["x-amazon-apigateway-request-validator"] ?? doc["x-amazon-apigateway-request-validator"];
    const validators = doc["x-amazon-apigateway-request-validators"];
    const v = typeof name === "string" && isObject(validators) ? validators[name] : undefined;
    return {
        name: typeof name === "string" ? name : undefined,
        validateRequestBody: isObject(v) && v.validateRequestBody === true,
        validateRequestParameters: isObject(v) && v.validateRequestParameters === true,
    };
}

export interface OperationInputs {
    body: boolean;
    /** Required query-string and header parameters, as `query.<name>` / `header.<name>`. */
    requiredParameters: string[];
}

export function inputsOf(doc: OpenApiDocument, op: Operation): OperationInputs {
    const parameters = [...(Array.isArray(op.pathItem.parameters) ? op.pathItem.parameters : []), ...(Array.isArray(op.operation.parameters) ? op.operation.parameters : [])]
        .map((p) => resolveRef(doc, p))
        .filter(isObject);
    const body = op.operation.requestBody !== undefined || parameters.some((p) => p.in === "body" || p.in === "formData");
    const requiredParameters = parameters.filter((p) => (p.in === "query" || p.in === "header") && p.required === true).map((p) => `${p.in}.${p.name}`);
    return { body, requiredParameters };
}

export interface CorsOrigin {
    /** Where the header is set, for messages: `GET /pets (200)` or `gateway response DEFAULT_4XX`. */
    where: string;
    /** The operation's path, when set by an integration response. */
    path?: string;
    method?: string;
    /** The origin value: a literal, or `*` for a wildcard or an echo of the request's Origin header. */
    origin: string;
    /** True when the value echoes the request's Origin header (any origin) rather than a literal. */
    echo: boolean;
    /** True when the same response allows credentials. */
    credentials: boolean;
}

function header(params: unknown, prefix: string, name: string): string | undefined {
    if (!isObject(params)) return undefined;
    const wanted = `${prefix}.header.${name}`.toLowerCase();
    const entry = Object.entries(params).find(([k]) => k.toLowerCase() === wanted);
    return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

/**
 * API Gateway header values are either a quoted literal (`'https://app.example.com'`) or a
 * mapping expression; mapping the request's own Origin header back allows every origin.
 */
function originValue(mapping: string): string | undefined {
    const literal = /^'(.*)'$/s.exec(mapping.trim());
    if (literal) return literal[1].trim();
    if (mapping.trim().toLowerCase() === "method.request.header.origin") return "*";
    return undefined;
}

function corsOf(params: unknown, prefix: string, where: string, op?: Operation): CorsOrigin | undefined {
    const mapping = header(params, prefix, "Access-Control-Allow-Origin");
    const origin = mapping === undefined ? undefined : originValue(mapping);
    if (origin === undefined) return undefined;
    const credentials = originValue(header(params, prefix, "Access-Control-Allow-Credentials") ?? "")?.toLowerCase() === "true";
    const echo = !/^'.*'$/s.test(mapping!.trim());
    return { where, path: op?.path, method: op?.method, origin, echo, credentials };
}

/** Every Access-Control-Allow-Origin the API sets with a value known from the document. */
export function corsOriginsOf(doc: OpenApiDocument): CorsOrigin[] {
    const out: CorsOrigin[] = [];
    for (const op of operationsOf(doc)) {
        const responses = op.operation["x-amazon-apigateway-integration"]?.responses;
        if (!isObject(responses)) continue;
        for (const [status, response] of Object.entries(responses)) {
            const found = corsOf(isObject(response) ? response.responseParameters : undefined, "method.response", `${op.method} ${op.path} (${status})`, op);
            if (found) out.push(found);
        }
    }
    const gatewayResponses = doc["x-amazon-apigateway-gateway-responses"];
    if (isObject(gatewayResponses)) {
        for (const [type, response] of Object.entries(gatewayResponses)) {
            const found = corsOf(isObject(response) ? response.responseParameters : undefined, "gatewayresponse", `gateway response ${type}`);
            if (found) out.push(found);
        }
    }
    return out;
}

export function binaryMediaTypesOf(doc: OpenApiDocument): string[] {
    return stringList(doc["x-amazon-apigateway-binary-media-types"]);
}

/** The resource policy carried in the document (`x-amazon-apigateway-policy`), if any. */
export function resourcePolicyOf(doc: OpenApiDocument): Record<string, any> | undefined {
    const policy = doc["x-amazon-apigateway-policy"];
    return isObject(policy) ? policy : undefined;
}
