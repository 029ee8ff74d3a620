// What would stop gatevault from deploying a marked member account's vaults and roles, found
// from the account's effective policy before anything is registered: a vault region no
// provider can reach with the account's role, a role name IAM rejects, a retention the
// account's vault lock makes AWS Backup refuse, and copies to other accounts without the
// organization to share the vault keys with. Paths are relative to `gatevault:orgBackupPolicies`.

import { Region } from "@pulumi/aws/types/enums";
import { planRetentions, RetentionReport } from "@gatevault/aws-model/org-policy/retention";
import type { VaultLockConfig } from "../../config/backup";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";
import { partitionOf } from "../arns";
import { retentionUnderLock } from "../validation/lock-problems";
import { memberAccountDeployments, MemberAccountDeployment } from "./member-deployments";
import type { PolicyConfigProblem } from "./validate";

/** Regions the installed AWS provider accepts; it refuses to configure any other. */
const PROVIDER_REGIONS: ReadonlySet<string> = new Set(Object.values(Region));

/**
 * IAM role names: 1-64 characters (the path is separate): hashicorp/terraform-provider-aws
 * internal/service/iam/role.go, `name` validated by validResourceName(64) (internal/service/iam/validate.go).
 */
export const MAX_ROLE_NAME = 64;

function regionProblems(d: MemberAccountDeployment): string[] {
    const regions = [...new Set(d.vaults.map((v) => v.region))];
    return unreachableRegions(regions, d.assumeRoleArn.split(":")[1]).map(({ region, reason }) => {
        const names = d.vaults.filter((v) => v.region === region).map((v) => `"${v.name}"`).join(", ");
        return `cannot deploy vault ${names} in region ${region}: ${reason}`;
    });
}

/**
 * Retentions the effective policy writes into an account's own vaults (rules, and copies whose
 * target `own` says is the account), each checked against the vaults' lock.
 */
export function lockRetentionProblems(lock: VaultLockConfig | undefined, effective: RetentionReport, own: (vaultArn: string) => boolean): string[] {
    if (!lock) return [];
    const out: string[] = [];
    for (const plan of effective.plans) {
        for (const rule of plan.rules) {
            const where = `plan "${plan.plan}" rule "${rule.rule}"`;
            const ruleProblem = retentionUnderLock(rule.deleteAfterDays, lock);
            if (ruleProblem) out.push(`${where} deleteAfterDays ${ruleProblem}`);
            for (const copy of rule.copies.filter((c) => own(c.targetVaultArn))) {
                const copyProblem = retentionUnderLock(copy.deleteAfterDays, lock);
                if (copyProblem) out.push(`${where} copy to ${copy.targetVaultArn}: deleteAfterDays ${copyProblem}`);
            }
        }
    }
    return out;
}

/** Regions the installed AWS provider does not know, or that lie outside the partition. */
export function unreachableRegions(regions: readonly string[], partition: string, roleName = "assumeRoleArn"): { region: string; reason: string }[] {
    return regions.flatMap((region) =>
        !PROVIDER_REGIONS.has(region)
            ? [{ region, reason: "the AWS provider does not know that region (check the effective policy's regions and copy action ARNs)" }]
            : partitionOf(region) !== partition
              ? [{ region, reason: `it is in partition ${partitionOf(region)}, and ${roleName} (partition ${partition}) cannot reach it` }]
              : [],
    );
}

export function memberDeploymentProblems(config: OrgBackupPoliciesConfig): PolicyConfigProblem[] {
    const out: PolicyConfigProblem[] = [];
    for (const d of memberAccountDeployments(config)) {
        const at = ["organization", "accounts", d.configIndex];
        const label = `account ${d.accountId} "${d.name}"`;
        for (const message of regionProblems(d)) out.push({ path: [...at, "deployBackupResources"], message: `${message} (${label})` });
        for (const role of d.roles.filter((r) => r.name.length > MAX_ROLE_NAME)) {
            out.push({
                path: [...at, "deployBackupResources"],
                message: `cannot create role "${role.ref}" that the effective policy names: IAM role names are at most ${MAX_ROLE_NAME} characters (got ${role.name.length}) (${label})`,
            });
        }
        const retentions = planRetentions(d.effective);
        const own = (arn: string) => ["$account", d.accountId].includes(arn.split(":")[4]);
        for (const message of lockRetentionProblems(d.settings.lock, retentions, own)) {
            out.push({ path: [...at, "backupResources", "lock"], message: `must accept every retention the effective policy writes into this account's vaults: ${message} (${label})` });
        }
        if (d.copyTargetAccounts.length > 0 && !config.organization.id) {
            out.push({
                path: ["organization", "id"],
                message:
                    `is required: ${label} copies to vaults in account ${d.copyTargetAccounts.join(", ")}, and cross-account copies need its vault keys ` +
                    `shared with the organization (set the organization's o-... id)`,
            });
        }
    }
    return out;
}
