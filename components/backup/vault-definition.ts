// Everything that makes a gatevault backup vault, as plain data: the customer-managed key
// (rotation on, 30-day deletion window, its key policy), the alias, the vault's access policy,
// the optional lock, the notification events and the notification topic's policy. The Pulumi
// component (`BackupVault`, vault.ts) and the CloudFormation template for member accounts
// (org-policy/stack-set/template.ts) both render this, so a vault deployed by `pulumi up` and one
// deployed by a StackSet cannot drift apart. Pure: no Pulumi imports.
//
// Account ids and ARNs are plain strings here. The template passes CloudFormation placeholders
// (`${AWS::AccountId}`, a topic's `${LogicalId}`) that it later wraps in `Fn::Sub`.

import type { VaultLockConfig } from "../config/backup";
import type { Partition } from "./arns";
import type { PolicyDocument } from "./policies/document";
import { vaultKeyPolicy } from "./policies/key-policy";
import { notificationTopicPolicy } from "./policies/topic-policy";
import { CopySources, vaultAccessPolicy } from "./policies/vault-access-policy";

/**
 * Vault events sent to the topic. AWS reports failed and expired backup jobs (and failed
 * restores) as *_COMPLETED events with a `State` attribute; the older *_FAILED and
 * *_EXPIRED event names are deprecated and never fire.
 */
export const VAULT_NOTIFICATION_EVENTS = [
    "BACKUP_JOB_COMPLETED",
    "COPY_JOB_FAILED",
    "RESTORE_JOB_COMPLETED",
    "S3_BACKUP_OBJECT_FAILED",
    "S3_RESTORE_OBJECT_FAILED",
] as const;

/**
 * Days KMS waits before deleting a key scheduled for deletion: the longest it allows
 * ("PendingWindowInDays ... The range is 7-30 days and the default value is 30 days", AWS KMS
 * cryptographic details, https://docs.aws.amazon.com/kms/latest/cryptographic-details/key-deletion.html).
 */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface VaultDefinitionInput {
    vaultName: string;
    /** The vault's account and region: the key policy names them. */
    accountId: string;
    region: string;
    partition: Partition;
    /** The one role that may delete recovery points, shorten their lifecycle or remove the lock of a retained vault. */
    breakGlassRoleArn: string;
    /**
     * The role that deploys the vault (runs `pulumi up`, or a StackSet's execution role): it may
     * change the vault's policy and lock (and, unless retained, delete the vault). A pattern
     * (`...:role/stacksets-exec-*`) stands for every role it matches.
     */
    deployRoleArn: string;
    /** Accounts that copy into the vault or receive copies from it, or the whole organization. */
    copyPeers?: CopySources;
    /** The organization the copy peers belong to; required with `copyPeers: { organization: true }`. */
    organizationId?: string;
    lock?: VaultLockConfig;
    /** Prod (and every StackSet vault): retained, deletion denied to the deploy role, key deletion to all but break-glass. */
    retain: boolean;
}

export interface VaultLockDefinition {
    minRetentionDays: number;
    maxRetentionDays: number;
    /** Compliance mode only: the grace period after which nobody can remove the lock. */
    changeableForDays?: number;
}

export interface VaultDefinition {
    vaultName: string;
    region: string;
    key: { description: string; enableKeyRotation: true; deletionWindowInDays: number; policy: PolicyDocument };
    keyAlias: string;
    accessPolicy: PolicyDocument;
    lock?: VaultLockDefinition;
    notificationEvents: readonly string[];
    /** The notification topic's policy, once its ARN is known. */
    topicPolicy(topicArn: string): PolicyDocument;
    retain: boolean;
}

export function vaultDefinition(input: VaultDefinitionInput): VaultDefinition {
    if (input.copyPeers && "organization" in input.copyPeers && !input.organizationId) {
        throw new Error(`vault ${input.vaultName}: copyPeers { organization: true } needs organizationId`);
    }
    const lock = input.lock;
    return {
        vaultName: input.vaultName,
        region: input.region,
        key: {
            description: `gatevault: encrypts backup vault ${input.vaultName} and its notifications`,
            enableKeyRotation: true,
            deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
            policy: vaultKeyPolicy({
                partition: input.partition,
                accountId: input.accountId,
                region: input.region,
                copyPeers: input.copyPeers,
                organizationId: input.organizationId,
                breakGlassRoleArn: input.breakGlassRoleArn,
                deployRoleArn: input.deployRoleArn,
                denyDeletion: input.retain,
            }),
        },
        keyAlias: `alias/gatevault-backup/${input.vaultName}`,
        accessPolicy: vaultAccessPolicy({
            partition: input.partition,
            breakGlassRoleArn: input.breakGlassRoleArn,
            deployRoleArn: input.deployRoleArn,
            retained: input.retain,
            copySources: input.copyPeers,
            organizationId: input.organizationId,
        }),
        // Only compliance mode sets a grace period; without one the lock stays in governance mode.
        lock: lock
            ? { minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays, ...(lock.mode === "compliance" ? { changeableForDays: lock.changeableForDays } : {}) }
            : undefined,
        notificationEvents: VAULT_NOTIFICATION_EVENTS,
        topicPolicy: (topicArn) => notificationTopicPolicy({ topicArn, accountId: input.accountId }),
        retain: input.retain,
    };
}
