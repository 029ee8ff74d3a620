// Runs Lambda handlers in this process, from the same esbuild bundle `pulumi up` deploys
// (components/functions/bundle.ts): each function's bundle is evaluated once (its cold start,
// where handlers read and check their settings) with its own `process.env` — the function's
// environment plus the variables the Lambda runtime sets. The bundles carry their dependencies,
// the AWS SDK included, and `require` only Node's own modules. A handler is called with the
// event and a context object, promise or callback style.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html,
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
// Deliberately not modelled: isolation (functions share this process, its globals and the
// AWS SDK's own environment: the SDK signs with the credentials of the shell that started
// the server, as `sam local` passes yours), memory limits, the function's own timeout (the
// gateway's deadline applies), concurrency limits, freezing between invocations.

import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import * as path from "node:path";
import { format } from "node:util";
import * as vm from "node:vm";
import { bundleHandler, REPOSITORY_ROOT } from "../../../components/functions/bundle";
import type { FunctionInvoker, InvokeResult } from "./invoke";

export interface LocalFunction {
    /** The ARN the document's URIs name. */
    arn: string;
    /** Handler source, relative to the repository root or absolute. */
    entry: string;
    /** The exported handler's name; default `handler`. */
    handlerName?: string;
    environment: Record<string, string>;
    memorySize?: number;
}

type Handler = (event: unknown, context: Record<string, unknown>, callback?: (err: unknown, result?: unknown) => void) => unknown;

function functionName(arn: string): string {
    return /:function:([^:]+)/.exec(arn)?.[1] ?? arn;
}

// Lambda gives a function its execution role's keys as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
// and AWS_SESSION_TOKEN (configuration-envvars.html, above), where the bundled SDK looks first.
// Here they are the shell's, and a shell that names a profile or credential files passes those on.
const SHELL_CREDENTIAL_VARIABLES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"];

function shellCredentials(): Record<string, string> {
    return Object.fromEntries(SHELL_CREDENTIAL_VARIABLES.flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : [])));
}

function lambdaEnvironment(fn: LocalFunction): Record<string, string> {
    const region = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):/.exec(fn.arn)?.[1] ?? "us-east-1";
    const name = functionName(fn.arn);
    return {
        ...shellCredentials(),
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_LAMBDA_FUNCTION_NAME: name,
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize ?? 256),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
        LAMBDA_TASK_ROOT: "/var/task",
        ...fn.environment,
    };
}

/** Where a function's console output goes (Lambda sends it to the function's log group). */
export type FunctionLog = (functionName: string, line: string) => void;

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

/** Evaluates a bundle as Lambda loads `index.js`, with its own environment and console. */
export function loadBundle(code: string, env: Record<string, string>, filename: string, log: (line: string) => void): Record<string, unknown> {
    const wrapper = vm.compileFunction(code, ["exports", "require", "module", "__filename", "__dirname", "process", "console"], { filename });
    const module = { exports: {} as Record<string, unknown> };
    const ownProcess = new Proxy(process, { get: (target, key) => (key === "env" ? env : Reflect.get(target, key, target)) });
    const ownConsole = Object.assign(Object.create(console), Object.fromEntries(CONSOLE_METHODS.map((m) => [m, (...args: unknown[]) => log(format(...args))])));
    wrapper(module.exports, createRequire(path.join(REPOSITORY_ROOT, "index.js")), module, filename, path.dirname(filename), ownProcess, ownConsole);
    return module.exports;
}

function errorOf(err: unknown): { errorType: string; errorMessage: string } {
    return err instanceof Error ? { errorType: err.name, errorMessage: err.message } : { errorType: "Error", errorMessage: String(err) };
}

/** Lambda returns the handler's result as JSON: what cannot be serialised is an error, undefined is null. */
function serialized(payload: unknown): InvokeResult {
    try {
        return { kind: "ok", payload: payload === undefined ? null : JSON.parse(JSON.stringify(payload)) };
    } catch (err) {
        return { kind: "error", errorType: "Runtime.MarshalError", errorMessage: (err as Error).message };
    }
}

export class InProcessRuntime implements FunctionInvoker {
    private readonly byArn = new Map<string, LocalFunction>();
    private readonly handlers = new Map<string, Handler | { initError: { errorType: string; errorMessage: string } }>();

    constructor(
        functions: readonly LocalFunction[],
        private readonly warn: (message: string) => void = () => undefined,
        private readonly functionLog: FunctionLog = (name, line) => process.stderr.write(`[${name}] ${line}\n`),
    ) {
        for (const fn of functions) this.byArn.set(fn.arn, fn);
    }

    /** Bundles and loads every function now (a server does this before it listens). */
    warmUp(): void {
        for (const arn of this.byArn.keys()) this.handler(arn);
    }

    private handler(arn: string): Handler | { initError: { errorType: string; errorMessage: string } } | undefined {
        const fn = this.byArn.get(arn);
        if (!fn) return undefined;
        let loaded = this.handlers.get(arn);
        if (!loaded) {
            try {
                const bundle = bundleHandler(fn.entry);
                const name = functionName(arn);
                const exports = loadBundle(bundle.code, lambdaEnvironment(fn), path.join(REPOSITORY_ROOT, ".local-lambda", name, "index.js"), (line) => this.functionLog(name, line));
                const handler = exports[fn.handlerName ?? "handler"];
                if (typeof handler !== "function") throw new Error(`${fn.entry} exports no function "${fn.handlerName ?? "handler"}"`);
                loaded = handler as Handler;
            } catch (err) {
                // Lambda reports a failed init on every invocation until the code changes.
                loaded = { initError: errorOf(err) };
                this.warn(`function ${functionName(arn)} failed to initialise: ${(err as Error).message}`);
            }
            this.handlers.set(arn, loaded);
        }
        return loaded;
    }

    async invoke(functionArn: string, event: unknown, deadlineMs: number): Promise<InvokeResult> {
        const handler = this.handler(functionArn);
        if (!handler) {
            return { kind: "unknown-function", message: `no local code for function ${functionArn}; pass --function ${functionName(functionArn)}=<path to its handler file>` };
        }
        if (typeof handler !== "function") return { kind: "error", ...handler.initError };
        const fn = this.byArn.get(functionArn)!;
        const ends = Date.now() + deadlineMs;
        const context = {
            functionName: functionName(functionArn),
            functionVersion: "$LATEST",
            invokedFunctionArn: functionArn,
            memoryLimitInMB: String(fn.memorySize ?? 256),
            awsRequestId: randomUUID(),
            logGroupName: `/aws/lambda/${functionName(functionArn)}`,
            logStreamName: "local",
            callbackWaitsForEmptyEventLoop: true,
            getRemainingTimeInMillis: () => Math.max(0, ends - Date.now()),
        };
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<InvokeResult>((resolve) => {
            timer = setTimeout(() => resolve({ kind: "timeout" }), deadlineMs);
        });
        const run = new Promise<InvokeResult>((resolve) => {
            const callback = (err: unknown, result?: unknown) => resolve(err ? { kind: "error", ...errorOf(err) } : serialized(result));
            try {
                const returned = handler(event, context, callback);
                if (returned && typeof (returned as Promise<unknown>).then === "function") {
                    (returned as Promise<unknown>).then((payload) => resolve(serialized(payload)), (err) => resolve({ kind: "error", ...errorOf(err) }));
                } else if (handler.length < 3) {
                    resolve(serialized(returned));
                }
            } catch (err) {
                resolve({ kind: "error", ...errorOf(err) });
            }
        });
        try {
            return await Promise.race([run, timeout]);
        } finally {
            clearTimeout(timer);
        }
    }
}
