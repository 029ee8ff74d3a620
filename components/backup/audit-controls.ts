// Backup Audit Manager controls from config, as `aws.backup.Framework` control inputs.
// Parameters AWS takes as strings (lists comma-separated) are rendered here; parameters left
// out of config default to what the rest of the backup config already says.

import type { AuditConfig, AuditControlsConfig } from "../config/backup";
import { underscoreName } from "./names";

export interface ControlSpec {
    name: string;
    inputParameters: { name: string; value: string }[];
    /**
     * "The control scope can include one or more resource types, a combination of a tag key and
     * value, or a combination of one resource type and one resource ID"; at most one tag
     * (hashicorp/terraform-provider-aws internal/service/backup/framework.go).
     */
    scope?: { complianceResourceTypes: string[] } | { tags: Record<string, string> };
}

export interface ControlDefaults {
    breakGlassRoleArn: string;
    copyRegions: string[];
    centralAccountId?: string;
    lock?: { minRetentionDays: number; maxRetentionDays: number };
    /**
     * The tier tag the plans select when they select exactly one tier (`{ Backup: "Daily" }`):
     * the protected-by-plan control is scoped to it, so resources deliberately opted out
     * (`Backup=None`, or another tier no plan of this stack backs up) are not reported.
     */
    coveredTier?: Record<string, string>;
    /** The resource types restore testing restores, when it is on: the restore-time control is added for them. */
    restoreTestedTypes?: string[];
}

/** AWS's default restore-time target, in minutes (AWS Backup Developer Guide, creating-frameworks-api.html: maxRestoreTime "720"). */
export const DEFAULT_MAX_RESTORE_MINUTES = 720;

const params = (entries: Record<string, string | number>) => Object.entries(entries).map(([name, value]) => ({ name, value: String(value) }));

/** Controls in a fixed order, so the framework's inputs do not churn. */
export function frameworkControls(controls: AuditControlsConfig, defaults: ControlDefaults): ControlSpec[] {
    const out: ControlSpec[] = [];
    const c = controls;
    if (c.planFrequencyAndRetention) {
        const p = c.planFrequencyAndRetention;
        out.push({
            name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
            inputParameters: params({ requiredFrequencyUnit: p.frequencyUnit, requiredFrequencyValue: p.frequencyValue, requiredRetentionDays: p.retentionDays }),
        });
    }
    if (c.recoveryPointMinimumRetention) {
        out.push({ name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", inputParameters: params({ requiredRetentionDays: c.recoveryPointMinimumRetention.retentionDays }) });
    }
    if (c.recoveryPointEncrypted) {
        out.push({ name: "BACKUP_RECOVERY_POINT_ENCRYPTED", inputParameters: [] });
    }
    if (c.resourcesProtectedByPlan) {
        const { resourceTypes, tag } = c.resourcesProtectedByPlan;
        const scope = resourceTypes
            ? { complianceResourceTypes: resourceTypes }
            : tag
              ? { tags: { [tag.key]: tag.value } }
              : defaults.coveredTier
                ? { tags: defaults.coveredTier }
                : undefined;
        out.push({ name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", inputParameters: [], ...(scope ? { scope } : {}) });
    }
    if (c.manualDeletionDisabled) {
        const principals = c.manualDeletionDisabled.principalArns ?? [defaults.breakGlassRoleArn];
        out.push({ name: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED", inputParameters: params({ principalArnList: principals.join(",") }) });
    }
    if (c.crossRegion) {
        const regions = c.crossRegion.regions ?? defaults.copyRegions;
        out.push({ name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION", inputParameters: params({ crossRegionList: regions.join(",") }) });
    }
    if (c.crossAccount) {
        const accounts = c.crossAccount.accounts ?? (defaults.centralAccountId ? [defaults.centralAccountId] : []);
        out.push({ name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", inputParameters: params({ crossAccountList: accounts.join(",") }) });
    }
    if (c.vaultLock) {
        const min = c.vaultLock.minRetentionDays ?? defaults.lock?.minRetentionDays;
        const max = c.vaultLock.maxRetentionDays ?? defaults.lock?.maxRetentionDays;
        out.push({
            name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
            inputParameters: params({ ...(min !== undefined ? { minRetentionDays: min } : {}), ...(max !== undefined ? { maxRetentionDays: max } : {}) }),
        });
    }
    // With restore testing on, restores that take too long are a finding too (AWS Backup
    // Developer Guide, controls-and-remediation.html, "Restore time for resources meet target").
    const restoreTime = c.restoreTime ?? (defaults.restoreTestedTypes ? {} : undefined);
    if (restoreTime) {
        out.push({
            name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
            inputParameters: params({ maxRestoreTime: restoreTime.maxRestoreMinutes ?? DEFAULT_MAX_RESTORE_MINUTES }),
            ...(defaults.restoreTestedTypes ? { scope: { complianceResourceTypes: defaults.restoreTestedTypes } } : {}),
        });
    }
    if (c.lastRecoveryPoint) {
        out.push({
            name: "BACKUP_LAST_RECOVERY_POINT_CREATED",
            inputParameters: params({ recoveryPointAgeUnit: c.lastRecoveryPoint.ageUnit, recoveryPointAgeValue: c.lastRecoveryPoint.ageValue }),
        });
    }
    return out;
}

/** Compliance reports read a framework; job reports cover every job and take none. */
const FRAMEWORK_REPORTS = new Set(["CONTROL_COMPLIANCE_REPORT", "RESOURCE_COMPLIANCE_REPORT"]);

export interface ReportPlanSpec {
    name: string;
    template: AuditConfig["reports"]["templates"][number];
    usesFramework: boolean;
}

export function reportPlanSpecs(reports: AuditConfig["reports"], frameworkName: string): ReportPlanSpec[] {
    return reports.templates.map((template) => ({
        name: underscoreName(`${frameworkName}_${template.replace(/_REPORT$/, "")}`).toLowerCase(),
        template,
        usesFramework: FRAMEWORK_REPORTS.has(template),
    }));
}
