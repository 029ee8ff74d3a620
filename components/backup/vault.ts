// A backup vault with everything that keeps its recovery points safe: a customer-managed KMS
// key with rotation, an access policy that lets only a break-glass role delete recovery points
// or shorten their lifecycle (and the deploy role apply gatevault's own changes: see
// policies/THREAT-MODEL.md), an optional vault lock, and SNS notifications for failed and
// expired jobs.

import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SubscriptionConfig, VaultLockConfig } from "../config/backup";
import { Partition } from "./arns";
import { guardOptions } from "./protection";
import { policyJson } from "./policies/document";
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
    /** The one role that may delete recovery points, shorten their lifecycle or remove the lock of a retained vault. */
    breakGlassRoleArn: string;
    /** The role that runs `pulumi up` for this account: it may change the vault's policy and lock (and, unless retained, delete the vault). */
    deployRoleArn: string;
    /**
     * Accounts that copy into this vault or receive copies from it (a central backup account, the
     * accounts whose plans copy here), or every account of `organizationId`: they may copy in and
     * use the key through AWS Backup.
     */
    copyPeers?: CopySources;
    /** The organization the copy peers belong to; required with `copyPeers: { organization: true }`. */
    organizationId?: string;
    lock?: VaultLockConfig;
    subscriptions?: SubscriptionConfig[];
    /**
     * Prod: the key, vault and access policy are protected and retained when the stack is
     * destroyed, the lock is retained, and the deploy role may delete nothing in the vault.
     * Otherwise (dev) `pulumi destroy` empties and deletes the vault.
     */
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
        if (args.copyPeers && "organization" in args.copyPeers && !args.organizationId) {
            throw new Error(`BackupVault ${name}: copyPeers { organization: true } needs organizationId`);
        }
        super("gatevault:backup:BackupVault", name, {}, opts);
        const provider = args.provider;

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
                        copyPeers: args.copyPeers,
                        organizationId: args.organizationId,
                        breakGlassRoleArn: args.breakGlassRoleArn,
                        deployRoleArn: args.deployRoleArn,
                        denyDeletion: args.retain,
                    }),
                ),
            },
            { parent: this, provider, ...guardOptions("vaultKey", args.retain) },
        );
        new aws.kms.Alias(`${name}-key-alias`, { name: `alias/gatevault-backup/${args.vaultName}`, targetKeyId: this.key.keyId }, { parent: this, provider });

        // forceDestroy: the provider deletes the recovery points before the vault
        // (internal/service/backup/vault.go), so a dev stack can be destroyed; a retained vault
        // is never deleted by gatevault.
        this.vault = new aws.backup.Vault(
            `${name}-vault`,
            { name: args.vaultName, kmsKeyArn: this.key.arn, forceDestroy: !args.retain },
            { parent: this, provider, ...guardOptions("vault", args.retain) },
        );

        if (args.lock) {
            // The provider cannot update a lock: every field is ForceNew and its id is the vault
            // name (internal/service/backup/vault_lock_configuration.go), so a change replaces it.
            // Pulumi's default replacement, create then delete, would Put the new lock and then
            // delete it: the vault would end up unlocked. Retained (prod): the old lock is only
            // forgotten, so the replacement is an in-place Put (what AWS allows in governance mode
            // and in a compliance lock's grace period) and gatevault never deletes a prod lock.
            // Otherwise: delete, then create.
            this.lock = new aws.backup.VaultLockConfiguration(
                `${name}-lock`,
                {
                    backupVaultName: this.vault.name,
                    minRetentionDays: args.lock.minRetentionDays,
                    maxRetentionDays: args.lock.maxRetentionDays,
                    // Only compliance mode sets a grace period; without one the lock stays in governance mode.
                    ...(args.lock.mode === "compliance" ? { changeableForDays: args.lock.changeableForDays } : {}),
                },
                { parent: this, provider, ...(args.retain ? guardOptions("vaultLock", true) : { deleteBeforeReplace: true }) },
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

        new aws.backup.VaultPolicy(
            `${name}-policy`,
            {
                backupVaultName: this.vault.name,
                policy: policyJson(
                    vaultAccessPolicy({
                        partition: args.partition,
                        breakGlassRoleArn: args.breakGlassRoleArn,
                        deployRoleArn: args.deployRoleArn,
                        retained: args.retain,
                        copySources: args.copyPeers,
                        organizationId: args.organizationId,
                    }),
                ),
            },
            { parent: this, provider, ...guardOptions("vaultPolicy", args.retain) },
        );

        this.topic = new aws.sns.Topic(`${name}-events`, { kmsMasterKeyId: this.key.arn }, { parent: this, provider });
        const topicPolicy = new aws.sns.TopicPolicy(
            `${name}-events-policy`,
            { arn: this.topic.arn, policy: this.topic.arn.apply((topicArn) => policyJson(notificationTopicPolicy({ topicArn, accountId: args.accountId }))) },
            { parent: this, provider },
        );
        // Every field is ForceNew and the id is the vault name (internal/service/backup/vault_notifications.go):
        // created before the old one is deleted, the new configuration would be deleted with it.
        new aws.backup.VaultNotifications(
            `${name}-notifications`,
            { backupVaultName: this.vault.name, snsTopicArn: this.topic.arn, backupVaultEvents: [...VAULT_NOTIFICATION_EVENTS] },
            { parent: this, provider, dependsOn: [topicPolicy], deleteBeforeReplace: true },
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
