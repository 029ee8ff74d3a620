// A vault's access policy: nobody but the break-glass role may delete recovery points,
// shorten their lifecycle, or change the vault's policy or lock. Recovery-point actions are
// authorized against recovery point ARNs, so the statements use `Resource: "*"` (AWS's own
// examples do the same); the policy is attached to one vault.

import { policyDocument, PolicyDocument, PolicyStatement } from "./document";

export const PROTECTED_VAULT_ACTIONS = [
    "backup:DeleteRecoveryPoint",
    "backup:UpdateRecoveryPointLifecycle",
    "backup:DisassociateRecoveryPoint",
    "backup:PutBackupVaultAccessPolicy",
    "backup:DeleteBackupVaultAccessPolicy",
    "backup:PutBackupVaultLockConfiguration",
    "backup:DeleteBackupVaultLockConfiguration",
    "backup:DeleteBackupVault",
] as const;

export interface VaultAccessPolicyInput {
    breakGlassRoleArn: string;
    /** Accept `backup:CopyIntoBackupVault` from every account in this organization (central vault). */
    acceptCopiesFromOrganization?: string;
    /** Accept copies from these account roots only (a member vault, for copies back from the central vault). */
    acceptCopiesFromAccounts?: string[];
}

export function vaultAccessPolicy(input: VaultAccessPolicyInput): PolicyDocument {
    const statements: PolicyStatement[] = [
        {
            Sid: "DenyRecoveryPointAndPolicyChangesExceptBreakGlass",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: [...PROTECTED_VAULT_ACTIONS],
            Resource: "*",
            // aws:PrincipalArn is the role ARN even for assumed-role sessions.
            Condition: { ArnNotEquals: { "aws:PrincipalArn": input.breakGlassRoleArn } },
        },
    ];
    if (input.acceptCopiesFromOrganization) {
        statements.push({
            Sid: "AllowCopiesFromOrganization",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "backup:CopyIntoBackupVault",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalOrgID": input.acceptCopiesFromOrganization } },
        });
    }
    if (input.acceptCopiesFromAccounts?.length) {
        statements.push({
            Sid: "AllowCopiesBackFromBackupAccount",
            Effect: "Allow",
            Principal: { AWS: input.acceptCopiesFromAccounts },
            Action: "backup:CopyIntoBackupVault",
            Resource: "*",
        });
    }
    return policyDocument(statements);
}
