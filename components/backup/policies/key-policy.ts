// The key policy of a vault's customer-managed KMS key. Customer-managed keys are what make
// cross-account copies possible (AWS-managed keys cannot be shared). No wildcard actions:
// every action is listed; `Resource: "*"` is how a key policy names its own key. Other accounts
// use the key only through AWS Backup, and only the accounts the vault copies with.

import { accountRootArn } from "../../shared/arns";
import { BACKUP_SERVICE_PRINCIPAL, Partition } from "../arns";
import { policyDocument, PolicyDocument, PolicyStatement, unlessPrincipal } from "./document";
import type { CopySources } from "./vault-access-policy";

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
    /**
     * Other accounts that copy into the vault or receive copies from it (a central backup
     * account, member accounts whose plans copy there), or every account of `organizationId`
     * for a vault that accepts copies from the whole organization. Only they may use the key,
     * and only through AWS Backup in the key's region.
     */
    copyPeers?: CopySources;
    /** The organization the peers belong to: required with `{ organization: true }`, a further condition otherwise. */
    organizationId?: string;
    breakGlassRoleArn: string;
    /** The role that runs `pulumi up` for the key's account: with break-glass, the only one that may change the key policy. */
    deployRoleArn: string;
    /** Deny disabling and deleting the key to everyone but the break-glass role. */
    denyDeletion: boolean;
}

/** The service endpoint AWS Backup calls KMS through in a region (`kms:ViaService`). */
export function backupViaService(region: string): string {
    return `backup.${region}.amazonaws.com`;
}

/**
 * Key use by other accounts, limited to AWS Backup (`kms:ViaService`, "the request comes from
 * the specified AWS service", AWS KMS Developer Guide, conditions-kms.html#conditions-kms-via-service)
 * and to the copy peers. Cross-account copies need the destination vault's customer-managed key
 * and, for resources without full AWS Backup management, the source key shared with the
 * destination (AWS Backup Developer Guide, create-cross-account-backup.html).
 */
function peerStatements(input: VaultKeyPolicyInput): PolicyStatement[] {
    const peers = input.copyPeers;
    if (!peers || ("accounts" in peers && peers.accounts.length === 0)) return [];
    const wholeOrganization = "organization" in peers;
    if (wholeOrganization && !input.organizationId) throw new Error("vaultKeyPolicy: sharing with the organization needs organizationId");
    const principal = wholeOrganization ? { AWS: "*" } : { AWS: peers.accounts.map((a) => accountRootArn(input.partition, a)) };
    const via: Record<string, string> = { "kms:ViaService": backupViaService(input.region) };
    if (input.organizationId) via["aws:PrincipalOrgID"] = input.organizationId;
    return [
        { Sid: "CopyPeersUseThroughAwsBackup", Effect: "Allow", Principal: principal, Action: [...KEY_USE_ACTIONS], Resource: "*", Condition: { StringEquals: via } },
        {
            Sid: "CopyPeersGrantsThroughAwsBackup",
            Effect: "Allow",
            Principal: principal,
            Action: ["kms:CreateGrant"],
            Resource: "*",
            Condition: { StringEquals: via, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
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
            Condition: { StringEquals: { "kms:ViaService": backupViaService(input.region), "kms:CallerAccount": input.accountId } },
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
        ...peerStatements(input),
        {
            // The account's administrators may run the key (AccountKeyAdministration), but a key
            // policy they could rewrite would make every deny below removable in two steps.
            Sid: "DenyKeyPolicyChangesExceptDeployerAndBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["kms:PutKeyPolicy"],
            Resource: "*",
            Condition: unlessPrincipal([input.breakGlassRoleArn, input.deployRoleArn]),
        },
    ];
    if (input.denyDeletion) {
        statements.push({
            Sid: "DenyKeyDeletionExceptBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: [...KEY_DELETION_ACTIONS],
            Resource: "*",
            Condition: unlessPrincipal([input.breakGlassRoleArn]),
        });
    }
    return policyDocument(statements);
}
