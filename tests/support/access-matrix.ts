// The allow/deny matrix of a vault and its key (principal x action), evaluated with the IAM
// evaluator (components/shared/iam) over generated policy documents, and the prod tables the
// threat model (components/backup/policies/THREAT-MODEL.md) sets, cell by cell. Shared by the
// matrix over the shipped plans and the one over the StackSet template.

import { AccessRequest, Decision, evaluateAccess, PrincipalRef } from "../../components/shared/iam";
import type { PlanResult } from "../../tools/plan/index";

export const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
export const ORG = "o-a1b2c3d4e5";
const OTHER_ORG_ACCOUNT = "777777777777";
export const OUTSIDER = "888888888888";

/** A: allowed; X: explicitly denied (no IAM policy can allow it); -: not allowed (nothing grants it). */
type Cell = "A" | "X" | "-";
const CELL: Record<Decision, Cell> = { allow: "A", "explicit-deny": "X", "implicit-deny": "-" };

export interface Vault {
    name: string;
    arn: string;
    account: string;
    region: string;
    vaultPolicy: string;
    keyPolicy: string;
}

export function vaultsOf(plan: PlanResult): Vault[] {
    return plan.resources
        .filter((r) => r.type === "aws:backup/vault:Vault")
        .map((v) => {
            const base = v.name.replace(/-vault$/, "");
            const input = (type: string, name: string, key: string) => String(plan.resources.find((r) => r.type === type && r.name === name)!.inputs[key]);
            const arn = String(v.record.wireOutputs?.arn);
            const [, , , region, account] = arn.split(":");
            return {
                name: base,
                arn,
                account,
                region,
                vaultPolicy: input("aws:backup/vaultPolicy:VaultPolicy", `${base}-policy`, "policy"),
                keyPolicy: input("aws:kms/key:Key", `${base}-key`, "policy"),
            };
        });
}

type Who = "break-glass" | "deployer" | "admin" | "copy peer" | "org account" | "outsider";
const WHO: Who[] = ["break-glass", "deployer", "admin", "copy peer", "org account", "outsider"];

export interface Principals {
    breakGlass: string;
    deployer: string;
    /** The account that copies with this vault. */
    peer: string;
}

function principal(who: Who, vault: Vault, p: Principals): { principal: PrincipalRef; principalOrgId?: string } {
    const role = (arn: string) => ({ kind: "role" as const, arn });
    switch (who) {
        case "break-glass":
            return { principal: role(p.breakGlass), principalOrgId: ORG };
        case "deployer":
            return { principal: role(p.deployer), principalOrgId: ORG };
        case "admin":
            return { principal: role(`arn:aws:iam::${vault.account}:role/Administrator`), principalOrgId: ORG };
        case "copy peer":
            return { principal: role(`arn:aws:iam::${p.peer}:role/gatevault-backup`), principalOrgId: ORG };
        case "org account":
            return { principal: role(`arn:aws:iam::${OTHER_ORG_ACCOUNT}:role/Administrator`), principalOrgId: ORG };
        case "outsider":
            return { principal: role(`arn:aws:iam::${OUTSIDER}:role/Administrator`), principalOrgId: "o-zzzzzzzzzz" };
    }
}

const recoveryPoint = (v: Vault) => `arn:aws:backup:${v.region}:${v.account}:recovery-point:0a1b2c3d-0000-4000-8000-000000000000`;

/** action → resource it is authorized on (the vault or one of its recovery points). */
const VAULT_ACTIONS: [string, (v: Vault) => string][] = [
    ["backup:DeleteRecoveryPoint", recoveryPoint],
    ["backup:UpdateRecoveryPointLifecycle", recoveryPoint],
    ["backup:DisassociateRecoveryPoint", recoveryPoint],
    ["backup:PutBackupVaultAccessPolicy", (v) => v.arn],
    ["backup:DeleteBackupVaultAccessPolicy", (v) => v.arn],
    ["backup:PutBackupVaultLockConfiguration", (v) => v.arn],
    ["backup:DeleteBackupVaultLockConfiguration", (v) => v.arn],
    ["backup:DeleteBackupVault", (v) => v.arn],
    ["backup:PutBackupVaultNotifications", (v) => v.arn],
    ["backup:DeleteBackupVaultNotifications", (v) => v.arn],
    ["backup:StartRestoreJob", recoveryPoint],
    ["backup:CopyIntoBackupVault", (v) => v.arn],
];

