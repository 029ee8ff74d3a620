// Rule presets for the common tiers, and the effective rule a config rule stands for: the
// preset's fields, each overridden by the rule's own value when the rule sets one.

import type { LifecycleConfig, RuleConfig } from "../config/backup";

export type PresetName = "daily" | "weekly" | "monthly" | "yearly";

export interface RulePreset {
    schedule: string;
    startWindowMinutes: number;
    completionWindowMinutes: number;
    lifecycle: LifecycleConfig;
}

/** Seven years: 7 × 365 days plus the two leap days any seven-year span contains at most. */
const SEVEN_YEARS_DAYS = 7 * 365 + 2;

export const RULE_PRESETS: Readonly<Record<PresetName, RulePreset>> = {
    daily: { schedule: "cron(0 5 ? * * *)", startWindowMinutes: 60, completionWindowMinutes: 480, lifecycle: { deleteAfterDays: 35 } },
    weekly: { schedule: "cron(0 5 ? * SUN *)", startWindowMinutes: 60, completionWindowMinutes: 1440, lifecycle: { deleteAfterDays: 90 } },
    monthly: { schedule: "cron(0 5 1 * ? *)", startWindowMinutes: 60, completionWindowMinutes: 1440, lifecycle: { deleteAfterDays: 365 } },
    yearly: {
        schedule: "cron(0 5 1 1 ? *)",
        startWindowMinutes: 60,
        completionWindowMinutes: 1440,
        lifecycle: { moveToColdStorageAfterDays: 90, deleteAfterDays: SEVEN_YEARS_DAYS },
    },
};

/** AWS Backup's own defaults when a rule sets no window and uses no preset. */
export const AWS_DEFAULT_START_WINDOW_MINUTES = 480;
export const AWS_DEFAULT_COMPLETION_WINDOW_MINUTES = 10_080;

export type CopyTarget = { kind: "region"; region: string } | { kind: "central" } | { kind: "arn"; vaultArn: string };

export interface EffectiveCopy {
    target: CopyTarget;
    lifecycle: LifecycleConfig;
}

export interface EffectiveRule {
    name: string;
    preset?: PresetName;
    schedule?: string;
    startWindowMinutes: number;
    completionWindowMinutes: number;
    continuous: boolean;
    lifecycle: LifecycleConfig;
    recoveryPointTags: Record<string, string>;
    copyTo: EffectiveCopy[];
    /** Fields whose value came from the preset, for error messages (`lifecycle.deleteAfterDays`). */
    fromPreset: ReadonlySet<string>;
}

function defined<T extends object>(value: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function copyTargetOf(copy: RuleConfig["copyTo"][number]): CopyTarget {
    if (copy.region !== undefined) return { kind: "region", region: copy.region };
    if (copy.central) return { kind: "central" };
    return { kind: "arn", vaultArn: copy.vaultArn ?? "" };
}

export function describeCopyTarget(target: CopyTarget): string {
    return target.kind === "region" ? `region ${target.region}` : target.kind === "central" ? "the central vault" : target.vaultArn;
}

export function effectiveRule(rule: RuleConfig): EffectiveRule {
    const preset = rule.preset ? RULE_PRESETS[rule.preset] : undefined;
    const fromPreset = new Set<string>();
    const pick = <T>(field: string, own: T | undefined, fallback: T | undefined): T | undefined => {
        if (own !== undefined) return own;
        if (fallback !== undefined && preset) fromPreset.add(field);
        return fallback;
    };
    const ownLifecycle = defined(rule.lifecycle);
    const lifecycle: LifecycleConfig = {};
    for (const field of ["moveToColdStorageAfterDays", "deleteAfterDays", "optInToArchiveForSupportedResources"] as const) {
        const value = pick(`lifecycle.${field}`, ownLifecycle[field], preset?.lifecycle[field]);
        if (value !== undefined) (lifecycle as Record<string, unknown>)[field] = value;
    }
    return {
        name: rule.name,
        preset: rule.preset,
        schedule: pick("schedule", rule.schedule, preset?.schedule),
        startWindowMinutes: pick("startWindowMinutes", rule.startWindowMinutes, preset?.startWindowMinutes) ?? AWS_DEFAULT_START_WINDOW_MINUTES,
        completionWindowMinutes:
            pick("completionWindowMinutes", rule.completionWindowMinutes, preset?.completionWindowMinutes) ?? AWS_DEFAULT_COMPLETION_WINDOW_MINUTES,
        continuous: rule.continuous ?? false,
        lifecycle,
        recoveryPointTags: rule.recoveryPointTags ?? {},
        copyTo: rule.copyTo.map((copy) => ({
            target: copyTargetOf(copy),
            // A copy keeps the rule's lifecycle unless it says otherwise, field by field.
            lifecycle: { ...lifecycle, ...defined(copy.lifecycle) },
        })),
        fromPreset,
    };
}

/** ` (deleteAfterDays 35 comes from preset "daily")` when the value was not written in the rule. */
export function presetNote(rule: EffectiveRule, field: string, value: unknown): string {
    return rule.fromPreset.has(field) && rule.preset ? ` (${field.split(".").pop()} ${String(value)} comes from preset "${rule.preset}")` : "";
}
