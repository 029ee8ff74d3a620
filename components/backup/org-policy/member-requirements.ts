// What a member account must hold before AWS Backup can run the plans of its effective
// policy: a vault with the target name in every region of the plan, the vaults that
// same-account copy actions write to, and the IAM roles the selections name. Read from the
// effective policy, so inherited plans count too.

import { isJsonObject, JsonObject } from "@gatevault/aws-model/org-policy/json";

export interface RequiredVault {
    region: string;
    name: string;
    /** `$account` for the member account itself, or the id of another account (cross-account copies). */
    account: string;
}

export interface MemberRequirements {
    vaults: RequiredVault[];
    /** Role names (with path) that `$account` role ARNs point to in the member account. */
    roles: string[];
    /** Role ARNs in other accounts, used as written. */
    externalRoles: string[];
}

const SELF = "$account";

function strings(value: unknown): string[] {
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
    return typeof value === "string" ? [value] : [];
}

function objects(value: unknown): [string, JsonObject][] {
    return isJsonObject(value as JsonObject) ? Object.entries(value as JsonObject).filter((e): e is [string, JsonObject] => isJsonObject(e[1])) : [];
}

export function memberRequirements(effective: JsonObject): MemberRequirements {
    const vaults = new Map<string, RequiredVault>();
    const roles = new Set<string>();
    const externalRoles = new Set<string>();
    const needVault = (v: RequiredVault) => vaults.set(`${v.account}/${v.region}/${v.name}`, v);

    for (const [, plan] of objects(effective.plans)) {
        const regions = strings(plan.regions);
        for (const [, rule] of objects(plan.rules)) {
            for (const name of strings(rule.target_backup_vault_name)) {
                regions.forEach((region) => needVault({ region, name, account: SELF }));
            }
            for (const [key, action] of objects(rule.copy_actions)) {
                const arn = strings(action.target_backup_vault_arn)[0] ?? key;
                const [, , , region, account, , name] = arn.split(":");
                if (region && account && name) needVault({ region, name, account });
            }
        }
        for (const [, kind] of objects(plan.selections)) {
            for (const [, selection] of objects(kind)) {
                for (const arn of strings(selection.iam_role_arn)) {
                    const [, , , , account, resource] = arn.split(":");
                    if (account === SELF && resource?.startsWith("role/")) roles.add(resource.slice("role/".length));
                    else externalRoles.add(arn);
                }
            }
        }
    }
    const byPlace = (a: RequiredVault, b: RequiredVault) => `${a.account}/${a.region}/${a.name}`.localeCompare(`${b.account}/${b.region}/${b.name}`);
    return { vaults: [...vaults.values()].sort(byPlace), roles: [...roles].sort(), externalRoles: [...externalRoles].sort() };
}