export function vaultMatrix(vault: Vault, p: Principals): Record<string, string> {
    return Object.fromEntries(
        VAULT_ACTIONS.map(([action, resource]) => [
            action,
            WHO.map((who) => {
                const req: AccessRequest = { ...principal(who, vault, p), identityPolicies: [ADMIN], action, resource: resource(vault), resourceAccount: vault.account, resourcePolicy: vault.vaultPolicy };
                return CELL[evaluateAccess(req).decision];
            }).join(" "),
        ]),
    );
}

const KEY_ACTIONS: [string, Record<string, string>][] = [
    ["kms:ScheduleKeyDeletion", {}],
    ["kms:DisableKey", {}],
    ["kms:PutKeyPolicy", {}],
    ["kms:EnableKeyRotation", {}],
    ["kms:Decrypt via AWS Backup", { via: "backup" }],
    ["kms:CreateGrant via AWS Backup", { via: "backup", grant: "true" }],
    ["kms:Decrypt", {}],
];

export function keyMatrix(vault: Vault, p: Principals): Record<string, string> {
    return Object.fromEntries(
        KEY_ACTIONS.map(([label, how]) => [
            label,
            WHO.map((who) => {
                const caller = principal(who, vault, p);
                const callerAccount = caller.principal.kind === "role" ? caller.principal.arn.split(":")[4] : undefined;
                const context: Record<string, string | undefined> = { "kms:CallerAccount": callerAccount };
                if (how.via) context["kms:ViaService"] = `backup.${vault.region}.amazonaws.com`;
                if (how.grant) context["kms:GrantIsForAWSResource"] = how.grant;
                const req: AccessRequest = {
                    ...caller,
                    identityPolicies: [ADMIN],
                    action: label.split(" ")[0],
                    resource: `arn:aws:kms:${vault.region}:${vault.account}:key/0a1b2c3d-0000-4000-8000-000000000000`,
                    resourceAccount: vault.account,
                    resourcePolicy: vault.keyPolicy,
                    resourcePolicyRequired: true,
                    context,
                };
                return CELL[evaluateAccess(req).decision];
            }).join(" "),
        ]),
    );
}

//                                            break-glass deployer admin peer org outsider
export const PROD_VAULT: Record<string, string> = {
    "backup:DeleteRecoveryPoint": /*                */ "A X X X X X",
    "backup:UpdateRecoveryPointLifecycle": /*       */ "A X X X X X",
    "backup:DisassociateRecoveryPoint": /*          */ "A X X X X X",
    "backup:PutBackupVaultAccessPolicy": /*         */ "A A X X X X",
    "backup:DeleteBackupVaultAccessPolicy": /*      */ "A X X X X X",
    "backup:PutBackupVaultLockConfiguration": /*    */ "A A X X X X",
    "backup:DeleteBackupVaultLockConfiguration": /* */ "A X X X X X",
    "backup:DeleteBackupVault": /*                  */ "A X X X X X",
    "backup:PutBackupVaultNotifications": /*        */ "A A A - - -",
    "backup:DeleteBackupVaultNotifications": /*     */ "A A A - - -",
    "backup:StartRestoreJob": /*                    */ "A A A - - -",
    "backup:CopyIntoBackupVault": /*                */ "A A A A - -",
};

export const PROD_KEY: Record<string, string> = {
    "kms:ScheduleKeyDeletion": /*        */ "A X X X X X",
    "kms:DisableKey": /*                 */ "A X X X X X",
    "kms:PutKeyPolicy": /*               */ "A A X X X X",
    "kms:EnableKeyRotation": /*          */ "A A A - - -",
    "kms:Decrypt via AWS Backup": /*     */ "A A A A - -",
    "kms:CreateGrant via AWS Backup": /* */ "A A A A - -",
    "kms:Decrypt": /*                    */ "- - - - - -",
};

