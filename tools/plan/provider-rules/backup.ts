// AWS Backup resources, from hashicorp/terraform-provider-aws internal/service/backup/*.go.
// Field names are @pulumi/aws's: Terraform's `rule` block is `rules`, `copy_action` is
// `copyActions`, `selection_tag` is `selectionTags`; single nested blocks (`lifecycle`,
// `recovery_point_selection`, `protected_resource_conditions`) are objects, not lists.

import {
    exactlyOneOf,
    from,
    intBetween,
    itemsBetween,
    iamPolicyJson,
    lengthBetween,
    matches,
    oneOf,
    resource,
    validArn,
} from "./define";
import type { ResourceRules } from "./types";

const VALIDATE = "internal/service/backup/validate.go";
const CONSTS = "internal/service/backup/consts.go";
const OLDER = "aws-sdk-go v1 era copy (the newest the index holds); the schema lines used here are unchanged in the v6 copies of sibling files";

// validFrameworkName / validReportPlanName (validate.go): a letter, then letters, digits, underscores.
const FRAMEWORK_NAME = /^[A-Za-z]{1}[0-9A-Za-z_]{0,255}$/;
const FRAMEWORK_NAME_MESSAGE = "must be between 1 and 256 characters, starting with a letter, and consisting of letters, numbers, and underscores";

// Backup vault event names (AWS Backup API reference, PutBackupVaultNotifications:
// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultNotifications.html);
// the provider checks them against the SDK's `VaultEvent` enum.
const VAULT_EVENTS = [
    "BACKUP_JOB_STARTED",
    "BACKUP_JOB_COMPLETED",
    "BACKUP_JOB_SUCCESSFUL",
    "BACKUP_JOB_FAILED",
    "BACKUP_JOB_EXPIRED",
    "RESTORE_JOB_STARTED",
    "RESTORE_JOB_COMPLETED",
    "RESTORE_JOB_SUCCESSFUL",
    "RESTORE_JOB_FAILED",
    "COPY_JOB_STARTED",
    "COPY_JOB_SUCCESSFUL",
    "COPY_JOB_FAILED",
    "RECOVERY_POINT_MODIFIED",
    "BACKUP_PLAN_CREATED",
    "BACKUP_PLAN_MODIFIED",
    "S3_BACKUP_OBJECT_FAILED",
    "S3_RESTORE_OBJECT_FAILED",
    "CONTINUOUS_BACKUP_INTERRUPTED",
    "RECOVERY_POINT_INDEX_COMPLETED",
    "RECOVERY_POINT_INDEX_DELETED",
    "RECOVERY_POINT_INDEXING_FAILED",
] as const;

