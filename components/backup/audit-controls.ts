// Backup Audit Manager controls from config, as `aws.backup.Framework` control inputs.
// Parameters AWS takes as strings (lists comma-separated) are rendered here; parameters left
// out of config default to what the rest of the backup config already says.

import type { AuditConfig, AuditControlsConfig } from "../config/backup";
import { underscoreName } from "./names";

export interface ControlSpec {
    name: string;
    inputParameters: { name: string; value: string }[];
    scope?: { complianceResourceTypes: string[] };
}

export interface ControlDefaults {
    breakGlassRoleArn: string;
    copyRegions: string[];
    centralAccountId?: string;
    lock?: { minRetentionDays: number; maxRetentionDays: number };
}

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
        const types = c.resourcesProtectedByPlan.resourceTypes;
        out.push({ name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", inputParameters: [], ...(types ? { scope: { complianceResourceTypes: types } } : {}) });
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
