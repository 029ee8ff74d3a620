// docs/policy-rules.md, written from the pack's rules (policy/policies.ts: name, description,
// severity, controls, parameters) and from each shipped stack's policy config
// (policy/config/<stack>.json), resolved as the Pulumi CLI resolves `--policy-pack-config`
// (tools/plan/policy-config.ts), so the levels shown are the levels that apply.

import { type GatevaultPolicy, isStackPolicy } from "../../policy/types";
import { EXEMPTIONS_PROPERTY } from "../../policy/common/exemptions";
import type { ResolvedPackConfig } from "../plan/policy-config";
import { code, generatedNotice, prose, table } from "./markdown";

type ParameterSchema = Record<string, any>;

export interface StackPolicyConfig {
    /** The stack's name, from `policy/config/<stack>.json`. */
    stack: string;
    resolved: ResolvedPackConfig;
}

function parametersOf(p: GatevaultPolicy): [string, ParameterSchema][] {
    return Object.entries<ParameterSchema>(p.configSchema?.properties ?? {}).filter(([k]) => k !== EXEMPTIONS_PROPERTY);
}

/** The stack's level for the rule, and the parameters it sets away from their defaults. */
function levelIn(p: GatevaultPolicy, config: StackPolicyConfig): string {
    const resolved = config.resolved[p.name];
    const changed = parametersOf(p)
        .filter(([k, schema]) => JSON.stringify(resolved.properties[k]) !== JSON.stringify(schema.default))
        .map(([k]) => `${k} ${code(resolved.properties[k])}`);
    const exemptions = (resolved.properties[EXEMPTIONS_PROPERTY] as unknown[] | undefined)?.length ?? 0;
    if (exemptions > 0) changed.push(`${exemptions} exemption${exemptions === 1 ? "" : "s"}`);
    return [resolved.enforcementLevel, ...changed].join("; ");
}

function summaryRow(p: GatevaultPolicy, stacks: StackPolicyConfig[]): string[] {
    const parameters = parametersOf(p).map(([k, schema]) => `${code(k)} (${code(schema.default)})`);
    return [
        `${code(p.name)}${isStackPolicy(p) ? " (stack)" : ""}`,
        prose(p.description),
        p.severity ?? "",
        p.controls.length > 0 ? p.controls.map((c) => code(c)).join(", ") : "none",
        parameters.length > 0 ? parameters.join(", ") : "—",
        ...stacks.map((s) => levelIn(p, s)),
    ];
}

function ruleSection(p: GatevaultPolicy, stacks: StackPolicyConfig[]): string {
    const lines = [
        `### ${p.name}`,
        "",
        prose(p.description),
        "",
        `- Kind: ${isStackPolicy(p) ? "stack rule (judges a resource with the ones around it)" : "resource rule (judges one resource at a time)"}`,
        `- Severity: ${p.severity}`,
        `- Controls: ${p.controls.length > 0 ? p.controls.map((c) => code(c)).join(", ") : "none"}`,
        ...stacks.map((s) => `- In ${code(`policy/config/${s.stack}.json`)}: ${levelIn(p, s)}`),
        "",
    ];
    const parameters = parametersOf(p);
    if (parameters.length > 0) {
        lines.push(
            table(
                ["Parameter", "Type", "Default", "Description"],
                parameters.map(([k, schema]) => [code(k), schema.type === "array" ? `list of ${schema.items?.type ?? (schema.items?.enum ? schema.items.enum.map((v: unknown) => code(v)).join(" | ") : "values")}` : String(schema.type ?? ""), code(schema.default), prose(schema.description ?? "")]),
            ),
            "",
        );
    }
    lines.push(`Remediation: ${prose(p.remediationSteps)}`, "");
    return lines.join("\n");
}

export function policyRulesMarkdown(policies: GatevaultPolicy[], stacks: StackPolicyConfig[]): string {
    const parts = [
        generatedNotice("policy/policies.ts and policy/config/*.json"),
        "",
        "# Policy rules",
        "",
        `The ${policies.length} rules of the CrossGuard pack (\`policy/\`), with the level and parameters each shipped`,
        "stack's policy config gives them. Stack rules (marked *stack*) judge a resource with the ones around",
        "it; resource rules judge one resource. Every rule also takes `exemptions` in its config",
        "([Exemptions](offline-plan.md#exemptions)). How the rules read resources and how to run them:",
        "[Policy pack](policy-pack.md).",
        "",
        table(
            ["Rule", "What it checks", "Severity", "Controls", "Parameters (default)", ...stacks.map((s) => s.stack)],
            policies.map((p) => summaryRow(p, stacks)),
        ),
        "",
        "## Rules one by one",
        "",
        ...policies.map((p) => ruleSection(p, stacks)),
    ];
    return `${parts.join("\n").trimEnd()}\n`;
}
