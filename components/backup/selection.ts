// Which resources a plan backs up, as `aws.backup.Selection` inputs. Tag tiers use
// `conditions`, where every entry must match: a `selectionTags` list would match resources
// carrying ANY of its tags, so `Backup=Daily` plus `Environment=prod` would also pick up
// every prod resource of any tier.

import type { PlanConfig, SelectionConfig } from "../config/backup";
import { resourceSelectionName, tierSelectionName } from "./names";

export interface TagCondition {
    key: string;
    value: string;
}

export interface SelectionConditions {
    stringEquals?: TagCondition[];
    stringNotEquals?: TagCondition[];
}

export interface SelectionSpec {
    /** Stable within the plan: `tier-<tier>` in lower case, or `arns`. */
    key: string;
    name: string;
    resources: string[];
    notResources: string[];
    /** One block whose entries must all match; absent when the selection has no tag conditions. */
    conditions?: SelectionConditions;
}

export function tagConditionKey(tagKey: string): string {
    return `aws:ResourceTag/${tagKey}`;
}

/** `{ Backup: "Daily" }` → `[{ key: "aws:ResourceTag/Backup", value: "Daily" }]`. */
export function tagConditions(tags: Record<string, string>): TagCondition[] {
    return Object.entries(tags).map(([key, value]) => ({ key: tagConditionKey(key), value }));
}

/** The non-empty lists, `stringEquals` first; undefined when both are empty. */
export function conditionsOf(equals: TagCondition[], notEquals: TagCondition[]): SelectionConditions | undefined {
    const conditions: SelectionConditions = {};
    if (equals.length > 0) conditions.stringEquals = equals;
    if (notEquals.length > 0) conditions.stringNotEquals = notEquals;
    return Object.keys(conditions).length > 0 ? conditions : undefined;
}

/** One selection per tier (tiers are alternatives, conditions are conjunctive), plus one for explicit ARNs. */
export function selectionSpecs(plan: Pick<PlanConfig, "name" | "selection">, tierTagKey: string): SelectionSpec[] {
    const { tiers, resources, matchTags, excludeTags, excludeResources } = plan.selection;
    const extra = tagConditions(matchTags);
    const excluded = tagConditions(excludeTags);
    const specs: SelectionSpec[] = tiers.map((tier) => ({
        key: `tier-${tier.toLowerCase()}`,
        name: tierSelectionName(plan.name, tier),
        resources: ["*"],
        notResources: [...excludeResources],
        conditions: conditionsOf([{ key: tagConditionKey(tierTagKey), value: tier }, ...extra], excluded),
    }));
    if (resources.length > 0) {
        specs.push({ key: "arns", name: resourceSelectionName(plan.name), resources: [...resources], notResources: [...excludeResources], conditions: conditionsOf(extra, excluded) });
    }
    return specs;
}

const S3_ARN = /^arn:aws[a-z-]*:s3:::/;
const ALL_S3 = /^arn:aws[a-z-]*:s3:::\*$/;

/**
 * True when the selection can reach S3 buckets, which need AWS's S3 backup and restore
 * policies on the role: tag tiers select across every service unless all of S3 is excluded.
 */
export function selectsS3(selection: Pick<SelectionConfig, "tiers" | "resources" | "excludeResources">): boolean {
    const s3Excluded = selection.excludeResources.some((arn) => ALL_S3.test(arn));
    if (s3Excluded) return false;
    return selection.tiers.length > 0 || selection.resources.some((arn) => S3_ARN.test(arn));
}
