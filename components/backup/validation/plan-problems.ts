// Checks on one backup plan that need its rules resolved against their presets: schedule,
// windows, lifecycle (continuous or not), copy lifecycles and the selection. Every message
// names the plan and the rule; paths are relative to the plan.

import { parseBackupSchedule } from "@gatevault/aws-model/backup/cron";
import { lifecycleProblems, windowProblems } from "@gatevault/aws-model/backup/lifecycle";
import type { PlanConfig } from "../../config/backup";
import { MAX_SELECTION_NAME, resourceSelectionName, SELECTION_NAME, tierSelectionName } from "../names";
import { describeCopyTarget, effectiveRule, EffectiveRule, presetNote } from "../presets";
import { PathProblem, ruleLabel } from "./problem";

function ruleProblems(plan: PlanConfig, rule: EffectiveRule, base: (string | number)[]): PathProblem[] {
    const label = ruleLabel(plan.name, rule.name);
    const out: PathProblem[] = [];
    if (rule.schedule === undefined) {
        out.push({ path: [...base, "schedule"], message: `${label}: is required (set schedule, or a preset that has one)` });
    } else {
        const parsed = parseBackupSchedule(rule.schedule);
        if (!parsed.ok) {
            out.push(...parsed.problems.map((m) => ({ path: [...base, "schedule"], message: `${label}: ${m}${presetNote(rule, "schedule", rule.schedule)}` })));
        }
    }
    for (const p of windowProblems(rule)) {
        const value = rule[p.field as "startWindowMinutes" | "completionWindowMinutes"];
        out.push({ path: [...base, p.field], message: `${label}: ${p.message}${presetNote(rule, p.field, value)}` });
    }
    for (const p of lifecycleProblems(rule.lifecycle, { continuous: rule.continuous })) {
        const field = `lifecycle.${p.field}`;
        const value = rule.lifecycle[p.field as "deleteAfterDays" | "moveToColdStorageAfterDays"];
        out.push({ path: [...base, "lifecycle", p.field], message: `${label}: ${p.message}${presetNote(rule, field, value)}` });
    }
    const seen = new Map<string, number>();
    rule.copyTo.forEach((copy, k) => {
        const where = describeCopyTarget(copy.target);
        const first = seen.get(where);
        if (first !== undefined) {
            out.push({ path: [...base, "copyTo", k], message: `${label}: copies to ${where} twice (also copyTo[${first}])` });
        }
        seen.set(where, first ?? k);
        // Copies are snapshots even for continuous rules, so the ordinary lifecycle rules apply.
        for (const p of lifecycleProblems(copy.lifecycle)) {
            out.push({ path: [...base, "copyTo", k, "lifecycle", p.field], message: `${label} copy to ${where}: ${p.message}` });
        }
    });
    return out;
}

function selectionProblems(plan: PlanConfig): PathProblem[] {
    const out: PathProblem[] = [];
    const { tiers, resources } = plan.selection;
    if (tiers.length === 0 && resources.length === 0) {
        out.push({ path: ["selection"], message: `plan "${plan.name}": must select something: list tiers, resources or both` });
    }
    const lower = tiers.map((t) => t.toLowerCase());
    tiers.forEach((tier, i) => {
        if (lower.indexOf(tier.toLowerCase()) !== i) {
            out.push({ path: ["selection", "tiers", i], message: `plan "${plan.name}": tier "${tier}" is listed twice` });
        }
        const name = tierSelectionName(plan.name, tier);
        // The provider accepts selection names of letters, digits, `_`, `.` and `-` only
        // (hashicorp/terraform-provider-aws internal/service/backup/selection.go).
        if (!SELECTION_NAME.test(name)) {
            out.push({
                path: ["selection", "tiers", i],
                message: `plan "${plan.name}": tier "${tier}" makes the selection name "${name}", which AWS Backup refuses: use letters, digits, "_", "." and "-" only`,
            });
        } else if (name.length > MAX_SELECTION_NAME) {
            out.push({
                path: ["selection", "tiers", i],
                message: `plan "${plan.name}": the selection name "${name}" is longer than AWS's ${MAX_SELECTION_NAME} characters; shorten the plan name or tier`,
            });
        }
    });
    if (resources.length > 0 && resourceSelectionName(plan.name).length > MAX_SELECTION_NAME) {
        out.push({ path: ["name"], message: `plan "${plan.name}": too long for its resource selection name (at most ${MAX_SELECTION_NAME - "-resources".length} characters)` });
    }
    return out;
}

export function planProblems(plan: PlanConfig): PathProblem[] {
    const out: PathProblem[] = [];
    const seen = new Map<string, number>();
    plan.rules.forEach((rule, j) => {
        const key = rule.name.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
            out.push({ path: ["rules", j, "name"], message: `plan "${plan.name}": duplicates the name of rules[${first}] ("${rule.name}"); rule names are unique in a plan` });
        } else {
            seen.set(key, j);
        }
        out.push(...ruleProblems(plan, effectiveRule(rule), ["rules", j]));
    });
    out.push(...selectionProblems(plan));
    return out;
}
