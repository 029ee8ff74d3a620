// What the organization must be like before the OUs' StackSets can run, checked at preview
// time against the organization as the StackSets' administrator reads it (Organizations data
// sources through its provider). Pure: the component reads the data sources, this judges them.
//
// - Trusted access: service-managed StackSets need trusted access with Organizations activated
//   from the management account (AWS CloudFormation User Guide,
//   stacksets-orgs-activate-trusted-access.html); Organizations then lists the StackSets
//   principal among the services with access (`awsServiceAccessPrincipals`).
// - callAs: SELF "while signed in to the management account", DELEGATED_ADMIN "while signed in
//   to a delegated administrator account", which "must be registered as a delegated admin in the
//   management account" (AWS CloudFormation API Reference, API_CreateStackSet.html, CallAs;
//   User Guide, stacksets-orgs-delegated-admin.html).
// - The management account: "StackSets doesn't deploy stack instances to the organization
//   management account, even if the organization management account is in your organization or
//   in an OU in your organization" (API Reference, API_DeploymentTargets.html). When it lies
//   below a StackSet OU, only the per-account path (`deployBackupResources`) can give it the
//   vaults and roles the OU's policy names. Where it lies is read as its entity path
//   (`o-.../r-.../ou-.../<account>/`, IAM User Guide, access_policies_last-accessed-view-data-orgs.html,
//   "entity path"), one read whatever the number of accounts.

import { ConfigProblem, formatKeyPath } from "../../../config/errors";
import type { OrgBackupPoliciesConfig } from "../../../config/org-backup-policies";
import type { OuStackSet } from "./layout";
import { stackSetsAdministratorRole } from "./problems";

/** The service principal of CloudFormation StackSets in Organizations (trusted access, delegated administrators). */
export const STACKSETS_SERVICE_PRINCIPAL = "member.org.stacksets.cloudformation.amazonaws.com";

/** What the Organizations data sources say, as far as the checks need it. */
export interface StackSetOrganizationView {
    masterAccountId: string;
    awsServiceAccessPrincipals: string[];
    /** Accounts registered as delegated administrators for StackSets. */
    delegatedAdministrators: string[];
    /** The management account's entity path (getEntityPath): its OUs from the root down. */
    managementAccountPath: string;
}

const at = (...path: (string | number)[]) => formatKeyPath(["orgBackupPolicies", ...path]);

export function stackSetPrerequisiteProblems(view: StackSetOrganizationView, config: OrgBackupPoliciesConfig, sets: readonly OuStackSet[]): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    const role = stackSetsAdministratorRole(config);
    const account = role.split(":")[4];
    const callAs = config.stackSets?.callAs ?? "SELF";
    if (!view.awsServiceAccessPrincipals.includes(STACKSETS_SERVICE_PRINCIPAL)) {
        out.push({
            path: at("organization", "units", sets[0].unitIndex, "stackSet"),
            message:
                `needs trusted access between CloudFormation StackSets and Organizations, which is not activated: activate it once from the management ` +
                `account (aws cloudformation activate-organizations-access), or service-managed StackSets cannot be created`,
        });
    }
    if (callAs === "SELF" && account !== view.masterAccountId) {
        const registered = view.delegatedAdministrators.includes(account);
        out.push({
            path: at("stackSets", "callAs"),
            message: registered
                ? `must be DELEGATED_ADMIN: account ${account} (of ${role}) is a delegated administrator for StackSets, not the management account ${view.masterAccountId}`
                : `is SELF, which works only from the management account ${view.masterAccountId}; ${role} is in account ${account} (use a role in the management account, or register ${account} as a delegated administrator and set DELEGATED_ADMIN)`,
        });
    }
    if (callAs === "DELEGATED_ADMIN" && !view.delegatedAdministrators.includes(account)) {
        out.push({
            path: at("stackSets", "callAs"),
            message:
                account === view.masterAccountId
                    ? `must be SELF: ${role} is in the management account ${account}`
                    : `is DELEGATED_ADMIN, but account ${account} is not registered as a delegated administrator for StackSets: register it from the management account ` +
                      `(aws organizations register-delegated-administrator --service-principal ${STACKSETS_SERVICE_PRINCIPAL} --account-id ${account})`,
        });
    }
    for (const set of sets) {
        const below = view.managementAccountPath.split("/").includes(set.ouId);
        if (below && !set.excludedAccounts.includes(view.masterAccountId)) {
            const listed = config.organization.accounts.findIndex((a) => a.id === view.masterAccountId);
            out.push({
                path: listed >= 0 ? at("organization", "accounts", listed, "deployBackupResources") : at("organization", "accounts"),
                message:
                    `the management account ${view.masterAccountId} lies below OU ${set.ouName} (${set.ouId}), and StackSets never deploy to the management account: ` +
                    `${listed >= 0 ? "set deployBackupResources: true (with assumeRoleArn and backupResources)" : `list it under organization.accounts with parentId and deployBackupResources: true`} ` +
                    `so it gets the vaults and roles of its policy through its own provider, or move it out of the OU`,
            });
        }
    }
    return out;
}
