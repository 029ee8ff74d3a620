// What would make an OU's StackSet fail, or leave an account below it without what its
// effective policy needs, found from config before anything is registered. Paths are relative
// to `gatevault:orgBackupPolicies`.
//
// - StackSets reach every account below a target OU, child OUs included
//   (stacksets-orgs-associate-stackset-with-org.html): two opted-in OUs on one path would create
//   the same vaults twice in the accounts of the lower one, and the second stack would fail.
// - An account with a backup policy of its own may need vaults or roles its OU's template does
//   not create. It then takes the per-account path (`deployBackupResources`), and the StackSet
//   leaves it out (DeploymentTargets AccountFilterType DIFFERENCE: "StackSets excludes the
//   accounts specified in Accounts parameter", AWS CloudFormation API Reference,
//   API_DeploymentTargets.html). One template serves every account, and parameter overrides can
//   only change parameter values, never add resources, so an extra instance with overrides
//   cannot give one account more vaults.
// - StackSets deploy within one partition, through the administrator's role.

import { planRetentions } from "@gatevault/aws-model/org-policy/retention";
import type { OrgBackupPoliciesConfig } from "../../../config/org-backup-policies";
import { accountLayout } from "../member-deployments";
import { lockRetentionProblems, MAX_ROLE_NAME, unreachableRegions } from "../member-problems";
import { memberRequirements } from "../member-requirements";
import { OrganizationTree } from "../organization";
import type { PolicyConfigProblem } from "../validate";
import { isUnder, OuStackSet, ouStackSets } from "./layout";

type Path = (string | number)[];

/** The role the StackSets are created with: `stackSets.administratorRoleArn`, else the policies' administrator. */
export function stackSetsAdministratorRole(config: Pick<OrgBackupPoliciesConfig, "administratorRoleArn" | "stackSets">): string {
    return config.stackSets?.administratorRoleArn ?? config.administratorRoleArn;
}

function nestingProblems(config: OrgBackupPoliciesConfig, tree: OrganizationTree, sets: OuStackSet[]): PolicyConfigProblem[] {
    return sets.flatMap((inner) => {
        const outer = sets.find((s) => s !== inner && isUnder(tree, inner.ouId, s.ouId));
        if (!outer) return [];
        return [
            {
                path: ["organization", "units", inner.unitIndex, "stackSet"],
                message:
                    `must be left out: OU ${inner.ouName} (${inner.ouId}) lies under OU ${outer.ouName} (${outer.ouId}), whose StackSet already reaches ` +
                    `every account below it, child OUs included, and covers their policies; two StackSets would create the same vaults twice`,
            },
        ];
    });
}

function coverageProblems(set: OuStackSet): PolicyConfigProblem[] {
    const at: Path = ["organization", "units", set.unitIndex, "stackSet"];
    const out: PolicyConfigProblem[] = [];
    if (set.vaults.length === 0 && set.roles.length === 0) {
        out.push({ path: at, message: `has nothing to deploy: no policy of this stack reaches OU ${set.ouName} (${set.ouId}) (attach one to it or above it, or remove stackSet)` });
    }
    for (const role of set.roles.filter((r) => r.name.length > MAX_ROLE_NAME)) {
        out.push({ path: at, message: `cannot create role "${role.ref}" that the effective policy names: IAM role names are at most ${MAX_ROLE_NAME} characters (OU ${set.ouName})` });
    }
    return out;
}

/** Accounts below a StackSet OU that need more than its template and are not on the per-account path. */
function accountProblems(config: OrgBackupPoliciesConfig, tree: OrganizationTree, sets: OuStackSet[]): PolicyConfigProblem[] {
    const out: PolicyConfigProblem[] = [];
    config.organization.accounts.forEach((account, i) => {
        if (account.deployBackupResources) return;
        const set = sets.find((s) => isUnder(tree, account.id, s.ouId));
        if (!set) return;
        const needs = accountLayout(account.id, memberRequirements(tree.state(account.id).render()));
        const vaults = new Set(set.vaults.map((v) => `${v.region}/${v.name}`));
        const roles = new Set(set.roles.map((r) => r.ref));
        const missing = [
            ...needs.vaults.filter((v) => !vaults.has(`${v.region}/${v.name}`)).map((v) => `vault "${v.name}" in ${v.region}`),
            ...needs.roles.filter((r) => !roles.has(r.ref)).map((r) => `role "${r.ref}"`),
        ];
        if (missing.length === 0) return;
        out.push({
            path: ["organization", "accounts", i, "deployBackupResources"],
            message:
                `must be true: account ${account.id} "${account.name}" receives a policy of its own that names ${missing.join(", ")}, which the StackSet of ` +
                `OU ${set.ouName} does not create in every account; marked, it gets its vaults and roles through its own provider and the StackSet leaves it out`,
        });
    });
    return out;
}

function placementProblems(config: OrgBackupPoliciesConfig, tree: OrganizationTree, set: OuStackSet): PolicyConfigProblem[] {
    const at: Path = ["organization", "units", set.unitIndex, "stackSet"];
    const out: PolicyConfigProblem[] = [];
    const role = stackSetsAdministratorRole(config);
    for (const { region, reason } of unreachableRegions(set.regions, role.split(":")[1], "the StackSets administrator's role")) {
        out.push({ path: at, message: `cannot deploy to region ${region}: ${reason} (OU ${set.ouName}, through ${role})` });
    }
    const retentions = set.coveredUnits.map((id) => planRetentions(tree.state(id).render()));
    const own = (arn: string) => arn.split(":")[4] === "$account";
    for (const message of new Set(retentions.flatMap((r) => lockRetentionProblems(set.settings.lock, r, own)))) {
        out.push({ path: [...at, "lock"], message: `must accept every retention the effective policy writes into the OU's vaults: ${message} (OU ${set.ouName})` });
    }
    if (set.copyTargetAccounts.length > 0 && !config.organization.id) {
        out.push({
            path: ["organization", "id"],
            message: `is required: the accounts of OU ${set.ouName} copy to vaults in account ${set.copyTargetAccounts.join(", ")}, and cross-account copies need their vault keys shared with the organization`,
        });
    }
    return out;
}

function settingsProblems(config: OrgBackupPoliciesConfig, sets: OuStackSet[]): PolicyConfigProblem[] {
    const settings = config.stackSets;
    if (!settings) return [];
    const out: PolicyConfigProblem[] = [];
    if (sets.length === 0) {
        out.push({ path: ["stackSets"], message: "must be left out unless an OU under organization.units has stackSet: no StackSet is created" });
    }
    const regions = new Set(sets.flatMap((s) => s.regions));
    settings.operationPreferences.regionOrder?.forEach((region, i) => {
        if (!regions.has(region)) {
            out.push({ path: ["stackSets", "operationPreferences", "regionOrder", i], message: `must be a region the StackSets deploy to (${[...regions].join(", ") || "none"}) (got ${region})` });
        }
    });
    return out;
}

export function stackSetProblems(config: OrgBackupPoliciesConfig): PolicyConfigProblem[] {
    const sets = ouStackSets(config);
    if (sets.length === 0) return settingsProblems(config, sets);
    const tree = new OrganizationTree(config);
    return [
        ...settingsProblems(config, sets),
        ...nestingProblems(config, tree, sets),
        ...sets.flatMap((s) => [...coverageProblems(s), ...placementProblems(config, tree, s)]),
        ...accountProblems(config, tree, sets),
    ];
}
