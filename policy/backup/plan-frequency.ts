import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { parseBackupSchedule, runsEveryDay } from "@gatevault/aws-model/backup/cron";
import type { GatevaultResourcePolicy } from "../types";
import { DEFAULT_SCHEDULE, isContinuous, ruleLabel, rulesOf, scheduleOf } from "./plan-rules";

export const planFrequency: GatevaultResourcePolicy = {
    name: "backup-plan-frequency",
    description: "Backup plans take a snapshot backup at least daily.",
    severity: "high",
    controls: ["AWSConfig:backup-plan-min-frequency-and-min-retention-check", "BackupAuditManager:BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"],
    remediationSteps:
        'Give the aws.backup.Plan a snapshot rule whose schedule fires every day, e.g. "cron(0 5 ? * * *)" (AWS Backup uses ' +
        `${DEFAULT_SCHEDULE} when a rule has none); fix schedules that are not valid AWS Backup cron expressions.`,
    validateResource: validateResourceOfType(aws.backup.Plan, (plan, _args, report) => {
        let daily = false;
        rulesOf(plan).forEach((rule, i) => {
            const parsed = parseBackupSchedule(scheduleOf(rule));
            if (!parsed.ok) {
                report(`${ruleLabel(rule, i)}: schedule ${parsed.problems.join("; ")}.`);
            } else if (!isContinuous(rule) && runsEveryDay(parsed.fields)) {
                daily = true;
            }
        });
        if (!daily) {
            report("No snapshot rule runs every day (continuous rules keep at most 35 days and do not count).");
        }
    }),
};
