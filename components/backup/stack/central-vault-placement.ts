// A central copy vault isolates copies from the accounts they come from: "use a cross-account
// backup if you want to securely copy your backups to one or more AWS accounts ... for
// operational or security reasons" (AWS Backup Developer Guide, create-cross-account-backup.html).
// An account that this stack's organisation policies also back up runs workloads (and their
// backup roles and plans), which weakens that isolation: warn, and name the fix.

import type { GatevaultConfig } from "../../config";
import { OrganizationTree } from "../org-policy/organization";
import { accountOfRoleArn } from "../../shared/providers";

export function centralVaultPlacementWarnings(config: Pick<GatevaultConfig, "backup" | "orgBackupPolicies">): string[] {
    const central = config.backup?.centralVault;
    const org = config.orgBackupPolicies;
    if (!central || !org) return [];
    const account = accountOfRoleArn(central.deployRoleArn);
    const tree = new OrganizationTree(org);
    const declared = org.organization.accounts.find((a) => a.id === account);
    const reaching = declared
        ? tree.path(account).flatMap((node) => tree.policiesAt(node.id).map((p) => `"${p.name}" (attached to ${node.name})`))
        : org.policies.filter((p) => p.targets.includes(org.organization.rootId)).map((p) => `"${p.name}" (attached to the root)`);
    if (reaching.length === 0) {
        return declared || org.policies.every((p) => p.targets.includes(org.organization.rootId))
            ? []
            : [
                  `gatevault:backup.centralVault is in account ${account}, which is not declared under gatevault:orgBackupPolicies.organization.accounts: ` +
                      `the plan cannot tell whether this stack's organisation backup policies reach it; declare it (with its parentId)`,
              ];
    }
    return [
        `gatevault:backup.centralVault is in account ${account}, which this stack's organisation backup ${reaching.length === 1 ? "policy" : "policies"} ` +
            `${reaching.join(", ")} also ${reaching.length === 1 ? "reaches" : "reach"}: a workload account weakens the isolation a cross-account copy is for; ` +
            `put the central vault in a dedicated backup account outside the targeted OUs`,
    ];
}
