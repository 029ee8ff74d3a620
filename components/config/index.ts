// Parses the stack config once, into the typed object the rest of the program uses.
// Parsing is pure (`parseStackConfig`); `loadStackConfig` only adds reading from Pulumi.

import { ConfigProblem, ConfigValidationError, CONFIG_NAMESPACE, problemsFromIssues } from "./errors";
import { regionSchema } from "./primitives";
import { GatevaultConfig, secretOnlyKeys, stackConfigSchema } from "./schema";
import { keysAt } from "./schema-keys";
import { ConfigSource, decodeConfigValue, readConfigSource } from "./source";

export { ConfigValidationError, isConfigValidationError, formatKeyPath } from "./errors";
export type { ConfigProblem } from "./errors";
export type { ConfigSource } from "./source";
export type { GatevaultConfig } from "./schema";
export { stackConfigSchema } from "./schema";

export function parseStackConfig(source: ConfigSource): GatevaultConfig {
    const problems: ConfigProblem[] = [];
    const prefix = `${CONFIG_NAMESPACE}:`;

    const rawRegion = source.values["aws:region"];
    let region: string | undefined;
    if (rawRegion === undefined) {
        problems.push({ path: "aws:region", message: "is required (set it with `pulumi config set aws:region <region>`)" });
    } else {
        const parsed = regionSchema.safeParse(rawRegion);
        if (parsed.success) {
            region = parsed.data;
        } else {
            problems.push({ path: "aws:region", message: `must be an AWS region code such as eu-west-1 (got "${rawRegion}")` });
        }
    }

    const raw: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(source.values)) {
        if (!fullKey.startsWith(prefix)) {
            continue;
        }
        const key = fullKey.slice(prefix.length);
        const decoded = decodeConfigValue(value);
        if (decoded.ok) {
            raw[key] = decoded.value;
        } else {
            problems.push({ path: fullKey, message: decoded.error });
        }
    }

    for (const key of secretOnlyKeys) {
        const fullKey = `${prefix}${key}`;
        if (fullKey in source.values && !source.secretKeys.has(fullKey)) {
            problems.push({
                path: fullKey,
                message: `must be stored encrypted; set it with \`pulumi config set --secret ${fullKey} ...\` (or --path --secret for nested values)`,
            });
        }
    }

    const result = stackConfigSchema.safeParse(raw, { reportInput: true });
    if (!result.success) {
        problems.push(...problemsFromIssues(result.error.issues, (path) => keysAt(stackConfigSchema, path)));
    }

    if (problems.length > 0 || !result.success || region === undefined) {
        throw new ConfigValidationError(problems);
    }
    return { ...result.data, region };
}

export function loadStackConfig(): GatevaultConfig {
    return parseStackConfig(readConfigSource());
}
