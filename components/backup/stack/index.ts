// Backup settings and checks that belong to the stack as a whole rather than to one component:
// they read gatevault:backup and gatevault:orgBackupPolicies together. Warnings go to the plan
// (`pulumi preview` prints them too); cross-account backup is switched on in the organization's
// management account, once per Region, through its own provider.

import * as aws from "../../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GatevaultConfig } from "../../config";
import { ConfigValidationError } from "../../config/errors";
import type { ProviderSet } from "../../shared/providers";
import { emptiedSettingWarnings } from "../org-policy/emptied-settings";
import { managementAccountProblems } from "../org-policy/organization-check";
import { centralVaultPlacementWarnings } from "./central-vault-placement";
import { crossAccountRegions, crossAccountWarning } from "./cross-account";
import { tagConventionWarnings } from "./tag-conventions";

export { backupRuleProblems } from "./config-problems";
export { crossAccountCopies, crossAccountRegions, crossAccountWarning } from "./cross-account";
export { centralVaultPlacementWarnings } from "./central-vault-placement";
export { effectiveForStackAccount, policyTagSelections, tagConventionWarnings } from "./tag-conventions";

/** Every stack-level backup warning, in a fixed order. */
export function backupStackWarnings(config: GatevaultConfig): string[] {
    const cross = crossAccountWarning(config);
    return [
        ...tagConventionWarnings(config),
        ...centralVaultPlacementWarnings(config),
        ...(config.orgBackupPolicies ? emptiedSettingWarnings(config.orgBackupPolicies) : []),
        ...(cross ? [cross] : []),
    ];
}

/**
 * Logs the warnings, and creates one aws.backup.GlobalSettings per Region in the management
 * account when `gatevault:backup.crossAccountBackup` asks for it. Its provider reads the
 * organization first: a role outside the management account stops the preview with the fix.
 * (GlobalSettings' delete is a no-op in the provider, internal/service/backup/global_settings.go:
 * destroying the stack leaves cross-account backup on.)
 */
export function deployBackupStackSettings(config: GatevaultConfig, providers: ProviderSet): aws.backup.GlobalSettings[] {
    for (const warning of backupStackWarnings(config)) pulumi.log.warn(warning);
    const cross = config.backup?.crossAccountBackup;
    if (!cross) return [];
    return crossAccountRegions(config).map((region) => {
        const provider = providers.get({ assumeRoleArn: cross.managementRoleArn, region });
        const enabled = aws.organizations.getOrganizationOutput({}, { provider }).apply((org) => {
            const problems = managementAccountProblems(org, cross.managementRoleArn);
            if (problems.length > 0) throw new ConfigValidationError(problems);
            return { isCrossAccountBackupEnabled: "true" };
        });
        return new aws.backup.GlobalSettings(`backup-cross-account-${region}`, { globalSettings: enabled }, { provider });
    });
}
