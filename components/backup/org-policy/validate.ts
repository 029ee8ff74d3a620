// Everything AWS would reject in an organization backup policy, found before anything is
// deployed: schedules, windows, lifecycles, names that collide once AWS lowercases them,
// selections, the 10,000-character document limit, and an organization tree that gives every
// target a path to the root. Each problem carries its key path (relative to
// `gatevault:orgBackupPolicies`) and names the policy, plan and rule it is about.

import { parseBackupSchedule } from "@gatevault/aws-model/backup/cron";
import { lifecycleProblems, windowProblems } from "@gatevault/aws-model/backup/lifecycle";
import { MAX_CONDITIONS_PER_SELECTION, MAX_POLICY_CHARACTERS } from "../../config/org-backup-formats";
import type { BackupPlanConfig, BackupRuleConfig, OrgBackupPoliciesConfig, OrgBackupPolicyConfig } from "../../config/org-backup-policies";
import type { PathProblem } from "../validation/problem";
import { conditionName, policyContent, settingName } from "./render";

export type PolicyConfigProblem = PathProblem;

type Path = (string | number)[];

class Problems {
    readonly list: PolicyConfigProblem[] = [];

    add(path: Path, message: string, where?: string): void {
        this.list.push({ path, message: where ? `${message} (${where})` : message });
    }

    /** Reports every entry whose key collides with an earlier one once lowercased. */
    unique<T>(items: readonly T[], keyOf: (item: T) => string, pathOf: (i: number) => Path, what: string, where?: string): void {
        const seen = new Map<string, number>();
        items.forEach((item, i) => {
            const key = keyOf(item).toLowerCase();
            const first = seen.get(key);
            if (first === undefined) {
                seen.set(key, i);
            } else {
                this.add(pathOf(i), `duplicates ${what} #${first + 1} ("${keyOf(items[first])}"): AWS compares these names case-insensitively`, where);
            }
        });
    }
}

const quoted = (s: string) => `"${s}"`;

function checkRule(rule: BackupRuleConfig, at: Path, where: string, out: Problems): void {
    const schedule = parseBackupSchedule(rule.schedule);
    if (!schedule.ok) {
        schedule.problems.forEach((p) => out.add([...at, "schedule"], p, where));
    }
    for (const p of windowProblems({ startWindowMinutes: rule.startWindowMinutes, completionWindowMinutes: rule.completionWindowMinutes })) {
        out.add([...at, p.field], p.message, where);
    }
    for (const p of lifecycleProblems(rule.lifecycle, { continuous: rule.continuousBackup === true })) {
        out.add([...at, "lifecycle", p.field], p.message, where);
    }
    out.unique(rule.copyActions, (c) => c.targetVaultArn, (k) => [...at, "copyActions", k, "targetVaultArn"], "copy action", where);
    rule.copyActions.forEach((copy, k) => {
        for (const p of lifecycleProblems(copy.lifecycle)) {
            out.add([...at, "copyActions", k, "lifecycle", p.field], p.message, `${where}, copy to ${copy.targetVaultArn}`);
        }
    });
    out.unique(Object.keys(rule.recoveryPointTags), settingName, () => [...at, "recoveryPointTags"], "recovery point tag", where);
}

function checkSelections(plan: BackupPlanConfig, at: Path, where: string, out: Problems): void {
    const { tags, resources } = plan.selections;
    if (tags.length === 0 && resources.length === 0) {
        out.add([...at, "selections"], "must select resources to back up: add a tags or resources selection", where);
    }
    if (tags.length > 0 && resources.length > 0) {
        out.add(
            [...at, "selections"],
            "must use either tags or resources selections, not both (AWS treats them as mutually exclusive; resources selections accept tag conditions)",
            where,
        );
    }
    for (const [kind, list] of [["tags", tags], ["resources", resources]] as const) {
        out.unique(list as readonly { name: string }[], (s) => s.name, (i) => [...at, "selections", kind, i, "name"], "selection", where);
        list.forEach((selection, i) => {
            const conditions = selection.conditions;
            if (!conditions) return;
            const all = [...conditions.stringEquals, ...conditions.stringNotEquals, ...conditions.stringLike, ...conditions.stringNotLike];
            const selectionWhere = `${where}, selection ${quoted(selection.name)}`;
            if (all.length > MAX_CONDITIONS_PER_SELECTION) {
                out.add([...at, "selections", kind, i, "conditions"], `must have at most ${MAX_CONDITIONS_PER_SELECTION} conditions (got ${all.length})`, selectionWhere);
            }
            for (const operator of ["stringEquals", "stringNotEquals", "stringLike", "stringNotLike"] as const) {
                out.unique(conditions[operator], conditionName, (k) => [...at, "selections", kind, i, "conditions", operator, k], "condition", selectionWhere);
            }
        });
    }
}

