// An aws.backup.Plan's rules as the backup rules judge them. Reads are lazy, so a rule that
// judges retention never touches a vault ARN that may still be unknown during preview.

import type { Lifecycle } from "@gatevault/aws-model/backup/lifecycle";

/** What AWS Backup runs when a rule has no schedule: daily at 05:00 UTC. */
export const DEFAULT_SCHEDULE = "cron(0 5 ? * * *)";

type Raw = Record<string, any>;

/** The provider stores an unset day count as 0; only positive counts are set. */
function days(v: unknown): number | undefined {
    return typeof v === "number" && v !== 0 ? v : undefined;
}

/** A rule's or copy action's lifecycle in the shared model; `deleteAfterDays` unset means kept forever. */
export function lifecycleOf(lifecycle: Raw | undefined): Lifecycle {
    return { moveToColdStorageAfterDays: days(lifecycle?.coldStorageAfter), deleteAfterDays: days(lifecycle?.deleteAfter) };
}

export function rulesOf(plan: Raw): Raw[] {
    return Array.isArray(plan.rules) ? plan.rules : [];
}

export function copyActionsOf(rule: Raw): Raw[] {
    return Array.isArray(rule.copyActions) ? rule.copyActions : [];
}

export function isContinuous(rule: Raw): boolean {
    return rule.enableContinuousBackup === true;
}

export function scheduleOf(rule: Raw): string {
    return typeof rule.schedule === "string" && rule.schedule.trim() !== "" ? rule.schedule : DEFAULT_SCHEDULE;
}

export function ruleLabel(rule: Raw, index: number): string {
    return typeof rule.ruleName === "string" ? `rule "${rule.ruleName}"` : `rule ${index}`;
}

/** Retention in days for messages. */
export function retentionText(deleteAfterDays: number | undefined): string {
    return deleteAfterDays === undefined ? "kept until deleted by hand" : `${deleteAfterDays} days`;
}

/** True when a retention (unset = forever) is at least `min` days. */
export function retainsAtLeast(deleteAfterDays: number | undefined, min: number | undefined): boolean {
    return deleteAfterDays === undefined || (min !== undefined && deleteAfterDays >= min);
}

/** The region of an ARN (`arn:partition:service:region:account:resource`), if it is one. */
export function regionOfArn(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" && parts[3] !== "" ? parts[3] : undefined;
}

/** The aws.backup.Plan field a shared-model lifecycle field comes from. */
export function lifecycleField(field: string): string {
    return field === "moveToColdStorageAfterDays" ? "coldStorageAfter" : field === "deleteAfterDays" ? "deleteAfter" : field;
}
