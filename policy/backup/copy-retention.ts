import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { minRetentionDays } from "../common/parameters";
import type { GatevaultResourcePolicy } from "../types";
import { copyActionsOf, lifecycleOf, retainsAtLeast, retentionText, ruleLabel, rulesOf } from "./plan-rules";

interface Config {
    minRetentionDays: number;
}

export const copyRetention: GatevaultResourcePolicy = {
    name: "backup-copy-retention",
    description: "Copies keep recovery points at least as long as the rule that makes them, and at least the minimum retention.",
    severity: "high",
    controls: ["BackupAuditManager:BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK"],
    remediationSteps:
        "Set each copy action's lifecycle.deleteAfter to at least its rule's lifecycle.deleteAfter and the policy config's " +
        "minRetentionDays (or leave both unset to keep recovery points until deleted).",
    configSchema: { properties: { minRetentionDays } },
    validateResource: validateResourceOfType(aws.backup.Plan, (plan, args, report) => {
        const min = args.getConfig<Config>().minRetentionDays;
        rulesOf(plan).forEach((rule, i) => {
            const source = lifecycleOf(rule.lifecycle).deleteAfterDays;
            copyActionsOf(rule).forEach((copy, j) => {
                const kept = lifecycleOf(copy.lifecycle).deleteAfterDays;
                const label = `${ruleLabel(rule, i)} copy action ${j}`;
                if (!retainsAtLeast(kept, source)) {
                    report(`${label} keeps copies ${retentionText(kept)}, less than the source's ${retentionText(source)}.`);
                } else if (!retainsAtLeast(kept, min)) {
                    report(`${label} keeps copies ${retentionText(kept)}; the minimum is ${min} days.`);
                }
            });
        });
    }),
};