function checkPlan(plan: BackupPlanConfig, at: Path, policyWhere: string, out: Problems): void {
    const where = `${policyWhere}, plan ${quoted(plan.name)}`;
    const regions = Array.isArray(plan.regions) ? plan.regions : "append" in plan.regions ? plan.regions.append : plan.regions.remove;
    out.unique(regions, (r) => r, (i) => [...at, "regions", i], "region", where);
    out.unique(plan.rules, (r) => r.name, (j) => [...at, "rules", j, "name"], "rule", where);
    plan.rules.forEach((rule, j) => checkRule(rule, [...at, "rules", j], `${where}, rule ${quoted(rule.name)}`, out));
    checkSelections(plan, at, where, out);
    out.unique(Object.keys(plan.backupPlanTags), settingName, () => [...at, "backupPlanTags"], "backup plan tag", where);
}

/**
 * Problems with one policy; paths are relative to the policy's entry in the stack config.
 * `content`: the policy's `policyContent`, when the caller has already rendered it.
 */
export function backupPolicyProblems(policy: OrgBackupPolicyConfig, content?: string): PolicyConfigProblem[] {
    const out = new Problems();
    const where = `policy ${quoted(policy.name)}`;
    out.unique(policy.plans, (p) => p.name, (i) => ["plans", i, "name"], "plan", where);
    policy.plans.forEach((plan, i) => checkPlan(plan, ["plans", i], where, out));
    out.unique(policy.targets, (t) => t, (i) => ["targets", i], "target", where);
    const size = (content ?? policyContent(policy)).length;
    if (size > MAX_POLICY_CHARACTERS) {
        out.add(
            [],
            `is ${size} characters as minified JSON; Organizations accepts at most ${MAX_POLICY_CHARACTERS.toLocaleString("en")} (split it into several policies, or drop child restrictions, tags or conditions)`,
            where,
        );
    }
    return out.list;
}

function checkOrganization(config: OrgBackupPoliciesConfig, out: Problems): void {
    const { rootId, units, accounts } = config.organization;
    out.unique(units, (u) => u.id, (i) => ["organization", "units", i, "id"], "OU");
    out.unique(accounts, (a) => a.id, (i) => ["organization", "accounts", i, "id"], "account");
    const parents = new Map(units.map((u) => [u.id, u.parentId]));
    const known = `the root (${rootId}) or an OU listed under organization.units`;
    units.forEach((unit, i) => {
        if (unit.parentId !== rootId && !parents.has(unit.parentId)) {
            out.add(["organization", "units", i, "parentId"], `must be ${known} (got "${unit.parentId}")`);
            return;
        }
        const seen = new Set([unit.id]);
        for (let at = unit.parentId; at !== rootId && parents.has(at); at = parents.get(at)!) {
            if (seen.has(at)) {
                out.add(["organization", "units", i, "parentId"], `makes a cycle of OUs (${[...seen].join(" -> ")} -> ${at}); every OU must lead up to the root`);
                return;
            }
            seen.add(at);
        }
    });
    accounts.forEach((account, i) => {
        if (account.parentId !== rootId && !parents.has(account.parentId)) {
            out.add(["organization", "accounts", i, "parentId"], `must be ${known} (got "${account.parentId}")`);
        }
    });
}

/** Every problem with `gatevault:orgBackupPolicies`, paths relative to that key. */
export function orgBackupPoliciesProblems(config: OrgBackupPoliciesConfig): PolicyConfigProblem[] {
    const out = new Problems();
    checkOrganization(config, out);
    out.unique(config.policies, (p) => p.name, (i) => ["policies", i, "name"], "policy");
    const targets = new Set([config.organization.rootId, ...config.organization.units.map((u) => u.id), ...config.organization.accounts.map((a) => a.id)]);
    config.policies.forEach((policy, i) => {
        policy.targets.forEach((target, t) => {
            if (!targets.has(target)) {
                out.add(
                    ["policies", i, "targets", t],
                    `must be the root or an OU or account declared under organization, so the plan knows its path (got "${target}")`,
                    `policy ${quoted(policy.name)}`,
                );
            }
        });
        for (const p of backupPolicyProblems(policy)) out.list.push({ path: ["policies", i, ...p.path], message: p.message });
    });
    return out.list;
}
