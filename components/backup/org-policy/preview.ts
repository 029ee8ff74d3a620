// Per OU and account of the stack config: the effective backup policy it receives from this
// stack's policies, the shortest retention in it, what it needs in the account, and which
// lower-level changes the policies' child restrictions cancel. The offline plan prints this.

import { formatJsonPath, JsonObject } from "@gatevault/aws-model/org-policy/json";
import { describeRetentionProblems, planRetentions } from "@gatevault/aws-model/org-policy/retention";
import { isConfigValidationError, parseStackConfig } from "../../config";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";
import type { ConfigSource } from "../../config/source";
import { orgBackupPolicyConfigProblems } from "./config-problems";
import { memberRequirements, MemberRequirements } from "./member-requirements";
import { OrganizationTree, OrgNodeKind } from "./organization";
import { Coverage, coverageOf } from "./stack-set/coverage";

export interface CancelledChange {
    /** Name of the OU or account the policy is attached to. */
    attachedTo: string;
    policy: string;
    path: string;
    operator: string;
    reason: string;
}

export interface TargetPreview {
    kind: Exclude<OrgNodeKind, "root">;
    id: string;
    name: string;
    /** Names from the root down to the target. */
    path: string[];
    /** This stack's policies along the path, top down, in attachment order. */
    policies: { attachedTo: string; policy: string }[];
    effective: JsonObject;
    /** Shortest retention across plans; null when there are no rules or nothing expires. */
    minimumRetentionDays: number | null;
    plans: { plan: string; minimumRetentionDays: number | null }[];
    problems: string[];
    cancelled: CancelledChange[];
    requirements: MemberRequirements;
    /** What deploys those vaults and roles: a listed account's own provider, an OU's StackSet, or nothing. */
    providedBy: Coverage;
}

export function previewOrgBackupPolicies(config: OrgBackupPoliciesConfig): TargetPreview[] {
    const tree = new OrganizationTree(config);
    return tree.members().map((node) => {
        const path = tree.path(node.id);
        const state = tree.state(node.id);
        const effective = state.render();
        const retention = planRetentions(effective);
        return {
            kind: node.kind as TargetPreview["kind"],
            id: node.id,
            name: node.name,
            path: path.map((n) => n.name),
            policies: path.flatMap((n) => tree.policiesAt(n.id).map((p) => ({ attachedTo: n.name, policy: p.name }))),
            effective,
            minimumRetentionDays: retention.minimumDays ?? null,
            plans: retention.plans.map((p) => ({ plan: p.plan, minimumRetentionDays: p.minimumDays ?? null })),
            problems: describeRetentionProblems(retention.problems),
            cancelled: state.ignored.map((c) => ({
                attachedTo: path[c.level].name,
                policy: tree.policiesAt(path[c.level].id)[c.policy].name,
                path: formatJsonPath(c.path),
                operator: c.operator,
                reason: c.reason,
            })),
            requirements: memberRequirements(effective),
            providedBy: coverageOf(config, tree, node.id),
        };
    });
}

/** The preview for a stack's config, or undefined when it has no organization backup policies, or they do not parse or break the policy rules. */
export function previewFromConfigSource(source: ConfigSource): TargetPreview[] | undefined {
    let config;
    try {
        config = parseStackConfig(source);
    } catch (err) {
        // The program reports invalid config itself; the preview only adds to a valid plan.
        if (isConfigValidationError(err)) return undefined;
        throw err;
    }
    // Previewed only from policies that follow the rules (the program reports them otherwise).
    if (!config.orgBackupPolicies || orgBackupPolicyConfigProblems(config.orgBackupPolicies).length > 0) return undefined;
    return previewOrgBackupPolicies(config.orgBackupPolicies);
}
