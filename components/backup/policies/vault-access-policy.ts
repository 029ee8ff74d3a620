// A vault's access policy, from the threat model in THREAT-MODEL.md beside this file: who may
// call each action that can destroy recovery points or loosen a vault's protection. Everyone
// else is denied; the deploy role (the one that runs `pulumi up` for the vault's account) gets
// exactly what gatevault's own changes need, and in a retained (prod) vault nothing that
// deletes. Recovery-point actions are authorized against recovery point ARNs, so the
// statements use `Resource: "*"`, as AWS's examples do; the policy is attached to one vault
// (AWS Backup Developer Guide, create-a-vault-access-policy.html).

import { accountRootArn } from "../../shared/arns";
import { policyDocument, PolicyDocument, PolicyStatement, unlessPrincipal } from "./document";

/**
 * Whether the deploy role may call the action: "always" (gatevault's updates need it),
 * "disposable" (only in vaults that are not retained: `pulumi destroy` of a dev stack needs it),
 * "never" (break-glass only, in every environment).
 */
export type DeployerUse = "always" | "disposable" | "never";

export interface GuardedVaultAction {
    action: string;
    deployer: DeployerUse;
    /** Which gatevault operation needs it, or why nobody but break-glass may. */
    why: string;
}

export const GUARDED_VAULT_ACTIONS: readonly GuardedVaultAction[] = [
    {
        action: "backup:DeleteRecoveryPoint",
        deployer: "disposable",
        why: "destroying a dev vault: the provider's forceDestroy deletes its recovery points first (internal/service/backup/vault.go)",
    },
    { action: "backup:UpdateRecoveryPointLifecycle", deployer: "never", why: "shortens how long a recovery point is kept" },
    { action: "backup:DisassociateRecoveryPoint", deployer: "never", why: "stops AWS Backup managing a continuous recovery point's retention" },
    { action: "backup:PutBackupVaultAccessPolicy", deployer: "always", why: "every change to this policy (aws.backup.VaultPolicy update)" },
    { action: "backup:DeleteBackupVaultAccessPolicy", deployer: "disposable", why: "destroying a dev vault; a retained vault keeps its policy" },
    {
        action: "backup:PutBackupVaultLockConfiguration",
        deployer: "always",
        why: "creating and changing the lock; AWS itself refuses changes to a compliance-mode lock once its grace period is over",
    },
    { action: "backup:DeleteBackupVaultLockConfiguration", deployer: "disposable", why: "destroying a dev vault; removing a retained vault's lock is break-glass only" },
    { action: "backup:DeleteBackupVault", deployer: "disposable", why: "destroying a dev vault; a retained vault is never deleted by gatevault" },
];

/** Accounts that copy into the vault: named ones, or every account of an organization. */
export type CopySources = { accounts: string[] } | { organization: true };

export interface VaultAccessPolicyInput {
    partition: string;
    breakGlassRoleArn: string;
    /** The role that runs `pulumi up` for the vault's account. */
    deployRoleArn: string;
    /** Retained (prod): the deploy role may change the policy and lock but delete nothing. */
    retained: boolean;
    /** Accept `backup:CopyIntoBackupVault` from these (a central vault; a vault restores are copied back into). */
    copySources?: CopySources;
    /** The organization the copying accounts belong to: required for `{ organization: true }`, a further condition otherwise. */
    organizationId?: string;
}

/** Whether the deploy role may call an action on a vault that is (or is not) retained. */
export function deployerMay(guard: GuardedVaultAction, retained: boolean): boolean {
    return guard.deployer === "always" || (guard.deployer === "disposable" && !retained);
}

export function vaultAccessPolicy(input: VaultAccessPolicyInput): PolicyDocument {
    const breakGlassOnly = GUARDED_VAULT_ACTIONS.filter((g) => !deployerMay(g, input.retained)).map((g) => g.action);
    const alsoDeployer = GUARDED_VAULT_ACTIONS.filter((g) => deployerMay(g, input.retained)).map((g) => g.action);
    const statements: PolicyStatement[] = [
        {
            Sid: "DenyRecoveryPointDeletionExceptBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: breakGlassOnly,
            Resource: "*",
            Condition: unlessPrincipal([input.breakGlassRoleArn]),
        },
        {
            Sid: "DenyVaultChangesExceptDeployerAndBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: alsoDeployer,
            Resource: "*",
            Condition: unlessPrincipal([input.breakGlassRoleArn, input.deployRoleArn]),
        },
    ];
    const sources = input.copySources;
    if (sources && "organization" in sources) {
        if (!input.organizationId) throw new Error("vaultAccessPolicy: accepting copies from the organization needs organizationId");
        statements.push({
            Sid: "AllowCopiesFromOrganization",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "backup:CopyIntoBackupVault",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalOrgID": input.organizationId } },
        });
    } else if (sources && sources.accounts.length > 0) {
        statements.push({
            Sid: "AllowCopiesFromPeerAccounts",
            Effect: "Allow",
            Principal: { AWS: sources.accounts.map((a) => accountRootArn(input.partition, a)) },
            Action: "backup:CopyIntoBackupVault",
            Resource: "*",
            ...(input.organizationId ? { Condition: { StringEquals: { "aws:PrincipalOrgID": input.organizationId } } } : {}),
        });
    }
    return policyDocument(statements);
}
