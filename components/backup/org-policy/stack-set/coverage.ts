// For any OU or account: what provides the vaults and roles its effective policy names. In
// order: a listed account marked `deployBackupResources` gets them through its own provider
// (and any StackSet above it leaves it out); an account or OU below an opted-in OU gets them
// from that OU's StackSet; otherwise nothing gatevault deploys does. The management account is
// never reached by a StackSet (API_DeploymentTargets.html); the plan only knows which account
// that is at preview time, so callers that know it say so. Pure.

import type { OrgBackupPoliciesConfig } from "../../../config/org-backup-policies";
import { memberRequirements } from "../member-requirements";
import { OrganizationTree } from "../organization";
import { stackSetFor } from "./layout";

export type Coverage =
    | { kind: "listed"; component: string }
    | { kind: "stackSet"; stackSetName: string; ouId: string; ouName: string; regions: string[] }
    | { kind: "management"; note: string }
    | { kind: "none"; note: string };

export function coverageOf(config: OrgBackupPoliciesConfig, tree: OrganizationTree, id: string, opts: { managementAccountId?: string } = {}): Coverage {
    const listed = config.organization.accounts.find((a) => a.id === id && a.deployBackupResources);
    if (listed) return { kind: "listed", component: `member-backup-${id}` };
    const set = stackSetFor(config, tree, id);
    if (set && id === opts.managementAccountId) {
        return { kind: "management", note: `StackSets never deploy to the management account: mark it deployBackupResources, or move it out of OU ${set.ouName}` };
    }
    if (set) return { kind: "stackSet", stackSetName: set.stackSetName, ouId: set.ouId, ouName: set.ouName, regions: set.regions };
    const needs = memberRequirements(tree.state(id).render());
    if (needs.vaults.length === 0 && needs.roles.length === 0) return { kind: "none", note: "nothing to provide: no policy of this stack names vaults or roles here" };
    return { kind: "none", note: "gatevault deploys nothing here: create the vaults and roles yourself, opt the OU in to a StackSet, or list the account with deployBackupResources" };
}

export function describeCoverage(c: Coverage): string {
    switch (c.kind) {
        case "listed":
            return `its own provider (${c.component}, deployBackupResources)`;
        case "stackSet":
            return `StackSet ${c.stackSetName} of OU ${c.ouName} (${c.ouId}), in ${c.regions.join(", ")}`;
        default:
            return c.note;
    }
}
