// What the organization itself must be like before this stack's backup policies can work,
// checked at preview time against the organization as the management (or delegated
// administrator) account reads it (`aws.organizations.getOrganization`):
// - BACKUP_POLICY enabled on the root: "You can't attach a policy of a type that isn't enabled
//   in the root" - attaching one fails with PolicyTypeNotEnabledException (AWS Organizations
//   User Guide, enable-policy-type.html; API Reference, API_AttachPolicy.html).
// The data source lists roots and policy types only for the management account or a delegated
// administrator; for other callers it leaves them empty
// (hashicorp/terraform-provider-aws internal/service/organizations/organization_data_source.go),
// which is reported as a problem too: the check cannot be made, and the attachment would fail.
//
// gatevault does not enable the policy type itself: the organization (aws.organizations.
// Organization, `enabledPolicyTypes`) is one resource owned by whoever created the organization
// (a landing zone, or its own stack); two stacks managing it would undo each other's policy
// types, and deleting it from this stack would delete the organization.

import type { ConfigProblem } from "../../config/errors";
import { formatKeyPath } from "../../config/errors";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";

/** The fields of `aws.organizations.getOrganization` the checks read. */
export interface OrganizationView {
    id: string;
    masterAccountId: string;
    roots: { id: string; policyTypes: { type: string; status: string }[] }[];
}

const at = (...path: (string | number)[]) => formatKeyPath(["orgBackupPolicies", ...path]);

export function backupPolicyTypeProblems(org: OrganizationView, config: Pick<OrgBackupPoliciesConfig, "administratorRoleArn" | "organization">): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    const rootId = config.organization.rootId;
    const enable = `enable it once from the management account: aws organizations enable-policy-type --root-id ${rootId} --policy-type BACKUP_POLICY (or add BACKUP_POLICY to enabledPolicyTypes where the organization itself is managed)`;
    const [root] = org.roots;
    if (!root) {
        out.push({
            path: at("administratorRoleArn"),
            message:
                `cannot list the organization's roots: ${config.administratorRoleArn} must be a role in the management account (${org.masterAccountId}) ` +
                `or in a delegated administrator allowed organizations:ListRoots and organizations:ListAccounts, so that the plan can check BACKUP_POLICY is enabled`,
        });
        return out;
    }
    const backup = root.policyTypes.find((p) => p.type === "BACKUP_POLICY");
    if (backup?.status !== "ENABLED") {
        const state = backup ? `is ${backup.status}` : "is not enabled";
        out.push({
            path: at("organization", "rootId"),
            message: `the BACKUP_POLICY policy type ${state} on the organization root ${root.id}, so attaching a backup policy fails (PolicyTypeNotEnabledException): ${enable}`,
        });
    }
    return out;
}

/**
 * Cross-account backup is switched on through UpdateGlobalSettings, which "returns an error if
 * the account is not an Organizations management account" (AWS Backup API Reference,
 * API_UpdateGlobalSettings.html).
 */
export function managementAccountProblems(org: Pick<OrganizationView, "masterAccountId">, managementRoleArn: string): ConfigProblem[] {
    const account = managementRoleArn.split(":")[4];
    if (account === org.masterAccountId) return [];
    return [
        {
            path: formatKeyPath(["backup", "crossAccountBackup", "managementRoleArn"]),
            message:
                `must be a role in the organization's management account ${org.masterAccountId}: AWS Backup turns on cross-account backup ` +
                `only there (UpdateGlobalSettings fails in any other account) (got account ${account})`,
        },
    ];
}
