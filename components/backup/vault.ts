// A backup vault with everything that keeps its recovery points safe: a customer-managed KMS
// key with rotation, an access policy that lets only a break-glass role delete recovery points
// or shorten their lifecycle (and the deploy role apply gatevault's own changes: see
// policies/THREAT-MODEL.md), an optional vault lock, and SNS notifications for failed and
// expired jobs.

import { createHash } from "node:crypto";
import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardOptions } from "@gatevault/aws-model/backup/protection";
import type { SubscriptionConfig } from "../config/backup";
import { policyJson } from "./policies/document";
import { vaultDefinition, VaultDefinitionInput } from "./vault-definition";

export { VAULT_NOTIFICATION_EVENTS } from "./vault-definition";

/** Subscribers hear only about jobs that did not succeed. */
export const FAILED_JOB_FILTER_POLICY = { State: ["FAILED", "EXPIRED", "ABORTED", "PARTIAL"] };

/** The vault (vault-definition.ts), where to deploy it, and who hears about failed jobs. */
export interface BackupVaultArgs extends VaultDefinitionInput {
    /** Provider for the vault's account and region. */
    provider: aws.Provider;
    subscriptions?: SubscriptionConfig[];
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
        super("gatevault:backup:BackupVault", name, {}, opts);
        const provider = args.provider;
        const def = vaultDefinition(args);

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: def.key.description,
                enableKeyRotation: def.key.enableKeyRotation,
                deletionWindowInDays: def.key.deletionWindowInDays,
                policy: policyJson(def.key.policy),
            },
            { parent: this, provider, ...guardOptions("vaultKey", def.retain) },
        );
        new aws.kms.Alias(`${name}-key-alias`, { name: def.keyAlias, targetKeyId: this.key.keyId }, { parent: this, provider });

        // forceDestroy: the provider deletes the recovery points before the vault
        // (internal/service/backup/vault.go), so a dev stack can be destroyed; a retained vault
        // is never deleted by gatevault.
        this.vault = new aws.backup.Vault(
            `${name}-vault`,
            { name: def.vaultName, kmsKeyArn: this.key.arn, forceDestroy: !def.retain },
            { parent: this, provider, ...guardOptions("vault", def.retain) },
        );

        if (def.lock) {
            // The provider cannot update a lock: every field is ForceNew and its id is the vault
            // name (internal/service/backup/vault_lock_configuration.go), so a change replaces it.
            // Pulumi's default replacement, create then delete, would Put the new lock and then
            // delete it: the vault would end up unlocked. Retained (prod): the old lock is only
            // forgotten, so the replacement is an in-place Put (what AWS allows in governance mode
            // and in a compliance lock's grace period) and gatevault never deletes a prod lock.
            // Otherwise: delete, then create.
            this.lock = new aws.backup.VaultLockConfiguration(
                `${name}-lock`,
                { backupVaultName: this.vault.name, ...def.lock },
                { parent: this, provider, ...(def.retain ? guardOptions("vaultLock", true) : { deleteBeforeReplace: true }) },
            );
            if (def.lock.changeableForDays !== undefined) {
                pulumi.log.warn(
                    `${name}: vault "${def.vaultName}" gets a COMPLIANCE-mode vault lock. ${def.lock.changeableForDays} days after it is ` +
                        `applied, nobody (not the root user, not AWS) can remove it, delete the vault early, or keep recovery points for less than ` +
                        `${def.lock.minRetentionDays} or more than ${def.lock.maxRetentionDays} days.`,
                    this,
                );
            }
        }

        new aws.backup.VaultPolicy(
            `${name}-policy`,
            { backupVaultName: this.vault.name, policy: policyJson(def.accessPolicy) },
            { parent: this, provider, ...guardOptions("vaultPolicy", def.retain) },
        );

        this.topic = new aws.sns.Topic(`${name}-events`, { kmsMasterKeyId: this.key.arn }, { parent: this, provider });
        const topicPolicy = new aws.sns.TopicPolicy(
            `${name}-events-policy`,
            { arn: this.topic.arn, policy: this.topic.arn.apply((topicArn) => policyJson(def.topicPolicy(topicArn))) },
            { parent: this, provider },
        );
        // Every field is ForceNew and the id is the vault name (internal/service/backup/vault_notifications.go):
        // created before the old one is deleted, the new configuration would be deleted with it.
        new aws.backup.VaultNotifications(
            `${name}-notifications`,
            { backupVaultName: this.vault.name, snsTopicArn: this.topic.arn, backupVaultEvents: [...def.notificationEvents] },
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
