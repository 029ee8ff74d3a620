// The runtime options of Pulumi.yaml and PulumiPolicy.yaml, read as the nodejs language host reads
// them: `runtime` is a name or `{ name, options }`; parseOptions in
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go (v3.248.0) takes `typescript` (boolean, default
// true), `tsconfig` (string) and `nodeargs` (string, split like a shell command line).

import * as fs from "node:fs";
import { split } from "shlex";
import { parse as parseYaml } from "yaml";

export interface NodeRuntimeOptions {
    typescript: boolean;
    tsconfig?: string;
    nodeargs: string[];
}

export class RuntimeOptionsError extends Error {}

export function parseNodeRuntimeOptions(runtime: unknown, file: string): NodeRuntimeOptions {
    const options = typeof runtime === "object" && runtime !== null ? ((runtime as { options?: unknown }).options ?? {}) : {};
    if (typeof options !== "object" || options === null) {
        throw new RuntimeOptionsError(`${file}: runtime.options must be a mapping`);
    }
    const { typescript = true, tsconfig, nodeargs = "" } = options as Record<string, unknown>;
    // The same messages as parseOptions.
    if (typeof typescript !== "boolean") throw new RuntimeOptionsError(`${file}: typescript option must be a boolean`);
    if (tsconfig !== undefined && typeof tsconfig !== "string") throw new RuntimeOptionsError(`${file}: tsconfigpath option must be a string`);
    if (typeof nodeargs !== "string") throw new RuntimeOptionsError(`${file}: nodeargs option must be a string`);
    return { typescript, tsconfig: tsconfig || undefined, nodeargs: split(nodeargs) };
}

/** `runtime` and `main` of a Pulumi.yaml or PulumiPolicy.yaml. */
export function readRuntime(file: string): { options: NodeRuntimeOptions; main?: string } {
    const doc = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as { runtime?: unknown; main?: unknown };
    return { options: parseNodeRuntimeOptions(doc.runtime, file), main: typeof doc.main === "string" ? doc.main : undefined };
}

/** The environment the language host adds for the `typescript` and `tsconfig` options (execRuntime, RunPlugin). */
export function typescriptEnv(options: NodeRuntimeOptions): Record<string, string> {
    const env: Record<string, string> = {};
    if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    return env;
}
