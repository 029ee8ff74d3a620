import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { lifecycleProblems, MIN_DAYS_IN_COLD_STORAGE } from "@gatevault/aws-model/backup/lifecycle";
import type { GatevaultResourcePolicy } from "../types";
import { copyActionsOf, isContinuous, lifecycleField, lifecycleOf, ruleLabel, rulesOf } from "./plan-rules";

export const coldStorageLifecycle: GatevaultResourcePolicy = {
    name: "backup-cold-storage-lifecycle",
    description: "Backup lifecycles are valid: deletion at least 90 days after the move to cold storage, no cold storage for continuous backups.",
    severity: "medium",
    controls: [],
    remediationSteps:
        `Make lifecycle.deleteAfter at least lifecycle.coldStorageAfter + ${MIN_DAYS_IN_COLD_STORAGE} on rules and copy actions, ` +
        "keep day counts between 1 and 36,500, and give continuous rules (enableContinuousBackup) no coldStorageAfter and a " +
        "deleteAfter of at most 35 days.",
    validateResource: validateResourceOfType(aws.backup.Plan, (plan, _args, report) => {
        rulesOf(plan).forEach((rule, i) => {
            for (const p of lifecycleProblems(lifecycleOf(rule.lifecycle), { continuous: isContinuous(rule) })) {
                report(`${ruleLabel(rule, i)} lifecycle.${lifecycleField(p.field)} ${p.message}.`);
            }
            copyActionsOf(rule).forEach((copy, j) => {
                for (const p of lifecycleProblems(lifecycleOf(copy.lifecycle))) {
                    report(`${ruleLabel(rule, i)} copy action ${j} lifecycle.${lifecycleField(p.field)} ${p.message}.`);
                }
            });
        });
    }),
};
