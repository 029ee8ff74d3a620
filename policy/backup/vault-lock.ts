import * as aws from "../common/aws-types";
import { ofClass } from "../common/links";
import { minRetentionDays } from "../common/parameters";
import type { GatevaultStackPolicy } from "../types";
import { VaultSettings, vaultLabel } from "./vault-links";

interface Config {
    minRetentionDays: number;
    requireComplianceMode: boolean;
}

export const vaultLock: GatevaultStackPolicy = {
    name: "backup-vault-lock",
    description: "Every backup vault is locked with a minimum retention of at least the required days.",
    severity: "high",
    controls: ["BackupAuditManager:BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"],
    remediationSteps:
        "Add an aws.backup.VaultLockConfiguration for the vault with minRetentionDays at least the policy config's " +
        "minRetentionDays (and maxRetentionDays, if set, no lower). With requireComplianceMode, also set changeableForDays: " +
        "after that grace period the lock cannot be removed, by anyone.",
    configSchema: {
        properties: {
            minRetentionDays,
            requireComplianceMode: {
                type: "boolean",
                default: false,
                description: "Require compliance mode (changeableForDays), which cannot be undone after its grace period.",
            },
        },
    },
    validateStack: (args, report) => {
        const config = args.getConfig<Config>();
        const locks = new VaultSettings(ofClass(args.resources, aws.backup.VaultLockConfiguration));
        for (const vault of ofClass(args.resources, aws.backup.Vault)) {
            const [lock] = locks.of(vault);
            if (!lock) {
                report(`${vaultLabel(vault)} has no vault lock, so its recovery points can be deleted before their retention ends.`, vault.urn);
                continue;
            }
            const { minRetentionDays: min, maxRetentionDays: max, changeableForDays } = lock.props;
            if (typeof min !== "number" || min < config.minRetentionDays) {
                report(`${vaultLabel(vault)}: the lock's minRetentionDays is ${min ?? "not set"}; it must be at least ${config.minRetentionDays}.`, lock.urn);
            } else if (typeof max === "number" && max < min) {
                report(`${vaultLabel(vault)}: the lock's maxRetentionDays (${max}) is below its minRetentionDays (${min}).`, lock.urn);
            }
            if (config.requireComplianceMode && changeableForDays === undefined) {
                report(`${vaultLabel(vault)}: the lock is in governance mode; compliance mode (changeableForDays) is required.`, lock.urn);
            }
        }
    },
};
