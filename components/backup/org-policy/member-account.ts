// MemberAccountBackup: in one member account that config marks `deployBackupResources`, the
// vaults and backup roles its effective policy names, so AWS Backup can run the plans the
// organization policy gives it. Each vault goes through the provider for that account and
// region, with the account-level vault's protections (customer-managed key with rotation,
// access policy that lets only the break-glass role delete recovery points, optional lock,
// protect and retain in prod). Roles get exactly the name the policy's `iam_role_arn` uses:
// AWS resolves `$account` in that ARN per account, so the name is the only link.

import type * as aws from "../../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GatevaultConfig } from "../../config";
import type { ProviderSet } from "../../shared/providers";
import { Partition, partitionOf } from "../arns";
import { BackupServiceRole } from "../service-role";
import { BackupVault } from "../vault";
import { MemberSettings, memberRoleDefinition, memberVaultInput } from "./member-definitions";
import { memberAccountDeployments, MemberAccountDeployment } from "./member-deployments";

export interface MemberAccountBackupArgs {
    /** The account, its settings and what its effective policy needs there (`memberAccountDeployments`). */
    deployment: MemberAccountDeployment;
    /** Providers per account and region; the member account's are built from `deployment.assumeRoleArn`. */
    providers: ProviderSet;
    /** Shares the vault keys with the organization (cross-account copies). */
    organizationId?: string;
    /** Prod: keys, vaults, locks and vault policies are protected and retained on delete. */
    retain: boolean;
}

/**
 * The provider for a member account in a region. The stack's own account is reached with the
 * stack's credentials, as everything else in it is; other accounts through their role.
 */
export function memberProvider(providers: ProviderSet, deployment: Pick<MemberAccountDeployment, "accountId" | "assumeRoleArn">, region: string): aws.Provider {
    return deployment.accountId === providers.target.accountId
        ? providers.get({ region })
        : providers.get({ assumeRoleArn: deployment.assumeRoleArn, region });
}

export class MemberAccountBackup extends pulumi.ComponentResource {
    readonly accountId: string;
    /** Vaults by `<region>/<name>`. */
    readonly vaults: Record<string, BackupVault>;
    /** Roles by the reference the policy uses (`service-role/backup`). */
    readonly roles: Record<string, BackupServiceRole>;
    readonly outputs: { vaultArns: Record<string, pulumi.Output<string>>; roleArns: Record<string, pulumi.Output<string>> };

    constructor(name: string, args: MemberAccountBackupArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:MemberAccountBackup", name, {}, opts);
        const { deployment: d, providers } = args;
        this.accountId = d.accountId;
        if (d.vaults.length === 0 && d.roles.length === 0) {
            pulumi.log.warn(`${name}: account ${d.accountId} ("${d.name}") is marked deployBackupResources, but no policy of this stack reaches it: nothing is deployed there`, this);
        }

        const member: MemberSettings = {
            accountId: d.accountId,
            partition: d.assumeRoleArn.split(":")[1] as Partition,
            breakGlassRoleArn: d.settings.breakGlassRoleArn,
            // The role gatevault deploys this account with (in the stack's own account, the stack's role).
            deployRoleArn: d.assumeRoleArn,
            organizationId: args.organizationId,
            copyTargetAccounts: d.copyTargetAccounts,
            lock: d.settings.lock,
            retain: args.retain,
        };
        this.vaults = {};
        for (const vault of d.vaults) {
            this.vaults[`${vault.region}/${vault.name}`] = new BackupVault(
                `${name}-${vault.region}-${vault.name}`,
                { ...memberVaultInput(member, vault), partition: partitionOf(vault.region), provider: memberProvider(providers, d, vault.region) },
                { parent: this },
            );
        }

        // IAM is global: the roles go through the account's provider in the stack's region.
        const roleProvider = memberProvider(providers, d, providers.target.region);
        this.roles = {};
        for (const role of d.roles) {
            const def = memberRoleDefinition(role, member.partition);
            this.roles[role.ref] = new BackupServiceRole(
                `${name}-role-${role.ref}`,
                { provider: roleProvider, partition: member.partition, description: def.description, managedPolicies: def.managedPolicies, roleName: def.roleName, path: def.path },
                { parent: this },
            );
        }

        this.outputs = {
            vaultArns: Object.fromEntries(Object.entries(this.vaults).map(([key, v]) => [key, v.vaultArn])),
            roleArns: Object.fromEntries(Object.entries(this.roles).map(([key, r]) => [key, r.arn])),
        };
        this.registerOutputs(this.outputs);
    }
}

/** One MemberAccountBackup per account of `gatevault:orgBackupPolicies` marked `deployBackupResources`. */
export function deployMemberAccountBackups(config: Pick<GatevaultConfig, "orgBackupPolicies" | "environment">, providers: ProviderSet): MemberAccountBackup[] {
    const org = config.orgBackupPolicies;
    if (!org) return [];
    return memberAccountDeployments(org).map(
        (deployment) =>
            new MemberAccountBackup(`member-backup-${deployment.accountId}`, {
                deployment,
                providers,
                organizationId: org.organization.id,
                retain: config.environment === "prod",
            }),
    );
}
