// Validate: the method's request validator, applied as API Gateway documents it
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html):
// required request parameters in the query string and headers must be "included and not
// blank" (existence only, no type or format check); the body must match the model of its
// content type (JSON Schema draft 4), and "if no matching content type is found, request
// validation is not performed" ($default matches any). Failures answer BAD_REQUEST_PARAMETERS
// or BAD_REQUEST_BODY (400).
// Keywords API Gateway does not apply are dropped before validating ("Amazon API Gateway
// important notes for REST APIs", api-gateway-known-issues.html: "The maxItems and minItems tags
// are not included in simple request validation", "exclusiveMinimum is not supported").
// Deliberately not modelled: API Gateway's exact validationErrorString wording (its Java
// validator's messages; ajv's are given instead), validation of path parameters (always present
// once routed).

import Ajv, { type ValidateFunction } from "ajv-draft-04";
import type { Operation } from "./document";
import { header, mediaType, type MethodRequest } from "./request";
import { GatewayFailure } from "./types";

export const IGNORED_KEYWORDS = ["exclusiveMinimum", "maxItems", "minItems"] as const;

function withoutIgnored(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map(withoutIgnored);
    if (schema === null || typeof schema !== "object") return schema;
    return Object.fromEntries(
        Object.entries(schema)
            .filter(([k]) => !(IGNORED_KEYWORDS as readonly string[]).includes(k))
            // `properties` maps names to schemas: a property may be called "minItems".
            .map(([k, v]) => [k, k === "properties" || k === "definitions" ? Object.fromEntries(Object.entries(v as object).map(([n, s]) => [n, withoutIgnored(s)])) : withoutIgnored(v)]),
    );
}

/** Body validators per model, compiled on first use; models may refer to each other as #/components/schemas/<name>. */
export class ModelValidators {
    private readonly ajv = new Ajv({ allErrors: true, strict: false });
    private readonly compiled = new Map<string, ValidateFunction>();
    private readonly root: Record<string, unknown>;

    constructor(models: Record<string, unknown>) {
        this.root = { components: { schemas: withoutIgnored(models) } };
    }

    get(model: string): ValidateFunction {
        let validate = this.compiled.get(model);
        if (!validate) {
            validate = this.ajv.compile({ ...this.root, $ref: `#/components/schemas/${model.replace(/~/g, "~0").replace(/\//g, "~1")}` });
            this.compiled.set(model, validate);
        }
        return validate;
    }
}

/** validationErrorString goes inside a JSON string in templates (`"$context.error.validationErrorString"`). */
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

function missingParameters(operation: Operation, request: MethodRequest): string[] {
    return operation.parameters
        .filter((p) => p.required && p.in !== "path")
        .filter((p) => {
            const value = p.in === "header" ? header(request, p.name) : request.query[p.name];
            return value === undefined || value.trim() === "";
        })
        .map((p) => p.name);
}

function bodyModel(operation: Operation, request: MethodRequest): string | undefined {
    // Without a Content-Type, API Gateway takes the body as application/json.
    const type = mediaType(header(request, "content-type")) ?? "application/json";
    const entry = Object.entries(operation.bodyModels).find(([t]) => t.toLowerCase() === type);
    return entry?.[1] ?? operation.bodyModels.$default;
}

export function validateRequest(operation: Operation, request: MethodRequest, validators: ModelValidators): GatewayFailure | undefined {
    const validator = operation.validator;
    if (!validator) return undefined;
    if (validator.params) {
        const missing = missingParameters(operation, request);
        if (missing.length > 0) {
            return new GatewayFailure("BAD_REQUEST_PARAMETERS", `Missing required request parameters: [${missing.join(", ")}]`, `[Missing required request parameters: [${missing.join(", ")}]]`);
        }
    }
    const model = validator.body ? bodyModel(operation, request) : undefined;
    if (model === undefined) return undefined;
    let body: unknown;
    try {
        body = JSON.parse(request.http.body.toString("utf8"));
    } catch (err) {
        return new GatewayFailure("BAD_REQUEST_BODY", "Invalid request body", jsonEscaped(`[Invalid JSON: ${(err as Error).message}]`));
    }
    const validate = validators.get(model);
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`.trim());
    return new GatewayFailure("BAD_REQUEST_BODY", "Invalid request body", jsonEscaped(`[${errors.join(", ")}]`));
}
