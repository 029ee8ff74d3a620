// What gatevault creates in a member account for the vaults and roles its effective policy
// names, as plain data: the same definitions whether a listed account gets them through its own
// provider (`MemberAccountBackup`) or every account of an OU gets them through a StackSet
// (stack-set/template.ts). Only who deploys differs: the account's `assumeRoleArn`, or the
// `stacksets-exec-*` role StackSets creates in each target account. Pure: no Pulumi imports.

import type { VaultLockConfig } from "../../config/backup";
import { ManagedPolicy, managedPolicyArn, Partition } from "../arns";
import type { PolicyDocument } from "../policies/document";
import { backupRolePolicies, backupServiceTrustPolicy } from "../policies/service-role";
import type { VaultDefinitionInput } from "../vault-definition";
import type { MemberRole, MemberVault } from "./member-deployments";

export interface MemberSettings {
    /** The account id, or `${AWS::AccountId}` in a StackSet template. */
    accountId: string;
    partition: Partition;
    breakGlassRoleArn: string;
    /** The role that deploys the account's vaults (an ARN pattern for StackSets). */
    deployRoleArn: string;
    lock?: VaultLockConfig;
    organizationId?: string;
    /** Other accounts its plans copy into: they may copy back for a restore. */
    copyTargetAccounts: string[];
    retain: boolean;
}

/** The vault a member account's effective policy names, with the account-level vault's protections. */
export function memberVaultInput(member: MemberSettings, vault: MemberVault): VaultDefinitionInput {
    return {
        vaultName: vault.name,
        accountId: member.accountId,
        region: vault.region,
        partition: member.partition,
        breakGlassRoleArn: member.breakGlassRoleArn,
        deployRoleArn: member.deployRoleArn,
        organizationId: member.organizationId,
        // The accounts its plans copy to; a restore from there starts with a copy back into this account.
        copyPeers: member.copyTargetAccounts.length > 0 ? { accounts: member.copyTargetAccounts } : undefined,
        lock: member.lock,
        retain: member.retain,
    };
}

export interface RoleDefinition {
    /** Exactly the name after `role/` in the policy's `iam_role_arn`: AWS resolves `$account` in that ARN per account. */
    roleName: string;
    path: string;
    description: string;
    trustPolicy: PolicyDocument;
    managedPolicies: ManagedPolicy[];
    managedPolicyArns: string[];
}

export function memberRoleDefinition(role: MemberRole, partition: Partition): RoleDefinition {
    // Tag selections can pick any resource type, S3 buckets included.
    const managedPolicies = backupRolePolicies({ s3: true });
    return {
        roleName: role.name,
        path: role.path,
        description: `gatevault: AWS Backup role named by the organization backup policies (iam_role_arn ...:role/${role.ref})`,
        trustPolicy: backupServiceTrustPolicy(),
        managedPolicies,
        managedPolicyArns: managedPolicies.map((p) => managedPolicyArn(partition, p)),
    };
}
