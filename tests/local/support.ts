// Helpers for the local gateway's tests: OpenAPI documents written for the test (with API
// Gateway's extensions, as AWS documents them), a server per test file, HTTP calls to it, and
// a clock tests can move.

import { InProcessRuntime, type LocalFunction } from "../../tools/local/lambda/runtime";
import { serveApi, type RunningApi, type ServeOptions } from "../../tools/local/start";
import type { ApiDefinition, StageDefinition } from "../../tools/local/gateway/types";

export const REGION = "eu-west-1";
export const ACCOUNT = "111111111111";
export const HANDLERS = "tests/local/fixtures/handlers.ts";

export const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const lambdaUri = (name: string) => `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn(name)}/invocations`;

/** A test function exported by tests/local/fixtures/handlers.ts, by its export name. */
export const fixture = (name: string, environment: Record<string, string> = {}): LocalFunction => ({ arn: functionArn(name), entry: HANDLERS, handlerName: name, environment });

export const mock = (responseTemplate: string, extra: Record<string, unknown> = {}) => ({
    "x-amazon-apigateway-integration": {
        type: "mock",
        requestTemplates: { "application/json": '{"statusCode": 200}' },
        passthroughBehavior: "when_no_match",
        responses: { default: { statusCode: "200", responseTemplates: { "application/json": responseTemplate } } },
        ...extra,
    },
});

export const lambdaProxy = (name: string, extra: Record<string, unknown> = {}) => ({
    "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: lambdaUri(name), ...extra },
});

export function definition(document: Record<string, unknown>, overrides: Partial<Omit<ApiDefinition, "stage">> & { stage?: Partial<StageDefinition> } = {}): ApiDefinition {
    const { stage, ...rest } = overrides;
    return {
        name: "test-api",
        apiId: "a1b2c3d4e5",
        region: REGION,
        accountId: ACCOUNT,
        document: { openapi: "3.0.1", info: { title: "test-api", version: "1" }, ...document },
        stage: { name: "test", variables: {}, cacheClusterEnabled: false, methodSettings: {}, ...stage },
        usagePlans: [],
        apiKeys: [],
        ...rest,
    };
}

export class TestClock {
    ms = Date.UTC(2026, 10, 26, 12, 0, 0);
    readonly now = () => this.ms;
    advance(ms: number): void {
        this.ms += ms;
    }
}

export interface Answer {
    status: number;
    headers: Headers;
    text: string;
    body: Buffer;
    json(): any;
}

export interface TestApi extends RunningApi {
    call(path: string, init?: RequestInit): Promise<Answer>;
    logs: string[];
    warnings: string[];
    /** Console output of the functions, as `<name>: <line>`. */
    functionLogs: string[];
}

/** One server for a test file; `functions` run in-process from their bundles. */
export async function serveTest(def: ApiDefinition, options: Partial<ServeOptions> & { functions?: LocalFunction[] } = {}): Promise<TestApi> {
    const logs: string[] = [];
    const warnings: string[] = [];
    const functionLogs: string[] = [];
    const warn = (m: string) => warnings.push(m);
    const runtime = new InProcessRuntime(options.functions ?? [], warn, (name, line) => functionLogs.push(`${name}: ${line}`));
    const running = await serveApi(def, { invoker: runtime, accessLog: (l) => logs.push(l), warn, port: 0, ...options });
    const call = async (path: string, init?: RequestInit): Promise<Answer> => {
        const response = await fetch(`${running.url}${path}`, init);
        const body = Buffer.from(await response.arrayBuffer());
        const text = body.toString("utf8");
        return { status: response.status, headers: response.headers, body, text, json: () => JSON.parse(text) };
    };
    return { ...running, call, logs, warnings, functionLogs };
}
