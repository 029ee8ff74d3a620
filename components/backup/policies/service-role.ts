// The IAM role AWS Backup assumes to back up and restore (plans, restore testing): trusted by
// the AWS Backup service only, permissions from AWS's managed backup and restore policies.

import { BACKUP_SERVICE_PRINCIPAL, ManagedPolicy } from "../arns";
import { policyDocument, PolicyDocument } from "./document";

export function backupServiceTrustPolicy(): PolicyDocument {
    return policyDocument([
        { Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: BACKUP_SERVICE_PRINCIPAL }, Action: "sts:AssumeRole" },
    ]);
}

/** Managed policies for a role that runs backups (and the restores that test them). */
export function backupRolePolicies(opts: { s3: boolean }): ManagedPolicy[] {
    return opts.s3 ? ["backup", "restore", "s3-backup", "s3-restore"] : ["backup", "restore"];
}

/** Managed policies for a restore-testing role. */
export function restoreRolePolicies(opts: { s3: boolean }): ManagedPolicy[] {
    return opts.s3 ? ["restore", "s3-restore"] : ["restore"];
}
