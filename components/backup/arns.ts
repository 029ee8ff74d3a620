// ARNs and service principals gatevault writes into policies, from config alone (no data
// source round trips): partition from the region, vaults, AWS-managed policies.

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export const BACKUP_SERVICE_PRINCIPAL = "backup.amazonaws.com";

export function partitionOf(region: string): Partition {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/** The service-linked role AWS Backup Audit Manager delivers reports with. */
export function backupReportsRoleArn(partition: Partition, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

export type ManagedPolicy = "backup" | "restore" | "s3-backup" | "s3-restore";

// The S3 policies live at the root path; the others under service-role/.
const MANAGED_POLICY_PATHS: Record<ManagedPolicy, string> = {
    backup: "service-role/AWSBackupServiceRolePolicyForBackup",
    restore: "service-role/AWSBackupServiceRolePolicyForRestores",
    "s3-backup": "AWSBackupServiceRolePolicyForS3Backup",
    "s3-restore": "AWSBackupServiceRolePolicyForS3Restore",
};

export function managedPolicyArn(partition: Partition, policy: ManagedPolicy): string {
    return `arn:${partition}:iam::aws:policy/${MANAGED_POLICY_PATHS[policy]}`;
}
