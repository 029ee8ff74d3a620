// A backup vault with everything that keeps its recovery points safe: a customer-managed KMS
// key with rotation, an access policy that lets only a break-glass role delete recovery
// points or change the vault's policy and lock, an optional vault lock, and SNS
// notifications for failed and expired jobs.

import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SubscriptionConfig, VaultLockConfig } from "../config/backup";
import { accountRootArn } from "../shared/arns";
import { Partition } from "./arns";
import { policyJson } from "./policies/document";
import { vaultKeyPolicy } from "./policies/key-policy";
import { notificationTopicPolicy } from "./policies/topic-policy";
import { vaultAccessPolicy } from "./policies/vault-access-policy";

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

/** Subscribers hear only about jobs that did not succeed. */
export const FAILED_JOB_FILTER_POLICY = { State: ["FAILED", "EXPIRED", "ABORTED", "PARTIAL"] };

export interface BackupVaultArgs {
    /** Vault name, unique per account and region. */
    vaultName: string;
    /** Provider for the vault's account and region. */
    provider: aws.Provider;
    /** The provider's account and region: the key policy names them. */
    accountId: string;
    region: string;
    partition: Partition;
    /** The one role that may delete recovery points or change the vault's access policy and lock. */
    breakGlassRoleArn: string;
    /** Accounts of this organization may use the key (cross-account copies to and from this vault). */
    organizationId?: string;
    /** Accept `backup:CopyIntoBackupVault` from the organization's accounts (a central vault). Needs `organizationId`. */
    acceptCopiesFromOrganization?: boolean;
    /** Accept copies from these accounts (the central backup account, to copy recovery points back for a restore). */
    acceptCopiesFromAccounts?: string[];
    lock?: VaultLockConfig;
    subscriptions?: SubscriptionConfig[];
    /** Prod: the key, vault, lock and access policy are protected and retained when the stack is destroyed. */
    retain: boolean;
}

export class BackupVault extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly vault: aws.backup.Vault;
    readonly topic: aws.sns.Topic;
    readonly lock?: aws.backup.VaultLockConfiguration;
    readonly vaultArn: pulumi.Output<string>;
    readonly vaultName: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    readonly topicArn: pulumi.Output<string>;

    constructor(name: string, args: BackupVaultArgs, opts: pulumi.ComponentResourceOptions = {}) {
        if (args.acceptCopiesFromOrganization && !args.organizationId) {
            throw new Error(`BackupVault ${name}: acceptCopiesFromOrganization needs organizationId`);
        }
        super("gatevault:backup:BackupVault", name, {}, opts);
        const provider = args.provider;
        const guarded: pulumi.CustomResourceOptions = args.retain ? { protect: true, retainOnDelete: true } : {};

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `gatevault: encrypts backup vault ${args.vaultName} and its notifications`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: policyJson(
                    vaultKeyPolicy({
                        partition: args.partition,
                        accountId: args.accountId,
                        region: args.region,
                        organizationId: args.organizationId,
                        breakGlassRoleArn: args.breakGlassRoleArn,
                        denyDeletion: args.retain,
                    }),
                ),
            },
            { parent: this, provider, ...guarded },
        );
        new aws.kms.Alias(`${name}-key-alias`, { name: `alias/gatevault-backup/${args.vaultName}`, targetKeyId: this.key.keyId }, { parent: this, provider });

        this.vault = new aws.backup.Vault(
            `${name}-vault`,
            { name: args.vaultName, kmsKeyArn: this.key.arn, forceDestroy: false },
            { parent: this, provider, ...guarded },
        );

        if (args.lock) {
            this.lock = new aws.backup.VaultLockConfiguration(
                `${name}-lock`,
                {
                    backupVaultName: this.vault.name,
                    minRetentionDays: args.lock.minRetentionDays,
                    maxRetentionDays: args.lock.maxRetentionDays,
                    // Only compliance mode sets a grace period; without one the lock stays in governance mode.
                    ...(args.lock.mode === "compliance" ? { changeableForDays: args.lock.changeableForDays } : {}),
                },
                { parent: this, provider, ...guarded },
            );
            if (args.lock.mode === "compliance") {
                pulumi.log.warn(
                    `${name}: vault "${args.vaultName}" gets a COMPLIANCE-mode vault lock. ${args.lock.changeableForDays} days after it is ` +
                        `applied, nobody (not the root user, not AWS) can remove it, delete the vault early, or keep recovery points for less than ` +
                        `${args.lock.minRetentionDays} or more than ${args.lock.maxRetentionDays} days.`,
                    this,
                );
            }
        }

        // The access policy denies changing the lock to all but the break-glass role, so the
        // lock is written first.
        new aws.backup.VaultPolicy(
            `${name}-policy`,
            {
                backupVaultName: this.vault.name,
                policy: policyJson(
                    vaultAccessPolicy({
                        breakGlassRoleArn: args.breakGlassRoleArn,
                        acceptCopiesFromOrganization: args.acceptCopiesFromOrganization ? args.organizationId : undefined,
                        acceptCopiesFromAccounts: args.acceptCopiesFromAccounts?.map((account) => accountRootArn(args.partition, account)),
                    }),
                ),
            },
            { parent: this, provider, dependsOn: this.lock ? [this.lock] : [], ...guarded },
        );

        this.topic = new aws.sns.Topic(`${name}-events`, { kmsMasterKeyId: this.key.arn }, { parent: this, provider });
        const topicPolicy = new aws.sns.TopicPolicy(
            `${name}-events-policy`,
            { arn: this.topic.arn, policy: this.topic.arn.apply((topicArn) => policyJson(notificationTopicPolicy({ topicArn, accountId: args.accountId }))) },
            { parent: this, provider },
        );
        new aws.backup.VaultNotifications(
            `${name}-notifications`,
            { backupVaultName: this.vault.name, snsTopicArn: this.topic.arn, backupVaultEvents: [...VAULT_NOTIFICATION_EVENTS] },
            { parent: this, provider, dependsOn: [topicPolicy] },
        );
        for (const s of args.subscriptions ?? []) {
            // Keyed by the endpoint, not its list position, so reordering config changes nothing.
            const id = createHash("sha256").update(`${s.protocol}:${s.endpoint}`).digest("hex").slice(0, 8);
            new aws.sns.TopicSubscription(
                `${name}-events-${s.protocol}-${id}`,
                { topic: this.topic.arn, protocol: s.protocol, endpoint: s.endpoint, filterPolicy: JSON.stringify(FAILED_JOB_FILTER_POLICY) },
                { parent: this, provider },
            );
        }

        this.vaultArn = this.vault.arn;
        this.vaultName = this.vault.name;
        this.keyArn = this.key.arn;
        this.topicArn = this.topic.arn;
        this.registerOutputs({ vaultArn: this.vaultArn, vaultName: this.vaultName, keyArn: this.keyArn, topicArn: this.topicArn });
    }
}
