// The policy config the Pulumi CLI sends a policy pack's analyzer (`Configure`) for
// `--policy-pack-config <file>`, worked out from what the analyzer itself reports
// (`GetAnalyzerInfo`), as pkg/engine/update.go LoadLocalPolicyPackAnalyzers does (v3.248.0):
// ReconcilePolicyPackConfig in pkg/resource/analyzer/config.go starts from each policy's schema
// defaults and reported enforcement level, applies the pack's initial config, then the file
// (`all` first, then per-policy levels and properties, keeping names the pack does not have),
// and validates every policy's properties against its schema.
//
// This is ported from the Go source rather than shared with tools/plan/policy-config.ts on purpose:
// hosts-check compares the two, so a resolution the offline plan gets wrong shows up as a
// difference in enforcement levels or messages.

import Ajv from "ajv";
import type { EnforcementLevel } from "@pulumi/policy";
import { readPolicyConfigFile } from "../plan/policy-config";

export interface AnalyzerPolicyInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, Record<string, unknown>>; required: string[] };
}

export interface AnalyzerPolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export type AnalyzerPackConfig = Record<string, AnalyzerPolicyConfig>;

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];
const isValidLevel = (level: unknown): level is EnforcementLevel => typeof level === "string" && LEVELS.includes(level);

/** createConfigWithDefaults: each policy's reported level and the defaults of its schema. */
function configWithDefaults(policies: readonly AnalyzerPolicyInfo[]): AnalyzerPackConfig {
    const result: AnalyzerPackConfig = {};
    for (const policy of policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) {
                properties = { ...(properties ?? {}), [key]: schema.default };
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
    }
    return result;
}

/** applyConfig: `all` sets every level already present; then each entry, known to the pack or not. */
function applyConfig(result: AnalyzerPackConfig, given: AnalyzerPackConfig): AnalyzerPackConfig {
    const all = given.all?.enforcementLevel;
    if (isValidLevel(all)) {
        for (const [name, config] of Object.entries(result)) {
            result[name] = { enforcementLevel: all, properties: config.properties };
        }
    }
    for (const [name, config] of Object.entries(given)) {
        const current = result[name] ?? {};
        let properties = current.properties;
        if (config.properties && Object.keys(config.properties).length > 0) {
            properties = { ...(properties ?? {}), ...config.properties };
        }
        result[name] = { enforcementLevel: isValidLevel(config.enforcementLevel) ? config.enforcementLevel : current.enforcementLevel, properties };
    }
    return result;
}

export class PolicyConfigError extends Error {}

/** ReconcilePolicyPackConfig: defaults, initial config, the file; then schema validation. */
export function reconcilePolicyPackConfig(
    policies: readonly AnalyzerPolicyInfo[],
    initialConfig: AnalyzerPackConfig,
    fileConfig: AnalyzerPackConfig | undefined,
): AnalyzerPackConfig {
    let result = applyConfig(configWithDefaults(policies), initialConfig);
    if (fileConfig) {
        result = applyConfig(result, fileConfig);
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    const errors: string[] = [];
    for (const policy of policies) {
        if (!policy.configSchema) {
            continue;
        }
        // convertSchema: an object schema with the policy's properties and required keys.
        const schema: Record<string, unknown> = { type: "object" };
        if (Object.keys(policy.configSchema.properties).length > 0) schema.properties = policy.configSchema.properties;
        if (policy.configSchema.required.length > 0) schema.required = policy.configSchema.required;
        const validate = ajv.compile(schema);
        if (!validate(result[policy.name]?.properties ?? {})) {
            for (const e of validate.errors ?? []) {
                errors.push(`${policy.name}: ${e.instancePath || "(root)"} ${e.message}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new PolicyConfigError(`validating policy config: ${errors.sort().join("; ")}`);
    }
    return result;
}

/** LoadPolicyPackConfigFromFile; the file format is the one the offline plan reads. */
export function loadPolicyPackConfigFile(file: string): AnalyzerPackConfig {
    const parsed = readPolicyConfigFile(file);
    const out: AnalyzerPackConfig = {};
    for (const [name, config] of Object.entries(parsed)) {
        const properties = config.properties && Object.keys(config.properties).length > 0 ? config.properties : undefined;
        // "Don't bother including empty configs."
        if (config.enforcementLevel || properties) {
            out[name] = { enforcementLevel: config.enforcementLevel, properties };
        }
    }
    return out;
}
