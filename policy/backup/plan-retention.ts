import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { MAX_CONTINUOUS_RETENTION_DAYS } from "@gatevault/aws-model/backup/lifecycle";
import { minRetentionDays } from "../common/parameters";
import type { GatevaultResourcePolicy } from "../types";
import { isContinuous, lifecycleOf, retainsAtLeast, retentionText, ruleLabel, rulesOf } from "./plan-rules";

interface Config {
    minRetentionDays: number;
}

export const planRetention: GatevaultResourcePolicy = {
    name: "backup-plan-retention",
    description: "Backup plan rules keep recovery points at least the minimum retention.",
    severity: "high",
    controls: ["AWSConfig:backup-plan-min-frequency-and-min-retention-check", "BackupAuditManager:BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"],
    remediationSteps:
        "Set lifecycle.deleteAfter on every snapshot rule of the aws.backup.Plan to at least the policy config's minRetentionDays " +
        "(or leave it unset to keep recovery points until deleted). Continuous rules keep at most " +
        `${MAX_CONTINUOUS_RETENTION_DAYS} days, so a plan with one also needs a snapshot rule that meets the minimum.`,
    configSchema: { properties: { minRetentionDays } },
    validateResource: validateResourceOfType(aws.backup.Plan, (plan, args, report) => {
        const min = args.getConfig<Config>().minRetentionDays;
        const rules = rulesOf(plan);
        let snapshotMeetsMinimum = false;
        const shortContinuous: string[] = [];
        rules.forEach((rule, i) => {
            const retention = lifecycleOf(rule.lifecycle).deleteAfterDays;
            if (isContinuous(rule)) {
                // AWS caps continuous backups at 35 days; they count only beside a long-lived snapshot rule.
                if (!retainsAtLeast(retention, min)) shortContinuous.push(ruleLabel(rule, i));
            } else if (retainsAtLeast(retention, min)) {
                snapshotMeetsMinimum = true;
            } else {
                report(`${ruleLabel(rule, i)} keeps recovery points ${retentionText(retention)}; the minimum is ${min} days.`);
            }
        });
        if (shortContinuous.length > 0 && !snapshotMeetsMinimum) {
            report(`Continuous ${shortContinuous.join(", ")} keep${shortContinuous.length === 1 ? "s" : ""} less than ${min} days and no snapshot rule keeps ${min} days.`);
        }
    }),
};
