// For every OU that opts in (`organization.units[].stackSet`), what its StackSet must create in
// each account below it: the union of what the effective policies of the OU and of every OU
// declared below it name (a StackSet that targets an OU "automatically includes any child OUs":
// AWS CloudFormation User Guide, stacksets-orgs-associate-stackset-with-org.html), and which
// listed accounts it leaves out because they get their vaults and roles through their own
// provider (`deployBackupResources`). Pure: no Pulumi imports.

import type { OrgBackupPoliciesConfig, UnitStackSetConfig } from "../../../config/org-backup-policies";
import { accountLayout, MemberRole, MemberVault } from "../member-deployments";
import { memberRequirements } from "../member-requirements";
import { OrganizationTree } from "../organization";

export interface OuStackSet {
    ouId: string;
    ouName: string;
    /** Position under `organization.units`, for key paths in messages. */
    unitIndex: number;
    settings: UnitStackSetConfig;
    /** The StackSet's name: letters, digits and hyphens, starting with a letter (stack_set.go). */
    stackSetName: string;
    /** The OU and the declared OUs below it, whose effective policies the template covers. */
    coveredUnits: string[];
    /** Vaults in every account the StackSet reaches, sorted by region and name. */
    vaults: MemberVault[];
    roles: MemberRole[];
    /** Accounts outside the OU that its plans copy into (a central backup account). */
    copyTargetAccounts: string[];
    /** Regions with vaults: one stack instance per region. */
    regions: string[];
    /** Listed accounts below the OU marked `deployBackupResources`: left out of the StackSet's targets. */
    excludedAccounts: string[];
}

const byPlace = (a: MemberVault, b: MemberVault) => `${a.region}/${a.name}`.localeCompare(`${b.region}/${b.name}`);

/** True when `id` is `ancestor` or lies below it in the declared tree. */
export function isUnder(tree: OrganizationTree, id: string, ancestor: string): boolean {
    return tree.path(id).some((n) => n.id === ancestor);
}

const layouts = new WeakMap<OrgBackupPoliciesConfig, OuStackSet[]>();

/** The StackSets the config asks for, in `organization.units` order. Shared between callers: do not mutate. */
export function ouStackSets(config: OrgBackupPoliciesConfig): OuStackSet[] {
    const cached = layouts.get(config);
    if (cached) return cached;
    const tree = new OrganizationTree(config);
    const { units, accounts } = config.organization;
    const out = units.flatMap((unit, unitIndex): OuStackSet[] => {
        if (!unit.stackSet) return [];
        const coveredUnits = units.filter((u) => isUnder(tree, u.id, unit.id)).map((u) => u.id);
        const vaults = new Map<string, MemberVault>();
        const roles = new Map<string, MemberRole>();
        const copyTargets = new Set<string>();
        for (const id of coveredUnits) {
            const layout = accountLayout("$account", memberRequirements(tree.state(id).render()));
            layout.vaults.forEach((v) => vaults.set(`${v.region}/${v.name}`, v));
            layout.roles.forEach((r) => roles.set(r.ref, r));
            layout.copyTargetAccounts.forEach((a) => copyTargets.add(a));
        }
        const sortedVaults = [...vaults.values()].sort(byPlace);
        return [
            {
                ouId: unit.id,
                ouName: unit.name,
                unitIndex,
                settings: unit.stackSet,
                stackSetName: `gatevault-backup-${unit.id}`,
                coveredUnits,
                vaults: sortedVaults,
                roles: [...roles.values()].sort((a, b) => a.ref.localeCompare(b.ref)),
                copyTargetAccounts: [...copyTargets].sort(),
                regions: [...new Set(sortedVaults.map((v) => v.region))],
                excludedAccounts: accounts.filter((a) => a.deployBackupResources && isUnder(tree, a.id, unit.id)).map((a) => a.id),
            },
        ];
    });
    layouts.set(config, out);
    return out;
}

/** The StackSet that reaches an account or OU (the nearest opted-in OU above it), if any. */
export function stackSetFor(config: OrgBackupPoliciesConfig, tree: OrganizationTree, id: string): OuStackSet | undefined {
    const path = tree.path(id);
    for (let i = path.length - 1; i >= 0; i--) {
        const found = ouStackSets(config).find((s) => s.ouId === path[i].id);
        if (found) return found;
    }
    return undefined;
}
