// Where this stack's cross-account copies start, and so where AWS Backup's cross-account
// switch must be on. `isCrossAccountBackupEnabled` is a setting of the organization's
// management account ("Returns an error if the account is not an Organizations management
// account"), per Region ("A value for isCrossAccountBackupEnabled and a Region. Example:
// update-global-settings --global-settings isCrossAccountBackupEnabled=false --region us-west-2"):
// AWS Backup API Reference, API_UpdateGlobalSettings.html. A copy job runs in the Region of the
// recovery point it copies, so the Regions that matter are those of the source vaults.

import type { GatevaultConfig } from "../../config";
import { accountOfRoleArn } from "../../shared/providers";
import { effectiveRule } from "../presets";

export interface CrossAccountCopy {
    /** Where the copy job starts. */
    region: string;
    /** What copies, for messages: `gatevault:backup plan "standard" rule "monthly"`. */
    source: string;
}

const SELF = "$account";

export function crossAccountCopies(config: Pick<GatevaultConfig, "backup" | "orgBackupPolicies" | "region" | "accountId">): CrossAccountCopy[] {
    const out: CrossAccountCopy[] = [];
    const backup = config.backup;
    if (backup) {
        const centralAccount = backup.centralVault ? accountOfRoleArn(backup.centralVault.deployRoleArn) : undefined;
        for (const plan of backup.plans) {
            for (const raw of plan.rules) {
                const rule = effectiveRule(raw);
                const crossAccount = rule.copyTo.some(
                    (c) => (c.target.kind === "central" && centralAccount !== config.accountId) || (c.target.kind === "arn" && c.target.vaultArn.split(":")[4] !== config.accountId),
                );
                if (crossAccount) out.push({ region: config.region, source: `gatevault:backup plan "${plan.name}" rule "${rule.name}"` });
            }
        }
    }
    for (const policy of config.orgBackupPolicies?.policies ?? []) {
        for (const plan of policy.plans) {
            const regions = Array.isArray(plan.regions) ? plan.regions : "append" in plan.regions ? plan.regions.append : [];
            for (const rule of plan.rules) {
                if (rule.copyActions.some((c) => c.targetVaultArn.split(":")[4] !== SELF)) {
                    for (const region of regions) out.push({ region, source: `organisation policy "${policy.name}" plan "${plan.name}" rule "${rule.name}"` });
                }
            }
        }
    }
    return out;
}

/** The Regions to switch cross-account backup on in: configured, else where copies start, else the stack's. */
export function crossAccountRegions(config: Pick<GatevaultConfig, "backup" | "orgBackupPolicies" | "region" | "accountId">): string[] {
    const configured = config.backup?.crossAccountBackup?.regions;
    if (configured) return [...new Set(configured)];
    const starts = [...new Set(crossAccountCopies(config).map((c) => c.region))].sort();
    return starts.length > 0 ? starts : [config.region];
}

/** A warning when copies cross accounts but this stack does not switch cross-account backup on. */
export function crossAccountWarning(config: Pick<GatevaultConfig, "backup" | "orgBackupPolicies" | "region" | "accountId">): string | undefined {
    if (config.backup?.crossAccountBackup) return undefined;
    const copies = crossAccountCopies(config);
    if (copies.length === 0) return undefined;
    const regions = [...new Set(copies.map((c) => c.region))].sort();
    return (
        `cross-account copies (${copies.map((c) => `${c.source} in ${c.region}`).join("; ")}) run only once cross-account backup is on in the ` +
        `organization's management account for ${regions.join(", ")}: set gatevault:backup.crossAccountBackup.managementRoleArn, or run ` +
        `"aws backup update-global-settings --global-settings isCrossAccountBackupEnabled=true --region <region>" there (docs/organisation-policies.md: prerequisites)`
    );
}
