// Settings an `@@remove` can empty. A plan whose `regions` lose their last value runs nowhere,
// and a tag selection without values (or a resource selection without resource types) selects
// nothing: AWS Backup creates no backups from it, and says nothing. (`@@remove` "removes the
// specified values from the inherited list": AWS Organizations User Guide,
// policy-operators.html, "Inheritance value operators".) Reported once, at the highest OU or
// account where the setting is empty, because every node below inherits it.

import { isJsonObject, JsonObject } from "@gatevault/aws-model/org-policy/json";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";
import { OrganizationTree } from "./organization";

const entries = (v: unknown): [string, JsonObject][] => (isJsonObject(v as JsonObject) ? Object.entries(v as JsonObject).filter((e): e is [string, JsonObject] => isJsonObject(e[1])) : []);
const isEmptyList = (v: unknown) => Array.isArray(v) && v.length === 0;

/** `plan "daily": regions` and the like, for every emptied list in an effective policy. */
function emptiedSettings(effective: JsonObject): string[] {
    const out: string[] = [];
    for (const [planName, plan] of entries(effective.plans)) {
        if (isEmptyList(plan.regions)) out.push(`plan "${planName}" has no regions left: it backs up nothing`);
        const selections = isJsonObject(plan.selections as JsonObject) ? (plan.selections as JsonObject) : {};
        for (const [name, s] of entries(selections.tags)) {
            if (isEmptyList(s.tag_value)) out.push(`plan "${planName}" tag selection "${name}" has no tag values left: it selects nothing`);
        }
        for (const [name, s] of entries(selections.resources)) {
            if (isEmptyList(s.resource_types)) out.push(`plan "${planName}" resource selection "${name}" has no resource types left: it selects nothing`);
        }
    }
    return out;
}

export function emptiedSettingWarnings(config: OrgBackupPoliciesConfig): string[] {
    const tree = new OrganizationTree(config);
    const out: string[] = [];
    for (const node of tree.members()) {
        const parent = node.parentId ? new Set(emptiedSettings(tree.state(node.parentId).render())) : new Set<string>();
        for (const setting of emptiedSettings(tree.state(node.id).render())) {
            if (parent.has(setting)) continue;
            out.push(`${node.kind === "ou" ? "OU" : "account"} ${node.name} (${node.id}): ${setting} (an @@remove in this stack's policies took out every value)`);
        }
    }
    return out;
}
