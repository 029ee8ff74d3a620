// The organization's tree as `tools/org-tree/export.sh` exports it with the AWS CLI, so that it
// does not have to be typed into config: the root (`aws organizations list-roots`) and, for the
// root and every OU, the CLI's answers to `list-organizational-units-for-parent` and
// `list-accounts-for-parent` (AWS Organizations API Reference, API_ListRoots.html,
// API_ListOrganizationalUnitsForParent.html, API_ListAccountsForParent.html: `Roots[].Id`,
// `OrganizationalUnits[].{Id, Name}`, `Accounts[].{Id, Name, Status}`). Pure: the caller reads the file.

import { formatJsonPath, isJsonObject } from "@gatevault/aws-model/org-policy/json";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";

export interface ExportedTree {
    rootId: string;
    units: { id: string; name: string; parentId: string }[];
    accounts: { id: string; name: string; parentId: string; status?: string }[];
}

type Problems = string[];

function list(value: unknown, key: string, at: (string | number)[], problems: Problems): Record<string, unknown>[] {
    const items = isJsonObject(value as never) ? (value as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(items)) {
        problems.push(`${formatJsonPath([...at, key])}: must be a list (the CLI's answer, unchanged)`);
        return [];
    }
    return items.filter((item, i) => {
        const ok = isJsonObject(item as never) && typeof (item as Record<string, unknown>).Id === "string";
        if (!ok) problems.push(`${formatJsonPath([...at, key, i])}: must be an object with an Id`);
        return ok;
    }) as Record<string, unknown>[];
}

/** The tree in the file, or the problems that make it unusable (each with its JSON path). */
export function parseExportedTree(document: unknown): { tree?: ExportedTree; problems: string[] } {
    const problems: Problems = [];
    if (!isJsonObject(document as never)) return { problems: ["$: must be the object tools/org-tree/export.sh writes"] };
    const doc = document as Record<string, unknown>;
    const [root] = list(doc.roots, "Roots", ["roots"], problems);
    if (!root && problems.length === 0) problems.push("$.roots.Roots: lists no root");
    if (!isJsonObject(doc.children as never)) problems.push("$.children: must map each parent id to its OUs and accounts");
    if (problems.length > 0 || !root) return { problems };
    const tree: ExportedTree = { rootId: String(root.Id), units: [], accounts: [] };
    for (const [parentId, children] of Object.entries(doc.children as Record<string, unknown>)) {
        const at = ["children", parentId];
        for (const ou of list((children as Record<string, unknown>)?.organizationalUnits, "OrganizationalUnits", [...at, "organizationalUnits"], problems)) {
            tree.units.push({ id: String(ou.Id), name: String(ou.Name ?? ou.Id), parentId });
        }
        for (const account of list((children as Record<string, unknown>)?.accounts, "Accounts", [...at, "accounts"], problems)) {
            tree.accounts.push({ id: String(account.Id), name: String(account.Name ?? account.Id), parentId, status: account.Status as string | undefined });
        }
    }
    return problems.length > 0 ? { problems } : { tree, problems };
}

/**
 * The config's organization completed with the exported tree: OUs and accounts it does not
 * declare are added (plain, nothing deployed into them); declared ones must sit where the tree
 * says, or the config is stale.
 */
export function withExportedTree(config: OrgBackupPoliciesConfig, tree: ExportedTree): { config: OrgBackupPoliciesConfig; problems: string[] } {
    const problems: string[] = [];
    const org = config.organization;
    if (org.rootId !== tree.rootId) problems.push(`organization.rootId is ${org.rootId}, but the exported tree's root is ${tree.rootId}`);
    const parents = new Map([...tree.units, ...tree.accounts].map((n) => [n.id, n.parentId]));
    for (const [kind, nodes] of [["units", org.units], ["accounts", org.accounts]] as const) {
        nodes.forEach((node: { id: string; parentId: string }, i: number) => {
            const actual = parents.get(node.id);
            if (actual !== undefined && actual !== node.parentId) {
                problems.push(`organization.${kind}[${i}].parentId is ${node.parentId}, but in the exported tree ${node.id} sits under ${actual}`);
            }
        });
    }
    const declared = new Set([...org.units, ...org.accounts].map((n) => n.id));
    const units = [...org.units, ...tree.units.filter((u) => !declared.has(u.id))];
    const accounts = [...org.accounts, ...tree.accounts.filter((a) => !declared.has(a.id)).map((a) => ({ id: a.id, name: a.name, parentId: a.parentId, deployBackupResources: false }))];
    return { config: { ...config, organization: { ...org, units, accounts } }, problems };
}
