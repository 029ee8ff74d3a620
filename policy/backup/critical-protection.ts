import * as aws from "../common/aws-types";
import type { PolicyResource } from "@pulumi/policy";
import { GuardedKind, PROD_GUARDS } from "@gatevault/aws-model/backup/protection";
import { dependsThrough, ofClass } from "../common/links";
import type { GatevaultStackPolicy } from "../types";

interface Config {
    production: boolean;
}

/**
 * The backup-critical resources of a stack and what each one is. Vaults, vault policies, plans,
 * frameworks and report plans by type; the rest through what refers to them: a vault's key
 * (its kmsKeyArn), a report plan's bucket (its reportDeliveryChannel), an Organizations policy
 * of type BACKUP_POLICY and its attachments (their policyId).
 */
function criticalResources(resources: readonly PolicyResource[]): [PolicyResource, GuardedKind][] {
    const out: [PolicyResource, GuardedKind][] = [];
    const byType = (cls: Parameters<typeof ofClass>[1], kind: GuardedKind) => ofClass(resources, cls).forEach((r) => out.push([r, kind]));
    byType(aws.backup.Vault, "vault");
    byType(aws.backup.VaultPolicy, "vaultPolicy");
    byType(aws.backup.Plan, "backupPlan");
    byType(aws.backup.Framework, "auditFramework");
    byType(aws.backup.ReportPlan, "reportPlan");
    const vaults = ofClass(resources, aws.backup.Vault);
    for (const key of ofClass(resources, aws.kms.Key)) if (vaults.some((v) => dependsThrough(v, "kmsKeyArn", key))) out.push([key, "vaultKey"]);
    const reportPlans = ofClass(resources, aws.backup.ReportPlan);
    for (const bucket of ofClass(resources, aws.s3.Bucket)) if (reportPlans.some((p) => dependsThrough(p, "reportDeliveryChannel", bucket))) out.push([bucket, "reportBucket"]);
    const backupPolicies = ofClass(resources, aws.organizations.Policy).filter((p) => p.props.type === "BACKUP_POLICY");
    backupPolicies.forEach((p) => out.push([p, "orgBackupPolicy"]));
    for (const a of ofClass(resources, aws.organizations.PolicyAttachment)) if (backupPolicies.some((p) => dependsThrough(a, "policyId", p))) out.push([a, "orgBackupPolicyAttachment"]);
    return out;
}

export const criticalProtection: GatevaultStackPolicy = {
    name: "backup-critical-protected",
    description: "In a production stack, backup-critical resources are protected from deletion.",
    severity: "high",
    controls: [],
    remediationSteps:
        "Give the resource `protect: true` (and `retainOnDelete: true` where its loss loses data or evidence: vaults, vault keys and policies, " +
        "the audit framework and report bucket). gatevault's components do this when gatevault:environment is prod. A vault lock is retained " +
        "rather than protected, because the provider replaces it to change it, and is not checked here.",
    configSchema: {
        properties: {
            production: {
                type: "boolean",
                default: false,
                description: "The stack is production: its vaults, keys, plans, organisation backup policies and audit evidence must be protected.",
            },
        },
    },
    validateStack: (args, report) => {
        if (!args.getConfig<Config>().production) return;
        for (const [resource, kind] of criticalResources(args.resources)) {
            const guard = PROD_GUARDS[kind];
            if (guard.protect && !resource.opts.protect) {
                report(`${resource.type.split(":").pop()} ${resource.name} is not protected, in a production stack: ${guard.why}.`, resource.urn);
            }
        }
    },
};
