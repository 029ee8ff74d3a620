// How long the recovery points of an effective backup policy are kept: per rule, per copy
// action and per plan, the shortest of them. Pure; the plan output and the policy pack use it.
//
// A lifecycle without `delete_after_days` (or with -1) keeps recovery points indefinitely. A
// copy action without a lifecycle keeps its copies as long as the rule keeps the source
// (AWS Backup applies the source's lifecycle to the copy).

import { describeJson, formatJsonPath, isJsonObject, Json, JsonObject, JsonPath } from "./json";
import type { DocumentProblem } from "./operators";

export interface CopyRetention {
    targetVaultArn: string;
    /** Undefined: kept indefinitely. */
    deleteAfterDays?: number;
    /** True when the copy action has no lifecycle of its own and follows the rule's. */
    followsRule: boolean;
}

export interface RuleRetention {
    rule: string;
    deleteAfterDays?: number;
    continuous: boolean;
    copies: CopyRetention[];
    /** Shortest of the rule and its copies; undefined when everything is kept indefinitely. */
    minimumDays?: number;
}

export interface PlanRetention {
    plan: string;
    rules: RuleRetention[];
    minimumDays?: number;
}

export type RetentionProblem = DocumentProblem;

export interface RetentionReport {
    plans: PlanRetention[];
    problems: RetentionProblem[];
    /** Shortest retention of any plan; undefined when nothing expires (or there are no rules). */
    minimumDays?: number;
}

function minimum(values: (number | undefined)[]): number | undefined {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length > 0 ? Math.min(...known) : undefined;
}

function objectAt(parent: JsonObject, key: string): JsonObject | undefined {
    const value = parent[key];
    return isJsonObject(value) ? value : undefined;
}

class RetentionReader {
    readonly problems: RetentionProblem[] = [];

    /** Days from a lifecycle's `delete_after_days`; undefined when absent or -1 (kept indefinitely). */
    days(lifecycle: JsonObject | undefined, path: JsonPath): number | undefined {
        const raw: Json | undefined = lifecycle?.delete_after_days;
        if (raw === undefined) return undefined;
        const text = typeof raw === "number" ? String(raw) : raw;
        if (typeof text !== "string" || !/^-?\d+$/.test(text.trim())) {
            this.problems.push({ path: [...path, "delete_after_days"], message: `must be a whole number of days (got ${describeJson(raw)})` });
            return undefined;
        }
        const days = Number(text);
        return days === -1 ? undefined : days;
    }

    rule(name: string, rule: JsonObject, path: JsonPath): RuleRetention {
        const deleteAfterDays = this.days(objectAt(rule, "lifecycle"), [...path, "lifecycle"]);
        const copies: CopyRetention[] = [];
        for (const [key, action] of Object.entries(objectAt(rule, "copy_actions") ?? {})) {
            if (!isJsonObject(action)) continue;
            const target = action.target_backup_vault_arn;
            const lifecycle = objectAt(action, "lifecycle");
            copies.push({
                targetVaultArn: typeof target === "string" ? target : key,
                deleteAfterDays: lifecycle ? this.days(lifecycle, [...path, "copy_actions", key, "lifecycle"]) : deleteAfterDays,
                followsRule: lifecycle === undefined,
            });
        }
        const continuous = String(rule.enable_continuous_backup ?? "false").toLowerCase() === "true";
        return { rule: name, deleteAfterDays, continuous, copies, minimumDays: minimum([deleteAfterDays, ...copies.map((c) => c.deleteAfterDays)]) };
    }
}

/** Retention of every plan in an effective backup policy (keys lowercased, operators resolved). */
export function planRetentions(effective: JsonObject): RetentionReport {
    const reader = new RetentionReader();
    const plans: PlanRetention[] = [];
    for (const [planName, plan] of Object.entries(objectAt(effective, "plans") ?? {})) {
        if (!isJsonObject(plan)) continue;
        const rules: RuleRetention[] = [];
        for (const [ruleName, rule] of Object.entries(objectAt(plan, "rules") ?? {})) {
            if (isJsonObject(rule)) rules.push(reader.rule(ruleName, rule, ["plans", planName, "rules", ruleName]));
        }
        plans.push({ plan: planName, rules, minimumDays: minimum(rules.map((r) => r.minimumDays)) });
    }
    return { plans, problems: reader.problems, minimumDays: minimum(plans.map((p) => p.minimumDays)) };
}

/** One line per problem, for messages. */
export function describeRetentionProblems(problems: readonly RetentionProblem[]): string[] {
    return problems.map((p) => `${formatJsonPath(p.path)}: ${p.message}`);
}
