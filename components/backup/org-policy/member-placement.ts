// Checks on member deployments that need more than `gatevault:orgBackupPolicies`: the stack's
// own account and what `gatevault:backup` creates. The program runs them before any provider
// or resource exists.

import type { GatevaultConfig } from "../../config";
import { ConfigProblem, formatKeyPath } from "../../config/errors";
import { accountOfRoleArn } from "../../shared/providers";
import { memberAccountDeployments } from "./member-deployments";

type Path = (string | number)[];

interface RoleUse {
    role: string;
    path: Path;
}

/**
 * ProviderSet makes one provider per account and region, assuming whichever role asked first;
 * two different roles for one account would leave one of them silently unused. The stack's own
 * account is reached with the stack's credentials, so roles there do not matter.
 */
function roleConflicts(config: GatevaultConfig): ConfigProblem[] {
    const uses: RoleUse[] = [];
    const central = config.backup?.centralVault;
    if (central) uses.push({ role: central.deployRoleArn, path: ["backup", "centralVault", "deployRoleArn"] });
    const management = config.backup?.crossAccountBackup?.managementRoleArn;
    if (management) uses.push({ role: management, path: ["backup", "crossAccountBackup", "managementRoleArn"] });
    const org = config.orgBackupPolicies;
    if (org) {
        uses.push({ role: org.administratorRoleArn, path: ["orgBackupPolicies", "administratorRoleArn"] });
        org.organization.accounts.forEach((a, i) => {
            if (a.deployBackupResources && a.assumeRoleArn) uses.push({ role: a.assumeRoleArn, path: ["orgBackupPolicies", "organization", "accounts", i, "assumeRoleArn"] });
        });
    }
    const first = new Map<string, RoleUse>();
    const out: ConfigProblem[] = [];
    for (const use of uses) {
        const account = accountOfRoleArn(use.role);
        if (account === config.accountId) continue;
        const earlier = first.get(account);
        if (!earlier) {
            first.set(account, use);
        } else if (earlier.role !== use.role) {
            out.push({
                path: formatKeyPath(use.path),
                message:
                    `must be ${earlier.role}, the role ${formatKeyPath(earlier.path)} already uses for account ${account}: ` +
                    `the stack reaches each account through one role (got ${use.role})`,
            });
        }
    }
    return out;
}

/** Vaults `gatevault:backup` creates, by account, region and name. */
function accountBackupVaults(config: GatevaultConfig): { account: string; region: string; name: string; path: Path }[] {
    const backup = config.backup;
    if (!backup) return [];
    const vaults = [
        { account: config.accountId, region: config.region, name: backup.vault.name, path: ["backup", "vault", "name"] },
        ...backup.copyRegions.map((c, i) => ({ account: config.accountId, region: c.region, name: c.vaultName ?? backup.vault.name, path: ["backup", "copyRegions", i] })),
    ];
    const central = backup.centralVault;
    if (central) {
        vaults.push({ account: accountOfRoleArn(central.deployRoleArn), region: central.region ?? config.region, name: central.name, path: ["backup", "centralVault", "name"] });
    }
    return vaults;
}

function vaultClashes(config: GatevaultConfig): ConfigProblem[] {
    if (!config.orgBackupPolicies) return [];
    const existing = accountBackupVaults(config);
    const out: ConfigProblem[] = [];
    for (const d of memberAccountDeployments(config.orgBackupPolicies)) {
        for (const vault of d.vaults) {
            const clash = existing.find((e) => e.account === d.accountId && e.region === vault.region && e.name === vault.name);
            if (clash) {
                out.push({
                    path: formatKeyPath(["orgBackupPolicies", "organization", "accounts", d.configIndex, "deployBackupResources"]),
                    message:
                        `cannot deploy vault "${vault.name}" in ${vault.region} of account ${d.accountId}: ${formatKeyPath(clash.path)} already creates it, ` +
                        `and a vault cannot be created twice (give the policy's vault another name)`,
                });
            }
        }
    }
    return out;
}

/**
 * In the stack's own account the member vaults are deployed with the stack's credentials, and
 * their access policies let `assumeRoleArn` change them: it must be the stack's deploy role.
 */
function ownAccountDeployer(config: GatevaultConfig): ConfigProblem[] {
    const deployRole = config.backup?.deployRoleArn;
    const org = config.orgBackupPolicies;
    if (!deployRole || !org) return [];
    return org.organization.accounts.flatMap((a, i) =>
        a.deployBackupResources && a.id === config.accountId && a.assumeRoleArn && a.assumeRoleArn !== deployRole
            ? [
                  {
                      path: formatKeyPath(["orgBackupPolicies", "organization", "accounts", i, "assumeRoleArn"]),
                      message:
                          `must be ${deployRole} (gatevault:backup.deployRoleArn): in the stack's own account the vaults are deployed with the stack's ` +
                          `credentials, and their access policies let this role change them (got ${a.assumeRoleArn})`,
                  },
              ]
            : [],
    );
}

export function memberPlacementProblems(config: GatevaultConfig): ConfigProblem[] {
    return [...roleConflicts(config), ...vaultClashes(config), ...ownAccountDeployer(config)];
}
