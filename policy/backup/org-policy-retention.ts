// Organization backup policies keep recovery points, copies included, for at least a minimum
// number of days (90 unless the stack's policy config says otherwise).
//
// It judges each BACKUP_POLICY document alone, as attached: policies attached elsewhere in the
// organization (outside this stack) can change what an account finally receives, and
// `npm run plan` shows the effective result for the OUs and accounts the config describes.

import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { effectivePolicy, PolicyDocumentError } from "@gatevault/aws-model/org-policy/effective";
import { formatJsonPath } from "@gatevault/aws-model/org-policy/json";
import { describeRetentionProblems, planRetentions, RuleRetention } from "@gatevault/aws-model/org-policy/retention";
import { minRetentionDays } from "../common/parameters";
import type { GatevaultResourcePolicy } from "../types";

function shortfalls(rule: RuleRetention, plan: string, minimum: number): string[] {
    const out: string[] = [];
    if (rule.deleteAfterDays !== undefined && rule.deleteAfterDays < minimum) {
        out.push(`plan "${plan}", rule "${rule.rule}": recovery points are deleted after ${rule.deleteAfterDays} days (< ${minimum})`);
    }
    for (const copy of rule.copies) {
        if (!copy.followsRule && copy.deleteAfterDays !== undefined && copy.deleteAfterDays < minimum) {
            out.push(`plan "${plan}", rule "${rule.rule}": copies to ${copy.targetVaultArn} are deleted after ${copy.deleteAfterDays} days (< ${minimum})`);
        }
    }
    return out;
}

/** Problems with one policy document's content, as messages. */
export function orgPolicyRetentionProblems(content: string, minimumDays: number): string[] {
    let document: unknown;
    try {
        document = JSON.parse(content);
    } catch (err) {
        return [`content is not valid JSON (${(err as Error).message}); AWS would reject it as MalformedPolicyDocument`];
    }
    let effective;
    try {
        effective = effectivePolicy([[document]]).policy;
    } catch (err) {
        if (!(err instanceof PolicyDocumentError)) throw err;
        return err.problems.map((p) => `content ${formatJsonPath(p.path)}: ${p.message}`);
    }
    const report = planRetentions(effective);
    return [...describeRetentionProblems(report.problems), ...report.plans.flatMap((p) => p.rules.flatMap((r) => shortfalls(r, p.plan, minimumDays)))];
}

export const orgPolicyRetention: GatevaultResourcePolicy = {
    name: "org-backup-policy-retention",
    description:
        "Organization backup policies must keep recovery points, including copies, for at least the minimum days (default 90). " +
        "Each BACKUP_POLICY is judged alone, as attached; inheritance from policies outside the stack is not seen.",
    severity: "high",
    controls: ["AWSConfig:backup-plan-min-frequency-and-min-retention-check", "AWSConfig:backup-recovery-point-minimum-retention-check"],
    remediationSteps:
        "Raise lifecycle.deleteAfterDays of the rule (and of each copy action's lifecycle) in gatevault:orgBackupPolicies to at least the minimum, " +
        "or remove the lifecycle to keep recovery points indefinitely.",
    configSchema: { properties: { minRetentionDays } },
    validateResource: validateResourceOfType(aws.organizations.Policy, (policy, args, report) => {
        if (policy.type !== "BACKUP_POLICY") {
            return;
        }
        const minimum = args.getConfig<{ minRetentionDays: number }>().minRetentionDays;
        // Reading `content` while it is unknown throws, which the engine reports as "can't run during preview".
        for (const problem of orgPolicyRetentionProblems(policy.content, minimum)) {
            report(problem);
        }
    }),
};
