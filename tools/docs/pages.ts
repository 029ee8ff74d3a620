// The generated documentation files, rendered in memory: `npm run docs` writes them and
// tests/docs/generated-pages.test.ts fails when the committed copies differ.

import * as fs from "node:fs";
import * as path from "node:path";
import { stackFileJsonSchema } from "../../components/config/json-schema";
import { policies } from "../../policy/policies";
import { readPolicyConfigFile, resolvePolicyConfig } from "../plan/policy-config";
import { configReferenceMarkdown } from "./config-reference";
import { policyRulesMarkdown, type StackPolicyConfig } from "./policy-rules";

export interface GeneratedPage {
    /** Path relative to the repository root. */
    file: string;
    text: string;
}

/** Every shipped stack's policy config (policy/config/<stack>.json), resolved against the pack. */
function shippedPolicyConfigs(repoRoot: string): StackPolicyConfig[] {
    const dir = path.join(repoRoot, "policy", "config");
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => ({ stack: f.slice(0, -".json".length), resolved: resolvePolicyConfig(policies, "advisory", readPolicyConfigFile(path.join(dir, f))) }));
}

export const STACK_SCHEMA_FILE = "docs/schema/stack-config.schema.json";

export function generatedPages(repoRoot: string): GeneratedPage[] {
    const schema = stackFileJsonSchema();
    return [
        { file: STACK_SCHEMA_FILE, text: `${JSON.stringify(schema, null, 2)}\n` },
        { file: "docs/config-reference.md", text: configReferenceMarkdown(schema) },
        { file: "docs/policy-rules.md", text: policyRulesMarkdown(policies, shippedPolicyConfigs(repoRoot)) },
    ];
}