export const backupRules: ResourceRules[] = [
    resource({
        type: "aws:backup/vault:Vault",
        terraformType: "aws_backup_vault",
        file: "internal/service/backup/vault.go",
        commit: "050ac11163cab8cdae5936a7f40b0e528ff780df",
        olderCopy: OLDER,
        forceNew: ["name", "kmsKeyArn"],
        rules: [
            validArn("kmsKeyArn"),
            lengthBetween("name", 2, 50),
            matches("name", /^[a-zA-Z0-9\-_]*$/, "must consist of letters, numbers, and hyphens.", { accepted: "gatevault-prod", refused: "gatevault.prod" }),
        ],
    }),
    resource({
        type: "aws:backup/vaultPolicy:VaultPolicy",
        terraformType: "aws_backup_vault_policy",
        file: "internal/service/backup/vault_policy.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: ["backupVaultName"],
        rules: [iamPolicyJson("policy")],
    }),
    resource({
        type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        terraformType: "aws_backup_vault_lock_configuration",
        file: "internal/service/backup/vault_lock_configuration.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        // Every argument is ForceNew: any change to a lock replaces it.
        forceNew: ["backupVaultName", "changeableForDays", "maxRetentionDays", "minRetentionDays"],
        rules: [
            matches("backupVaultName", /^[0-9A-Za-z_.-]{1,50}$/, "must consist of lowercase letters, numbers, and hyphens.", {
                accepted: "gatevault-prod",
                refused: "gatevault prod",
            }),
            intBetween("changeableForDays", 3, undefined),
        ],
    }),
    resource({
        type: "aws:backup/vaultNotifications:VaultNotifications",
        terraformType: "aws_backup_vault_notifications",
        file: "internal/service/backup/vault_notifications.go",
        commit: "12e66fa432252d1458392fd78bca183ce0a77241",
        olderCopy: OLDER,
        forceNew: ["backupVaultName", "snsTopicArn", "backupVaultEvents"],
        rules: [
            matches("backupVaultName", /^[0-9A-Za-z_.-]{1,50}$/, "must consist of lowercase letters, numbers, and hyphens.", {
                accepted: "gatevault-prod",
                refused: "gatevault prod",
            }),
            validArn("snsTopicArn"),
            oneOf("backupVaultEvents", VAULT_EVENTS),
        ],
    }),
    resource({
        type: "aws:backup/plan:Plan",
        terraformType: "aws_backup_plan",
        file: "internal/service/backup/plan.go",
        commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
        forceNew: ["name"],
        rules: [
            oneOf("advancedBackupSettings[].resourceType", ["EC2"]),
            lengthBetween("rules[].ruleName", 1, 50),
            matches("rules[].ruleName", /^[0-9A-Za-z_.-]+$/, "must contain only alphanumeric characters, hyphens, underscores, and periods", {
                accepted: "daily.35-days_",
                refused: "daily rule",
            }),
            lengthBetween("rules[].targetVaultName", 2, 50),
            matches("rules[].targetVaultName", /^[0-9A-Za-z_-]+$/, "must contain only alphanumeric characters, hyphens, and underscores", {
                accepted: "gatevault_prod-1",
                refused: "gatevault.prod",
            }),
            validArn("rules[].copyActions[].destinationVaultArn"),
        ],
    }),
    resource({
        type: "aws:backup/selection:Selection",
        terraformType: "aws_backup_selection",
        file: "internal/service/backup/selection.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        // Selections cannot be updated in place: every argument is ForceNew.
        forceNew: ["name", "planId", "iamRoleArn", "conditions", "selectionTags", "resources", "notResources"],
        rules: [
            lengthBetween("name", 1, 50),
            matches("name", /^[0-9A-Za-z_.-]+$/, "must contain only alphanumeric, hyphen, underscore, and period characters", {
                accepted: "tagged.daily-1",
                refused: "tagged daily",
            }),
            validArn("iamRoleArn"),
            // The SDK's ConditionType enum has one value.
            oneOf("selectionTags[].type", ["STRINGEQUALS"]),
        ],
    }),
    resource({
        type: "aws:backup/framework:Framework",
        terraformType: "aws_backup_framework",
        file: "internal/service/backup/framework.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["name"],
        rules: [
            itemsBetween("controls", 1, undefined),
            lengthBetween("controls[].name", 1, 256),
            itemsBetween("controls[].scope.complianceResourceIds", 1, 100),
            lengthBetween("description", 0, 1024),
            from(VALIDATE, matches("name", FRAMEWORK_NAME, FRAMEWORK_NAME_MESSAGE, { accepted: "gatevault_prod_audit", refused: "gatevault-prod-audit" })),
        ],
    }),
    resource({
        type: "aws:backup/reportPlan:ReportPlan",
        terraformType: "aws_backup_report_plan",
        file: "internal/service/backup/report_plan.go",
        commit: "0be71beb458ad8875e0acc5c91519c0ceeb214aa",
        olderCopy: OLDER,
        // "A report plan template cannot be updated".
        forceNew: ["name", "reportSetting.reportTemplate"],
        rules: [
            lengthBetween("description", 0, 1024),
            from(VALIDATE, matches("name", FRAMEWORK_NAME, FRAMEWORK_NAME_MESSAGE, { accepted: "gatevault_jobs", refused: "1_gatevault_jobs" })),
            from(CONSTS, oneOf("reportDeliveryChannel.formats", ["CSV", "JSON"])),
            from(
                CONSTS,
                oneOf("reportSetting.reportTemplate", [
                    "BACKUP_JOB_REPORT",
                    "CONTROL_COMPLIANCE_REPORT",
                    "COPY_JOB_REPORT",
                    "RESOURCE_COMPLIANCE_REPORT",
                    "RESTORE_JOB_REPORT",
                ]),
            ),
        ],
    }),
    resource({
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        terraformType: "aws_backup_restore_testing_plan",
        file: "internal/service/backup/restore_testing_plan.go",
        commit: "108f85fd2bfcd9e85ed93fddb752c5cc10dba1ff",
        forceNew: ["name"],
        rules: [
            lengthBetween("name", 1, 50),
            matches("name", /^[0-9A-Za-z_]+$/, "must contain only alphanumeric characters, and underscores", {
                accepted: "gatevault_prod_restore_testing",
                refused: "gatevault-prod-restore-testing",
            }),
            intBetween("startWindowHours", 0, 168),
            intBetween("recoveryPointSelection.selectionWindowDays", 1, 365),
            validArn("recoveryPointSelection.includeVaults", "*"),
            validArn("recoveryPointSelection.excludeVaults", "*"),
            // The SDK enums, as the AWS Backup API reference lists them (RestoreTestingRecoveryPointSelection).
            oneOf("recoveryPointSelection.algorithm", ["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"]),
            oneOf("recoveryPointSelection.recoveryPointTypes", ["CONTINUOUS", "SNAPSHOT"]),
        ],
    }),
    resource({
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        terraformType: "aws_backup_restore_testing_selection",
        file: "internal/service/backup/restore_testing_selection.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["name", "protectedResourceType", "restoreTestingPlanName"],
        rules: [
            // ConfigValidators: resourcevalidator.ExactlyOneOf(protected_resource_arns, protected_resource_conditions).
            exactlyOneOf("protectedResourceArns", "protectedResourceConditions"),
            lengthBetween("name", 1, 50),
            matches("name", /^[0-9A-Za-z_]+$/, "must contain only alphanumeric characters, and underscores", { accepted: "ebs", refused: "ebs-volumes" }),
            validArn("protectedResourceArns", "*"),
            intBetween("validationWindowHours", 1, 168),
        ],
    }),
    resource({
        type: "aws:backup/globalSettings:GlobalSettings",
        terraformType: "aws_backup_global_settings",
        file: "internal/service/backup/global_settings.go",
        commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
        // One Required map of strings, updated in place, with no validator: which keys
        // UpdateGlobalSettings takes is for AWS to judge, not the provider.
        forceNew: [],
        rules: [],
    }),
];
