// One OpenAPI operation with its gateway extensions: parameters, body, responses, security,
// validator and integration.

import { pathVariables } from "@gatevault/aws-model/apigateway/paths";
import type { BuildContext } from "./context";
import { BuiltIntegration, buildIntegration } from "./integrations";
import { methodSecurity } from "./authorizers";
import { CacheKeys, cacheKeysFor, isCached } from "./cache-keys";
import type { PlannedOperation } from "./operations";
import { methodParameters, Parameter, requestBody, requiresParameters, validatorFor } from "./validation";

export interface BuiltOperation {
    operation: Record<string, unknown>;
    /** Set for LAMBDA integrations: the function that needs an invoke permission. */
    lambdaFunction?: string;
    /** Whether the stage cache answers this method (keyed by its cacheKeyParameters). */
    cached: boolean;
}

type DocParameter = { name?: unknown; in?: unknown; required?: unknown };

function mergeParameters(existing: unknown, ours: Parameter[]): unknown[] {
    const list: unknown[] = Array.isArray(existing) ? [...existing] : [];
    for (const p of ours) {
        const present = list.some((q) => {
            const d = q as DocParameter;
            return d.in === p.in && String(d.name).toLowerCase() === p.name.toLowerCase();
        });
        if (!present) {
            list.push(p);
        }
    }
    return list;
}

function mergeResponses(existing: unknown, methodResponses: BuiltIntegration["methodResponses"]): Record<string, unknown> {
    const responses: Record<string, any> = typeof existing === "object" && existing !== null ? structuredClone(existing as Record<string, unknown>) : {};
    for (const [status, headers] of Object.entries(methodResponses)) {
        const response = (responses[status] ??= { description: `${status} response` });
        if (headers.length > 0) {
            response.headers = { ...(response.headers ?? {}) };
            for (const header of headers) {
                response.headers[header] ??= { schema: { type: "string" } };
            }
        }
    }
    return responses;
}

export function buildOperation(ctx: BuildContext, op: PlannedOperation): BuiltOperation {
    const operation: Record<string, unknown> = op.document ? structuredClone(op.document) : {};
    // Who may call the method is gatevault's to say: a document's own requirements are replaced.
    delete operation.security;

    const integration = op.integration ? buildIntegration(ctx, op, op.integration, op.integrationAt!, op.appendPath) : undefined;
    const reads = integration?.readsParameters ?? { query: [], headers: [] };

    const security = methodSecurity(ctx, op.route);
    const cached = isCached(ctx, op.method, op.route);
    const ours = methodParameters(op.path, op.route, reads);
    let keys: CacheKeys | undefined;
    if (cached) {
        keys = cacheKeysFor(ctx, op.document ? mergeParameters(operation.parameters, ours) : ours, security);
        if (keys.refusal) {
            ctx.problems.add(
                op.route?.cache !== undefined ? [...op.at, "cache"] : op.at,
                `cannot be cached: ${keys.refusal}, so one caller's cached answer would be served to another (route ${op.key}); set cache: false on the route`,
            );
        }
        ours.push(...keys.identityParameters.map((p) => ({ ...p, required: false, schema: { type: "string" as const } })));
    }
    const parameters = op.document ? mergeParameters(operation.parameters, ours) : ours;
    if (parameters.length > 0) {
        operation.parameters = parameters;
    }
    const body = requestBody(op.route);
    if (body) {
        operation.requestBody = body;
    }
    if (op.route?.summary) {
        operation.summary = op.route.summary;
    }
    operation.responses = mergeResponses(operation.responses, integration?.methodResponses ?? {});
    if (Object.keys(operation.responses as object).length === 0) {
        operation.responses = { "200": { description: "200 response" } };
    }

    if (security) {
        operation.security = security;
    }

    const validator = validatorFor(operation.requestBody !== undefined, requiresParameters(parameters));
    if (validator) {
        operation["x-amazon-apigateway-request-validator"] = validator;
    } else {
        delete operation["x-amazon-apigateway-request-validator"];
    }
    if (integration) {
        operation["x-amazon-apigateway-integration"] = integration.extension;
    }
    const extension = operation["x-amazon-apigateway-integration"];
    if (keys && typeof extension === "object" && extension !== null) {
        // A brought document's own keys stay; gatevault's are added.
        const own = (extension as { cacheKeyParameters?: unknown }).cacheKeyParameters;
        const existing = Array.isArray(own) ? own.filter((k): k is string => typeof k === "string") : [];
        operation["x-amazon-apigateway-integration"] = { ...extension, cacheKeyParameters: [...new Set([...existing, ...keys.keys])] };
    }
    return { operation, lambdaFunction: integration?.lambdaFunction, cached };
}

/** Path parameters every operation on a path declares (the preflight needs them too). */
export function pathParameters(path: string): Parameter[] {
    return pathVariables(path).map((v) => ({ name: v.name, in: "path", required: true, schema: { type: "string" } }));
}
