// AWS Backup for the stack's account, from `gatevault:backup`: the primary vault, a copy
// vault per copy region (through that region's provider), the central vault in the backup
// account (through a provider that assumes the configured role), the plans that copy into
// them, the audit framework and restore testing.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BackupConfig } from "../config/backup";
import { accountOfRoleArn, ProviderSet } from "../shared/providers";
import { partitionOf } from "./arns";
import { BackupAudit } from "./audit";
import { underscoreName } from "./names";
import { BackupPlan } from "./plan";
import type { CopyTarget } from "./presets";
import { RestoreTesting } from "./restore-testing";
import { assertBackupPlacement } from "./validation/placement-problems";
import { BackupVault } from "./vault";

export interface AccountBackupArgs {
    /** Validated `gatevault:backup` config. */
    config: BackupConfig;
    /** `prod` protects and retains vaults and keys. */
    environment: string;
    /** The stack's account and region (those of `providers.main`). */
    accountId: string;
    region: string;
    providers: ProviderSet;
}

/** `{ Backup: "Daily" }` when the plans select exactly one tier (the coverage control's default scope). */
function coveredTier(config: BackupConfig): Record<string, string> | undefined {
    const tiers = [...new Set(config.plans.flatMap((p) => p.selection.tiers))];
    return tiers.length === 1 ? { [config.tierTag.key]: tiers[0] } : undefined;
}

export class AccountBackup extends pulumi.ComponentResource {
    readonly vault: BackupVault;
    /** Copy vaults by region. */
    readonly copyVaults: Record<string, BackupVault>;
    readonly centralVault?: BackupVault;
    readonly plans: BackupPlan[];
    readonly audit?: BackupAudit;
    readonly restoreTesting?: RestoreTesting;
    /** What operators need, with only the parts that exist: for stack outputs. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: AccountBackupArgs, opts: pulumi.ComponentResourceOptions = {}) {
        assertBackupPlacement(args.config, { accountId: args.accountId, region: args.region });
        super("gatevault:backup:AccountBackup", name, {}, opts);
        const { config, providers } = args;
        const partition = partitionOf(args.region);
        const retain = args.environment === "prod";
        const common = { partition, organizationId: config.organizationId, subscriptions: config.notifications.subscriptions, retain };
        const own = { accountId: args.accountId, breakGlassRoleArn: config.breakGlassRoleArn, deployRoleArn: config.deployRoleArn };

        const central = config.centralVault;
        const centralAccountId = central ? accountOfRoleArn(central.deployRoleArn) : undefined;

        this.vault = new BackupVault(
            `${name}-vault`,
            {
                ...common,
                ...own,
                vaultName: config.vault.name,
                provider: providers.main,
                region: args.region,
                // Monthly copies go to the central vault, and a restore from there starts with a copy back into this one.
                copyPeers: centralAccountId ? { accounts: [centralAccountId] } : undefined,
                lock: config.vault.lock,
            },
            { parent: this },
        );

        this.copyVaults = {};
        for (const copy of config.copyRegions) {
            this.copyVaults[copy.region] = new BackupVault(
                `${name}-vault-${copy.region}`,
                {
                    ...common,
                    ...own,
                    vaultName: copy.vaultName ?? config.vault.name,
                    provider: providers.get({ region: copy.region }),
                    region: copy.region,
                    lock: copy.lock ?? config.vault.lock,
                },
                { parent: this },
            );
        }

        if (central && centralAccountId) {
            const region = central.region ?? args.region;
            this.centralVault = new BackupVault(
                `${name}-central-vault`,
                {
                    ...common,
                    vaultName: central.name,
                    provider: providers.get({ assumeRoleArn: central.deployRoleArn, region }),
                    accountId: centralAccountId,
                    region,
                    breakGlassRoleArn: central.breakGlassRoleArn,
                    deployRoleArn: central.deployRoleArn,
                    copyPeers: central.acceptCopiesFrom === "organization" ? { organization: true } : { accounts: central.acceptCopiesFrom ?? [args.accountId] },
                    lock: central.lock,
                },
                { parent: this },
            );
        }

        const destinationArn = (target: CopyTarget): pulumi.Input<string> => {
            switch (target.kind) {
                case "region":
                    return this.copyVaults[target.region].vaultArn;
                case "central":
                    return this.centralVault!.vaultArn;
                case "arn":
                    return target.vaultArn;
            }
        };
        this.plans = config.plans.map(
            (plan) =>
                new BackupPlan(
                    `${name}-${plan.name.toLowerCase()}`,
                    { plan, vaultName: this.vault.vaultName, destinationArn, tierTagKey: config.tierTag.key, partition, provider: providers.main, production: retain },
                    { parent: this },
                ),
        );

        if (config.audit) {
            this.audit = new BackupAudit(
                `${name}-audit`,
                {
                    audit: config.audit,
                    frameworkName: config.audit.frameworkName ?? `gatevault_${underscoreName(args.environment)}`,
                    controlDefaults: {
                        breakGlassRoleArn: config.breakGlassRoleArn,
                        copyRegions: config.copyRegions.map((c) => c.region),
                        centralAccountId,
                        lock: config.vault.lock,
                        coveredTier: coveredTier(config),
                        restoreTestedTypes: config.restoreTesting?.selections.map((s) => s.resourceType),
                    },
                    accountId: args.accountId,
                    partition,
                    provider: providers.main,
                    production: retain,
                },
                { parent: this },
            );
        }

        if (config.restoreTesting) {
            this.restoreTesting = new RestoreTesting(
                `${name}-restore-testing`,
                {
                    config: config.restoreTesting,
                    planName: `gatevault_${underscoreName(args.environment)}_restore_testing`,
                    includeVaults: config.restoreTesting.includeVaultArns ?? [this.vault.vaultArn],
                    partition,
                    provider: providers.main,
                },
                { parent: this },
            );
        }

        this.outputs = {
            vaultArn: this.vault.vaultArn,
            copyVaultArns: Object.fromEntries(Object.entries(this.copyVaults).map(([region, v]) => [region, v.vaultArn])),
            planIds: Object.fromEntries(this.plans.map((p, i) => [config.plans[i].name, p.planId])),
            ...(this.centralVault ? { centralVaultArn: this.centralVault.vaultArn } : {}),
            ...(this.audit ? { auditFrameworkArn: this.audit.frameworkArn, auditReportBucket: this.audit.reportBucketName } : {}),
            ...(this.restoreTesting ? { restoreTestingPlan: this.restoreTesting.planName } : {}),
        };
        this.registerOutputs(this.outputs);
    }
}
