// The key policy of a vault's customer-managed KMS key. Customer-managed keys are what make
// cross-account copies possible (AWS-managed keys cannot be shared). No wildcard actions:
// every action is listed; `Resource: "*"` is how a key policy names its own key.

import { accountRootArn } from "../../shared/arns";
import { BACKUP_SERVICE_PRINCIPAL, Partition } from "../arns";
import { policyDocument, PolicyDocument, PolicyStatement } from "./document";

/** What the account's administrators (through IAM) may do with the key. */
export const KEY_ADMIN_ACTIONS = [
    "kms:DescribeKey",
    "kms:GetKeyPolicy",
    "kms:PutKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:EnableKeyRotation",
    "kms:RotateKeyOnDemand",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
    "kms:CreateAlias",
    "kms:UpdateAlias",
    "kms:DeleteAlias",
    "kms:ListGrants",
    "kms:RevokeGrant",
    "kms:EnableKey",
    "kms:DisableKey",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    // kms:DisableKeyRotation is left out on purpose: rotation stays on.
] as const;

/** Cryptographic use, for AWS Backup acting on the account's (or the organization's) behalf. */
export const KEY_USE_ACTIONS = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
] as const;

export const KEY_GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"] as const;

/** In prod only the break-glass role may disable the key or schedule its deletion. */
export const KEY_DELETION_ACTIONS = ["kms:ScheduleKeyDeletion", "kms:DisableKey"] as const;

export interface VaultKeyPolicyInput {
    partition: Partition;
    /** The account that owns the key. */
    accountId: string;
    region: string;
    /** When set, accounts of this organization may use the key for backup copies (`aws:PrincipalOrgID`). */
    organizationId?: string;
    breakGlassRoleArn: string;
    /** Deny disabling and deleting the key to everyone but the break-glass role. */
    denyDeletion: boolean;
}

export function vaultKeyPolicy(input: VaultKeyPolicyInput): PolicyDocument {
    const root = accountRootArn(input.partition, input.accountId);
    const statements: PolicyStatement[] = [
        { Sid: "AccountKeyAdministration", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
        {
            Sid: "AccountUseThroughAwsBackup",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: [...KEY_USE_ACTIONS],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": `backup.${input.region}.amazonaws.com`, "kms:CallerAccount": input.accountId } },
        },
        {
            Sid: "AccountGrantsForAwsResources",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: [...KEY_GRANT_ACTIONS],
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        {
            // AWS Backup publishes vault events to the SNS topic encrypted with this key.
            Sid: "AwsBackupNotificationsEncryption",
            Effect: "Allow",
            Principal: { Service: BACKUP_SERVICE_PRINCIPAL },
            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": input.accountId } },
        },
    ];
    if (input.organizationId) {
        statements.push(
            {
                Sid: "OrganizationUseForBackupCopies",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: [...KEY_USE_ACTIONS],
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": input.organizationId } },
            },
            {
                Sid: "OrganizationGrantsForBackupCopies",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: ["kms:CreateGrant"],
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": input.organizationId }, Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        );
    }
    if (input.denyDeletion) {
        statements.push({
            Sid: "DenyKeyDeletionExceptBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: [...KEY_DELETION_ACTIONS],
            Resource: "*",
            Condition: { ArnNotEquals: { "aws:PrincipalArn": input.breakGlassRoleArn } },
        });
    }
    return policyDocument(statements);
}
