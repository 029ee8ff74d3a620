// What a change to the program does to the stack: the current plan against a baseline plan
// (`--baseline`, usually the base branch's `--json` plan). Resources are matched by URN; a
// changed resource is replaced when a changed field is one the AWS provider replaces on
// (ForceNew, from tools/plan/provider-rules), one `replaceOnChanges` names, or when its provider
// now targets another account or region.

import type { DocumentResource, DocumentViolation, PlanDiff, PlanDocument, ResourceAction, ResourceChange } from "../document";
import type { PlannedOptions } from "../options";
import { PROVIDER_REPOSITORY, rulesFor } from "../provider-rules";
import { loudKind } from "./loud";
import { diffValues, fieldPath, ValueChange } from "./structural";

const OPTION_FIELDS: (keyof PlannedOptions)[] = ["protect", "retainOnDelete", "dependsOn", "deleteBeforeReplace", "replaceOnChanges", "ignoreChanges"];

/** `path` is `field` or lies inside it (`rules[].x` inside `rules`; `reportSetting.reportTemplate` inside `reportSetting`). */
function within(path: string, field: string): boolean {
    return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[]`);
}

/** The ForceNew or replaceOnChanges fields a change touches, as reasons. */
function replaceReasonsOf(type: string, changes: ValueChange[], replaceOnChanges: string[]): string[] {
    const rules = rulesFor(type);
    const reasons = new Set<string>();
    for (const change of changes) {
        const field = fieldPath(change.path);
        for (const forceNew of rules?.forceNew ?? []) {
            // A whole object added or removed changes every field inside it.
            if (within(field, forceNew) || (change.kind !== "changed" && within(forceNew, field))) {
                reasons.add(`${forceNew} changed (ForceNew: ${PROVIDER_REPOSITORY} ${rules!.file})`);
            }
        }
        for (const wanted of replaceOnChanges) {
            const generic = wanted.replace(/\[\d+\]/g, "[]").replace(/\[\*\]/g, "[]").replace(/\.\*$/, "");
            if (wanted === "*" || within(field, generic) || within(generic, field)) reasons.add(`${wanted} changed (replaceOnChanges)`);
        }
    }
    return [...reasons];
}

function optionChanges(before: PlannedOptions | undefined, after: PlannedOptions | undefined): { changes: ValueChange[]; providerMoved?: string } {
    // A version 1 baseline has no options: nothing to compare.
    if (!before || !after) return { changes: [] };
    const changes: ValueChange[] = [];
    for (const field of OPTION_FIELDS) changes.push(...diffValues(before[field], after[field], `options.${field}`));
    const [from, to] = [before.provider, after.provider];
    changes.push(...diffValues(from && { urn: from.urn, accountId: from.accountId, region: from.region }, to && { urn: to.urn, accountId: to.accountId, region: to.region }, "options.provider"));
    let providerMoved: string | undefined;
    if (from && to && (from.accountId !== to.accountId || from.region !== to.region)) {
        providerMoved = `provider now targets account ${to.accountId} in ${to.region} (was ${from.accountId} in ${from.region})`;
    }
    return { changes, providerMoved };
}

function compare(before: DocumentResource, after: DocumentResource): ResourceChange | undefined {
    const inputs = diffValues(before.inputs, after.inputs);
    const options = optionChanges(before.options, after.options);
    const changes = [...inputs, ...options.changes];
    if (changes.length === 0) return undefined;
    // The engine judges replacement on inputs, with the new program's replaceOnChanges.
    const reasons = replaceReasonsOf(after.type, inputs, after.options?.replaceOnChanges ?? []);
    if (options.providerMoved) reasons.push(options.providerMoved);
    const action: ResourceAction = reasons.length > 0 ? "replace" : "update";
    return {
        urn: after.urn,
        type: after.type,
        name: after.name,
        action,
        changes,
        replaceReasons: reasons,
        loud: action === "replace" ? loudKind(after.type) : undefined,
        protectedInBaseline: before.options?.protect ?? false,
    };
}

const violationKey = (v: DocumentViolation) => `${v.policy}\u0000${v.urn}\u0000${v.message}`;

/** The root stack resource has no inputs to change; the plan's summary does not count it either. */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function diffPlans(baseline: PlanDocument, current: PlanDocument): PlanDiff {
    const withoutRoot = (doc: PlanDocument) => doc.resources.filter((r) => r.type !== ROOT_STACK_TYPE);
    const before = new Map(withoutRoot(baseline).map((r) => [r.urn, r]));
    const after = new Map(withoutRoot(current).map((r) => [r.urn, r]));
    const resources: ResourceChange[] = [];
    let unchanged = 0;
    for (const r of after.values()) {
        const old = before.get(r.urn);
        if (!old) {
            resources.push({ urn: r.urn, type: r.type, name: r.name, action: "create", changes: diffValues({}, r.inputs), replaceReasons: [], protectedInBaseline: false });
            continue;
        }
        const change = compare(old, r);
        if (change) resources.push(change);
        else unchanged++;
    }
    for (const r of before.values()) {
        if (!after.has(r.urn)) {
            resources.push({
                urn: r.urn,
                type: r.type,
                name: r.name,
                action: "delete",
                changes: [],
                replaceReasons: [],
                loud: loudKind(r.type),
                protectedInBaseline: r.options?.protect ?? false,
            });
        }
    }
    const counts = { create: 0, update: 0, replace: 0, delete: 0, unchanged };
    for (const r of resources) counts[r.action]++;
    const oldViolations = new Set(baseline.violations.map(violationKey));
    const newViolations = new Set(current.violations.map(violationKey));
    return {
        baseline: {
            stack: baseline.stack,
            formatVersion: baseline.formatVersion,
            exitCode: baseline.summary?.exitCode ?? null,
            error: baseline.error?.message ?? null,
        },
        counts,
        resources,
        violations: {
            added: current.violations.filter((v) => !oldViolations.has(violationKey(v))),
            resolved: baseline.violations.filter((v) => !newViolations.has(violationKey(v))),
        },
        orgBackupPolicies: diffValues(baseline.orgBackupPolicies ?? null, current.orgBackupPolicies ?? null, "orgBackupPolicies"),
    };
}
