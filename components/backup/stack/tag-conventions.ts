// An account backed up both by its own plans (gatevault:backup) and by an organisation policy
// that reaches it must select resources by one tag convention. Tag keys and values are
// case-sensitive ("Tag keys and values are case sensitive": Tagging AWS Resources User Guide,
// tagging.html), so `Backup=Daily` for one and `backup=daily` for the other misses resources
// tagged for one convention only; and a resource both select is backed up twice, by two plans
// into two vaults. Restore testing selects recovery points by tags too: tags no plan selects
// test nothing.
//
// What reaches the account: the effective policy of the stack's account when it is declared
// under organization.accounts; otherwise only the policies attached to the root are known to.

import type { JsonObject } from "@gatevault/aws-model/org-policy/json";
import { isJsonObject } from "@gatevault/aws-model/org-policy/json";
import { InheritanceState } from "@gatevault/aws-model/org-policy/effective";
import { compilePolicy } from "@gatevault/aws-model/org-policy/effective";
import type { GatevaultConfig } from "../../config";
import { OrganizationTree } from "../org-policy/organization";
import { renderBackupPolicy } from "../org-policy/render";

export interface TagSelection {
    /** For messages: `gatevault:backup plan "standard"`. */
    source: string;
    key: string;
    values: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);
const entries = (v: unknown): [string, JsonObject][] => (isJsonObject(v as JsonObject) ? Object.entries(v as JsonObject).filter((e): e is [string, JsonObject] => isJsonObject(e[1])) : []);

/** The tag selections of an effective backup policy (`plans.<p>.selections.tags.<s>`). */
export function policyTagSelections(effective: JsonObject): TagSelection[] {
    const out: TagSelection[] = [];
    for (const [planName, plan] of entries(effective.plans)) {
        for (const [name, selection] of entries(isJsonObject(plan.selections as JsonObject) ? (plan.selections as JsonObject).tags : undefined)) {
            const [key] = strings(selection.tag_key);
            if (key !== undefined) out.push({ source: `organisation policy plan "${planName}" selection "${name}"`, key, values: strings(selection.tag_value) });
        }
    }
    return out;
}

/** What reaches the stack's own account from this stack's organisation policies, when it can be known. */
export function effectiveForStackAccount(config: Pick<GatevaultConfig, "orgBackupPolicies" | "accountId">): JsonObject | undefined {
    const org = config.orgBackupPolicies;
    if (!org) return undefined;
    const tree = new OrganizationTree(org);
    if (org.organization.accounts.some((a) => a.id === config.accountId)) return tree.state(config.accountId).render();
    const atRoot = org.policies.filter((p) => p.targets.includes(org.organization.rootId));
    if (atRoot.length === 0) return undefined;
    return InheritanceState.empty().attach(atRoot.map((p) => compilePolicy(renderBackupPolicy(p)))).render();
}

function ownSelections(backup: NonNullable<GatevaultConfig["backup"]>): TagSelection[] {
    return backup.plans.filter((p) => p.selection.tiers.length > 0).map((p) => ({ source: `gatevault:backup plan "${p.name}"`, key: backup.tierTag.key, values: p.selection.tiers }));
}

const sameIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function compare(own: TagSelection, other: TagSelection, account: string): string[] {
    if (!sameIgnoringCase(own.key, other.key)) return [];
    if (own.key !== other.key) {
        return [
            `account ${account}: ${own.source} selects tag key "${own.key}" and ${other.source} "${other.key}": tag keys are case-sensitive, so a resource ` +
                `tagged for one is missed by the other, and one tagged both ways is backed up twice into two vaults; use one tag convention`,
        ];
    }
    const out: string[] = [];
    const both = own.values.filter((v) => other.values.includes(v));
    if (both.length > 0) {
        out.push(
            `account ${account}: resources tagged ${both.map((v) => `${own.key}=${v}`).join(", ")} are selected by ${own.source} and by ${other.source}: ` +
                `they are backed up twice, by two plans into two vaults; select each tier in one place`,
        );
    }
    const caseOnly = own.values.filter((v) => !other.values.includes(v) && other.values.some((o) => sameIgnoringCase(o, v)));
    if (caseOnly.length > 0) {
        const theirs = other.values.filter((o) => caseOnly.some((v) => sameIgnoringCase(o, v)));
        out.push(
            `account ${account}: ${own.source} selects ${own.key}=${caseOnly.join("|")} and ${other.source} ${other.key}=${theirs.join("|")}: tag values are ` +
                `case-sensitive, so the two conventions select different resources; use one spelling`,
        );
    }
    return out;
}

export function tagConventionWarnings(config: Pick<GatevaultConfig, "backup" | "orgBackupPolicies" | "accountId">): string[] {
    const backup = config.backup;
    if (!backup) return [];
    const own = ownSelections(backup);
    const out: string[] = [];
    const effective = effectiveForStackAccount(config);
    if (effective) {
        for (const other of policyTagSelections(effective)) for (const mine of own) out.push(...compare(mine, other, config.accountId));
    }
    // Restore testing picks recovery points of resources carrying its tags: a tag no plan selects tests nothing.
    const tiers = new Set(backup.plans.flatMap((p) => p.selection.tiers));
    backup.restoreTesting?.selections.forEach((s, i) => {
        for (const [key, value] of Object.entries(s.matchTags)) {
            if (!sameIgnoringCase(key, backup.tierTag.key)) continue;
            if (key !== backup.tierTag.key || !tiers.has(value)) {
                out.push(
                    `account ${config.accountId}: gatevault:backup.restoreTesting.selections[${i}] (${s.resourceType}) matches ${key}=${value}, which no plan of ` +
                        `gatevault:backup selects (${backup.tierTag.key}=${[...tiers].join("|") || "nothing"}; tags are case-sensitive): it would test nothing`,
                );
            }
        }
    });
    return out;
}
