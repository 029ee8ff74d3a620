// The plan as one JSON document: what `--json` (`--format json`) prints and what `--baseline`
// reads back. Field by field in docs/offline-plan.md, "Output".

import type { TargetPreview } from "../../components/backup/org-policy/preview";
import type { LoudKind } from "./diff/loud";
import type { ValueChange } from "./diff/structural";
import type { ExemptionReport, PlanError, PlannedOptions, PlanResult, PlanSummary } from "./index";

export const PLAN_FORMAT = "gatevault-offline-plan";
/** 2: resources carry `options`; `error.providerRules`, `exemptions` and `diff` added. */
export const PLAN_FORMAT_VERSION = 2;

export interface DocumentResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    inputs: Record<string, unknown>;
    /** Absent in documents of format version 1. */
    options?: PlannedOptions;
}

export interface DocumentViolation {
    policy: string;
    enforcementLevel: string;
    urn: string | null;
    message: string;
    severity: string | null;
    remediation: string | null;
    controls: string[];
}

// The diff section (`--baseline`) is part of the document; tools/plan/diff/plan-diff.ts computes it.
export type ResourceAction = "create" | "update" | "replace" | "delete";

export interface ResourceChange {
    urn: string;
    type: string;
    name: string;
    action: ResourceAction;
    /** Input changes (`inputs` paths) and option changes (`options.protect` and the like). */
    changes: ValueChange[];
    /** Why the resource is replaced; empty unless `action` is `replace`. */
    replaceReasons: string[];
    /** Set for vaults, keys, locks and policies that are replaced or deleted. */
    loud?: LoudKind;
    /** Replacing or deleting a protected resource fails until `protect` is lifted. */
    protectedInBaseline: boolean;
}

export interface PlanDiff {
    baseline: { stack: string; formatVersion: number; exitCode: number | null; error: string | null };
    counts: Record<ResourceAction | "unchanged", number>;
    resources: ResourceChange[];
    violations: { added: DocumentViolation[]; resolved: DocumentViolation[] };
    /** Changes to the effective organisation backup policies (`orgBackupPolicies`). */
    orgBackupPolicies: ValueChange[];
}

export interface PlanDocument {
    format: typeof PLAN_FORMAT;
    formatVersion: number;
    stack: string;
    project: string;
    region?: string;
    accountId?: string;
    resources: DocumentResource[];
    violations: DocumentViolation[];
    /** Exemptions granted by the policy config; absent in documents of format version 1. */
    exemptions?: ExemptionReport[];
    outputs: Record<string, unknown> | null;
    warnings: string[];
    orgBackupPolicies: TargetPreview[] | null;
    error: PlanError | null;
    summary: PlanSummary;
    /** With `--baseline`: the changes from the baseline plan to this one. */
    diff?: PlanDiff;
}

export function planDocument(result: PlanResult): PlanDocument {
    return {
        format: PLAN_FORMAT,
        formatVersion: PLAN_FORMAT_VERSION,
        stack: result.stack,
        project: result.project,
        region: result.region,
        accountId: result.accountId,
        resources: result.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, inputs: r.inputs, options: r.options })),
        violations: result.violations.map((v) => ({
            policy: v.policy,
            enforcementLevel: v.enforcementLevel,
            urn: v.urn ?? null,
            message: v.message,
            severity: v.severity ?? null,
            remediation: v.remediation ?? null,
            controls: v.controls ?? [],
        })),
        exemptions: result.exemptions,
        outputs: result.outputs ?? null,
        warnings: result.warnings,
        orgBackupPolicies: result.orgBackupPolicies ?? null,
        error: result.error ?? null,
        summary: result.summary,
    };
}

/** A document read back (`--baseline`): checked enough that the diff can rely on its shape. */
export function parsePlanDocument(text: string, source: string): PlanDocument {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new Error(`${source} is not JSON: ${(err as Error).message}`);
    }
    const doc = parsed as Partial<PlanDocument> | null;
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.resources) || typeof doc.stack !== "string") {
        throw new Error(`${source} is not an offline plan (npm run plan -- --json): it has no "stack" and "resources"`);
    }
    for (const [i, r] of doc.resources.entries()) {
        if (!r || typeof r.urn !== "string" || typeof r.type !== "string" || typeof r.inputs !== "object") {
            throw new Error(`${source}: resources[${i}] has no urn, type or inputs`);
        }
    }
    return { format: PLAN_FORMAT, formatVersion: 1, violations: [], warnings: [], outputs: null, orgBackupPolicies: null, error: null, ...doc } as PlanDocument;
}
