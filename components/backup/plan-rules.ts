// A backup plan's rules and advanced settings as `aws.backup.Plan` inputs, from effective
// rules. Generic in the vault name and destination ARN types so the component can pass
// Outputs while tests pass strings.

import type { PlanConfig } from "../config/backup";
import type { CopyTarget, EffectiveRule } from "./presets";

/** Schedules are written in UTC; the rule says so instead of relying on AWS's default. */
export const SCHEDULE_TIMEZONE = "Etc/UTC";

export interface LifecycleArgs {
    coldStorageAfter?: number;
    deleteAfter?: number;
    optInToArchiveForSupportedResources?: boolean;
}

export interface CopyActionArgs<A> {
    destinationVaultArn: A;
    lifecycle?: LifecycleArgs;
}

export interface PlanRuleArgs<V, A> {
    ruleName: string;
    targetVaultName: V;
    schedule: string;
    scheduleExpressionTimezone: string;
    startWindow: number;
    completionWindow: number;
    enableContinuousBackup: boolean;
    lifecycle?: LifecycleArgs;
    recoveryPointTags?: Record<string, string>;
    copyActions?: CopyActionArgs<A>[];
}

function lifecycleArgs(lifecycle: EffectiveRule["lifecycle"]): LifecycleArgs | undefined {
    const out: LifecycleArgs = {};
    if (lifecycle.moveToColdStorageAfterDays !== undefined) out.coldStorageAfter = lifecycle.moveToColdStorageAfterDays;
    if (lifecycle.deleteAfterDays !== undefined) out.deleteAfter = lifecycle.deleteAfterDays;
    if (lifecycle.optInToArchiveForSupportedResources !== undefined) out.optInToArchiveForSupportedResources = lifecycle.optInToArchiveForSupportedResources;
    return Object.keys(out).length > 0 ? out : undefined;
}

export function planRuleArgs<V, A>(rule: EffectiveRule, targetVaultName: V, destination: (target: CopyTarget) => A): PlanRuleArgs<V, A> {
    if (rule.schedule === undefined) {
        // Config validation requires a schedule; reaching here means it was bypassed.
        throw new Error(`rule "${rule.name}" has no schedule`);
    }
    const args: PlanRuleArgs<V, A> = {
        ruleName: rule.name,
        targetVaultName,
        schedule: rule.schedule,
        scheduleExpressionTimezone: SCHEDULE_TIMEZONE,
        startWindow: rule.startWindowMinutes,
        completionWindow: rule.completionWindowMinutes,
        enableContinuousBackup: rule.continuous,
    };
    const lifecycle = lifecycleArgs(rule.lifecycle);
    if (lifecycle) args.lifecycle = lifecycle;
    if (Object.keys(rule.recoveryPointTags).length > 0) args.recoveryPointTags = rule.recoveryPointTags;
    if (rule.copyTo.length > 0) {
        args.copyActions = rule.copyTo.map((copy) => {
            const action: CopyActionArgs<A> = { destinationVaultArn: destination(copy.target) };
            const copyLifecycle = lifecycleArgs(copy.lifecycle);
            if (copyLifecycle) action.lifecycle = copyLifecycle;
            return action;
        });
    }
    return args;
}

export interface AdvancedBackupSettingArgs {
    resourceType: string;
    backupOptions: Record<string, string>;
}

export function advancedBackupSettings(plan: Pick<PlanConfig, "windowsVss">): AdvancedBackupSettingArgs[] {
    return plan.windowsVss ? [{ resourceType: "EC2", backupOptions: { WindowsVSS: "enabled" } }] : [];
}
