// Backup Audit Manager evaluates only what AWS Config records: "Before you create your first
// compliance-related framework, you must turn on resource tracking. Doing so allows AWS Config
// to track your AWS Backup resources" (AWS Backup Developer Guide,
// turning-on-resource-tracking.html). Which resource types each control needs is the "AWS
// Config recording resource type" column of choosing-controls.html; the restore-time control
// needs none.

import type { ControlSpec } from "./audit-controls";
import { policyDocument, PolicyDocument } from "./policies/document";

const PLAN = "AWS::Backup::BackupPlan";
const SELECTION = "AWS::Backup::BackupSelection";
const VAULT = "AWS::Backup::BackupVault";
const RECOVERY_POINT = "AWS::Backup::RecoveryPoint";

/** Control → the AWS Config resource type it is evaluated on. */
export const CONTROL_RECORDING_TYPES: Readonly<Record<string, string | undefined>> = {
    BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: SELECTION,
    BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: PLAN,
    BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: VAULT,
    BACKUP_RECOVERY_POINT_ENCRYPTED: RECOVERY_POINT,
    BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK: RECOVERY_POINT,
    BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION: SELECTION,
    BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT: SELECTION,
    BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK: SELECTION,
    BACKUP_LAST_RECOVERY_POINT_CREATED: RECOVERY_POINT,
    RESTORE_TIME_FOR_RESOURCES_MEET_TARGET: undefined,
};

/** The AWS Config resource types the framework's controls need recorded, sorted. */
export function recordingTypes(controls: Pick<ControlSpec, "name">[]): string[] {
    return [...new Set(controls.flatMap((c) => (CONTROL_RECORDING_TYPES[c.name] ? [CONTROL_RECORDING_TYPES[c.name]!] : [])))].sort();
}

export const CONFIG_SERVICE_PRINCIPAL = "config.amazonaws.com";

/** The role a managed recorder assumes: AWS Config only. */
export function configRecorderTrustPolicy(): PolicyDocument {
    return policyDocument([{ Sid: "AwsConfigAssumesRole", Effect: "Allow", Principal: { Service: CONFIG_SERVICE_PRINCIPAL }, Action: "sts:AssumeRole" }]);
}

/**
 * Delivery to the audit bucket under `prefix`, what the recorder's role needs beside AWS's
 * managed AWS_ConfigRole (AWS Config Developer Guide, iamrole-permissions.html).
 */
export function configDeliveryRolePolicy(input: { bucketArn: string; prefix: string; accountId: string }): PolicyDocument {
    return policyDocument([
        { Sid: "DeliverConfigurationItems", Effect: "Allow", Action: "s3:PutObject", Resource: `${input.bucketArn}/${input.prefix}/AWSLogs/${input.accountId}/*`, Condition: { StringLike: { "s3:x-amz-acl": "bucket-owner-full-control" } } },
        { Sid: "CheckBucketAcl", Effect: "Allow", Action: "s3:GetBucketAcl", Resource: input.bucketArn },
    ]);
}
