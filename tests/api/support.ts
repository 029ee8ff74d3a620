// Helpers for the API tests: typed API config from a few raw fields, the pure builder with
// in-memory files, and a real OpenAPI 3 validator over what it produces.

import { validate } from "@readme/openapi-parser";
import AjvDraft04 from "ajv-draft-04";
import { expect } from "chai";
import type { ApiConfig } from "../../components/config/api";
import { apiSchema } from "../../components/config/api";
import type { ConfigProblem } from "../../components/config";
import { buildApiDocument, ApiDocument } from "../../components/api/openapi";
import type { AvailableTargets } from "../../components/api/openapi";
import { problemsOf } from "../support/config-problems";

export { configProblems, expectProblem } from "../support/config-problems";

export const LAMBDA_ARN = "arn:aws:lambda:eu-west-1:111111111111:function:orders-handler";

/**
 * Integration responses mapping every backend error (400-599), which HTTP and AWS integrations
 * must have: without them the default response answers a backend error as a success.
 */
export const ERROR_RESPONSES = [
    { statusCode: "400", selectionPattern: "4\\d{2}" },
    { statusCode: "502", selectionPattern: "5\\d{2}" },
];

/** An API with one MOCK route unless `raw` says otherwise; parsed by the real schema. */
export function apiConfig(raw: Record<string, unknown> = {}): ApiConfig {
    return apiSchema.parse({
        name: "orders",
        throttle: { rateLimit: 10, burstLimit: 20 },
        routes: [{ path: "/orders", method: "GET", integration: { type: "MOCK" } }],
        ...raw,
    });
}

export interface BuildOptions {
    files?: Record<string, string>;
    available?: Partial<AvailableTargets>;
    region?: string;
}

export function build(api: ApiConfig, opts: BuildOptions = {}): ApiDocument {
    return buildApiDocument({ api, at: ["apis", 0], region: opts.region ?? "eu-west-1", available: opts.available, readFile: (p) => opts.files?.[p] });
}

export function buildProblems(api: ApiConfig, opts: BuildOptions = {}): ConfigProblem[] {
    return problemsOf(() => build(api, opts));
}

/** The dev stack's first API with `edit` applied to its raw config. */
export function editApi(edit: (api: Record<string, any>) => void): (config: Record<string, any>) => void {
    return (config) => edit(config["gatevault:apis"][0]);
}

// The parser makes a new Ajv (ajv-draft-04, the same options every time) for each `validate` and
// compiles the OpenAPI 3.0 JSON Schema into it again (validateSchema in its dist/index.cjs, v9.0.0):
// about 0.1 s per call, 2 s of the suite. The compiled validator depends only on the schema and
// those options, so draft-04 instances share one compile per schema object in this process.
{
    const core = Object.getPrototypeOf(AjvDraft04.prototype) as { compile(this: object, schema: unknown, meta?: boolean): unknown };
    const compile = core.compile;
    const compiled = new WeakMap<object, unknown>();
    core.compile = function (schema, meta) {
        if (!(this instanceof AjvDraft04) || typeof schema !== "object" || schema === null || meta) return compile.call(this, schema, meta);
        if (!compiled.has(schema)) compiled.set(schema, compile.call(this, schema, meta));
        return compiled.get(schema);
    };
}

/**
 * Validates with a real OpenAPI 3 parser. API Gateway spells greedy path variables
 * `{proxy+}` with a parameter named `proxy`, which strict OpenAPI rejects as a name
 * mismatch; only that spelling is normalised before validating.
 */
export async function expectValidOpenApi(document: unknown): Promise<void> {
    const text = JSON.stringify(document).replace(/\{([A-Za-z_][A-Za-z0-9_]*)\+\}/g, "{$1}");
    const result = await validate(JSON.parse(text));
    expect(result.valid, JSON.stringify(result)).to.equal(true);
}

/** The operation object at a path and method of a built document. */
export function operation(built: ApiDocument, path: string, method: string): Record<string, any> {
    const item = (built.document.paths as Record<string, Record<string, any>>)[path];
    expect(item, `no path ${path}`).to.not.equal(undefined);
    const op = item[method];
    expect(op, `no ${method} on ${path}`).to.not.equal(undefined);
    return op;
}

export function integration(built: ApiDocument, path: string, method: string): Record<string, any> {
    return operation(built, path, method)["x-amazon-apigateway-integration"];
}
