// Each OU's StackSet as it will be deployed: the template, its body, the regions in deployment
// order and the region whose stacks create the (global) IAM roles. Pure: the program checks
// these before anything is registered, then MemberStackSet registers them.

import { ConfigProblem, formatKeyPath } from "../../../config/errors";
import type { OrgBackupPoliciesConfig } from "../../../config/org-backup-policies";
import { partitionOf } from "../../arns";
import { OuStackSet, ouStackSets } from "./layout";
import { CfnTemplate, MAX_TEMPLATE_BODY_BYTES, memberTemplate, templateBody } from "./template";

export interface StackSetDeployment {
    set: OuStackSet;
    /** Every region with vaults, the global-resources region first, then `regionOrder`, then the rest sorted. */
    regions: string[];
    roleRegion: string;
    template: CfnTemplate;
    body: string;
}

function roleRegionOf(set: OuStackSet, org: OrgBackupPoliciesConfig, stackRegion: string): string {
    const configured = org.stackSets?.globalResourcesRegion;
    if (configured) return configured;
    return set.regions.includes(stackRegion) ? stackRegion : set.regions[0];
}

export function stackSetDeployments(org: OrgBackupPoliciesConfig, stackRegion: string): StackSetDeployment[] {
    return ouStackSets(org).map((set) => {
        const roleRegion = roleRegionOf(set, org, stackRegion);
        const order = org.stackSets?.operationPreferences.regionOrder ?? [];
        const regions = [...new Set([roleRegion, ...order.filter((r) => set.regions.includes(r)), ...set.regions])];
        const template = memberTemplate({
            description: `gatevault: AWS Backup vaults and roles named by the organization backup policies of OU ${set.ouName} (${set.ouId}) and the OUs below it`,
            partition: partitionOf(roleRegion),
            vaults: set.vaults,
            roles: set.roles,
            copyTargetAccounts: set.copyTargetAccounts,
            breakGlassRoleName: set.settings.breakGlassRoleName,
            lock: set.settings.lock,
            organizationId: org.organization.id,
            roleRegion,
        });
        return { set, regions, roleRegion, template, body: templateBody(template) };
    });
}

/** What only shows once the stack's region is known: where the roles go, and the template's size. */
export function stackSetDeploymentProblems(org: OrgBackupPoliciesConfig | undefined, stackRegion: string): ConfigProblem[] {
    if (!org) return [];
    const out: ConfigProblem[] = [];
    for (const d of stackSetDeployments(org, stackRegion)) {
        const at = ["orgBackupPolicies", "organization", "units", d.set.unitIndex, "stackSet"];
        if (d.set.roles.length > 0 && !d.set.regions.includes(d.roleRegion)) {
            out.push({
                path: formatKeyPath(["orgBackupPolicies", "stackSets", "globalResourcesRegion"]),
                message: `must be a region the StackSet of OU ${d.set.ouName} deploys to (${d.set.regions.join(", ")}): its roles are created there (got ${d.roleRegion})`,
            });
        }
        const bytes = Buffer.byteLength(d.body, "utf8");
        if (bytes > MAX_TEMPLATE_BODY_BYTES) {
            out.push({
                path: formatKeyPath(at),
                message: `makes a template of ${bytes} bytes; CloudFormation accepts a StackSet TemplateBody of at most ${MAX_TEMPLATE_BODY_BYTES} bytes (fewer vaults or regions per OU, or split the OU)`,
            });
        }
    }
    return out;
}
