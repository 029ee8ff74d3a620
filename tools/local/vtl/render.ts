// Renders API Gateway mapping templates (VTL) with velocityjs, behind API Gateway's `$input`,
// `$util`, `$context` and `$stageVariables` (mapping template reference:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
// The local emulator renders integration and gateway-response templates with it; tests render
// the shipped templates with it (tests/support/vtl.ts). Where velocityjs differs from API
// Gateway's Java engine is listed in docs/functions.md ("Mapping templates") and pinned by
// tests/support/vtl.test.ts.

import { Compile, parse } from "velocityjs";
import { customMethodHandlers } from "./java-methods";
import { evaluateJsonPath } from "./jsonpath";
import { vtlUtil } from "./util";

export interface VtlRequest {
    /** Raw body: the method request's for request templates, the integration response's for response templates. */
    body?: string;
    params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
    /**
     * `$context`. Templates may assign into it (`#set($context.responseOverride.status = 404)`):
     * the caller reads such overrides from the same object after rendering.
     */
    context?: Record<string, unknown>;
    stageVariables?: Record<string, string>;
}

function inputOf(request: VtlRequest) {
    const body = request.body ?? "";
    let parsed: unknown;
    let parsedOnce = false;
    const document = () => {
        if (!parsedOnce) {
            parsed = body.trim() === "" ? {} : JSON.parse(body);
            parsedOnce = true;
        }
        return parsed;
    };
    const params = { path: { ...request.params?.path }, querystring: { ...request.params?.querystring }, header: { ...request.params?.header } };
    return {
        body,
        /** JSON text of the value at the path; nothing for an absent value. */
        json: (expression: string) => {
            const value = evaluateJsonPath(document(), expression);
            return value === undefined ? "" : JSON.stringify(value);
        },
        /** The value itself (objects and lists stay navigable); undefined when absent. */
        path: (expression: string) => evaluateJsonPath(document(), expression),
        /** All parameters by location, or one parameter looked up in path, query string, then headers ("" when absent). */
        params: (name?: string) => {
            if (name === undefined) return params;
            for (const source of [params.path, params.querystring, params.header]) {
                if (Object.hasOwn(source, name)) return source[name];
            }
            return "";
        },
    };
}

/**
 * API Gateway stops a #foreach after 1,000 iterations ("Quotas for configuring and running a REST
 * API in API Gateway": https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html),
 * as Velocity's directive.foreach.maxloops does: the loop ends early, with `$foreach.hasNext`
 * still true on the last iteration that ran. velocityjs has no such limit, so it is added here.
 */
export const MAX_FOREACH_ITERATIONS = 1000;

class ApiGatewayVelocity extends Compile {
    override renderAstList(asts?: Parameters<Compile["renderAstList"]>[0], contextId?: string): string {
        const loop = contextId?.startsWith("foreach:") ? (this.local[contextId] as { foreach?: { count: number } } | undefined)?.foreach : undefined;
        if (loop && loop.count > MAX_FOREACH_ITERATIONS) {
            // velocityjs skips the remaining iterations once the run is marked as broken (#break).
            this.runState.break = true;
            return "";
        }
        return super.renderAstList(asts, contextId);
    }
}

// Parsing dominates rendering time, and a server renders the same few templates again and again.
const parsed = new Map<string, ReturnType<typeof parse>>();

function compiled(template: string): Compile {
    let ast = parsed.get(template);
    if (!ast) {
        ast = parse(template);
        parsed.set(template, ast);
    }
    return new ApiGatewayVelocity(ast, { escape: false, customMethodHandlers });
}

export function renderVtl(template: string, request: VtlRequest = {}): string {
    return compiled(template).render({ input: inputOf(request), util: vtlUtil, context: request.context ?? {}, stageVariables: request.stageVariables ?? {} });
}

/** Renders and parses the output as JSON, quoting the output when it is not valid JSON. */
export function renderVtlJson(template: string, request: VtlRequest = {}): any {
    const output = renderVtl(template, request);
    try {
        return JSON.parse(output);
    } catch (err) {
        throw new Error(`template output is not valid JSON (${(err as Error).message}):\n${output}`);
    }
}
