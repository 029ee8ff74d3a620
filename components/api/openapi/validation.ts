// Request validation: the validators, the parameters a method declares, its request body,
// and which validator each method uses.

import { pathVariables } from "@gatevault/aws-model/apigateway/paths";
import type { RouteConfig } from "../../config/api";

/** Defined once per API; each method names the one it needs. */
export const REQUEST_VALIDATORS = {
    body: { validateRequestBody: true, validateRequestParameters: false },
    params: { validateRequestBody: false, validateRequestParameters: true },
    all: { validateRequestBody: true, validateRequestParameters: true },
} as const;

export type ValidatorName = keyof typeof REQUEST_VALIDATORS;

export interface Parameter {
    name: string;
    in: "path" | "query" | "header";
    required: boolean;
    schema: { type: "string" };
}

/** Path variables (always required), then the route's query and header parameters, then any a mapping reads. */
export function methodParameters(path: string, route: RouteConfig | undefined, reads: { query: string[]; headers: string[] }): Parameter[] {
    const params: Parameter[] = pathVariables(path).map((v) => ({ name: v.name, in: "path", required: true, schema: { type: "string" } }));
    const add = (name: string, where: "query" | "header", required: boolean) => {
        if (!params.some((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase())) {
            params.push({ name, in: where, required, schema: { type: "string" } });
        }
    };
    for (const [name, need] of Object.entries(route?.parameters?.query ?? {})) add(name, "query", need === "required");
    for (const [name, need] of Object.entries(route?.parameters?.headers ?? {})) add(name, "header", need === "required");
    reads.query.forEach((name) => add(name, "query", false));
    reads.headers.forEach((name) => add(name, "header", false));
    return params;
}

export function requestBody(route: RouteConfig | undefined): Record<string, unknown> | undefined {
    if (!route?.requestBody) {
        return undefined;
    }
    return {
        required: true,
        content: { [route.requestBody.contentType]: { schema: { $ref: `#/components/schemas/${route.requestBody.model}` } } },
    };
}

/** Validate what the method says it takes: a body, required non-path parameters, or both. */
export function validatorFor(hasBody: boolean, hasRequiredParameters: boolean): ValidatorName | undefined {
    if (hasBody && hasRequiredParameters) return "all";
    if (hasBody) return "body";
    if (hasRequiredParameters) return "params";
    return undefined;
}

/** Parameters come from config or from a user's document, so they are read defensively. */
export function requiresParameters(parameters: readonly unknown[]): boolean {
    return parameters.some((p) => {
        const param = p as { in?: unknown; required?: unknown } | null;
        return param !== null && typeof param === "object" && param.in !== "path" && param.required === true;
    });
}
