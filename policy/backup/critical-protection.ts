// backup-critical-protected: in a production stack, every kind of backup-critical resource in
// PROD_GUARDS (packages/aws-model/backup/protection.ts, the table the components set their options from)
// is found here and must carry its guard. CrossGuard shows a policy `protect` and not
// `retainOnDelete`, so a kind whose guard protects is flagged when unprotected; retainOnDelete is
// held to the table on the offline plan's recorded options (tests/policy/backup-critical-protection.test.ts).
//
// A StackSet needs more than Pulumi's options. `protect` makes Pulumi refuse to delete or replace
// it, but what a deletion does in AWS is set on the resource, and CloudFormation deletes the
// stacks in the member accounts (their backup roles; the vaults and keys in them carry
// DeletionPolicy Retain) unless told otherwise:
// - StackSetInstance `retainStack` (default false): the provider deletes an instance with
//   DeleteStackInstances `RetainStacks: retain_stack` (hashicorp/terraform-provider-aws
//   internal/service/cloudformation/stack_set_instance.go, resourceStackSetInstanceDelete), and
//   RetainStacks "Removes the stack instances from the specified stack set, but doesn't delete the
//   stacks" (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStackInstances.html).
//   It has to be in the state before the deployment that deletes the instance (@pulumi/aws
//   cloudformation/stackSetInstance.d.ts), so it is checked from the start rather than set when
//   deleting.
// - StackSet `autoDeployment.retainStacksOnAccountRemoval` (provider stack_set.go
//   auto_deployment.retain_stacks_on_account_removal): with `Enabled`, "If an account is removed
//   from a target organization or OU, StackSets deletes stack instances from the account"; with
//   RetainStacksOnAccountRemoval true "stack resources are retained", false "stack resources are
//   deleted" (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_AutoDeployment.html).
//   No protect option covers that: it is not a Pulumi deletion at all.

import * as aws from "../common/aws-types";
import type { PolicyResource } from "@pulumi/policy";
import { GuardedKind, PROD_GUARDS } from "@gatevault/aws-model/backup/protection";
import { dependsThrough, ofClass } from "../common/links";
import type { GatevaultStackPolicy } from "../types";

interface Config {
    production: boolean;
}

/** The component that owns the StackSets deploying member-account vaults (components/backup/org-policy/stack-set/component.ts). */
export const MEMBER_STACK_SET_COMPONENT = "gatevault:backup:MemberStackSet";

/** The report bucket's settings: each keeps it private, encrypted, versioned or TLS-only. */
const REPORT_BUCKET_SETTINGS = [aws.s3.BucketOwnershipControls, aws.s3.BucketPublicAccessBlock, aws.s3.BucketServerSideEncryptionConfiguration, aws.s3.BucketVersioning, aws.s3.BucketPolicy];

/**
 * The backup-critical resources of a stack, by kind. Every kind of PROD_GUARDS has an entry (the
 * return type requires it, so a kind added to the table does not compile until it is found here).
 * Vaults, vault policies, locks, plans, frameworks and report plans by type; the rest through
 * what refers to them or owns them: a vault's key (its kmsKeyArn), a report plan's bucket (its
 * reportDeliveryChannel) and that bucket's settings (their bucket), an Organizations policy of
 * type BACKUP_POLICY and its attachments (their policyId), the StackSets of a MemberStackSet
 * component and their instances (their stackSetName).
 */
export function criticalResources(resources: readonly PolicyResource[]): Record<GuardedKind, PolicyResource[]> {
    const vaults = ofClass(resources, aws.backup.Vault);
    const reportPlans = ofClass(resources, aws.backup.ReportPlan);
    const reportBuckets = ofClass(resources, aws.s3.Bucket).filter((b) => reportPlans.some((p) => dependsThrough(p, "reportDeliveryChannel", b)));
    const backupPolicies = ofClass(resources, aws.organizations.Policy).filter((p) => p.props.type === "BACKUP_POLICY");
    const memberStackSets = ofClass(resources, aws.cloudformation.StackSet).filter((s) => s.parent?.type === MEMBER_STACK_SET_COMPONENT);
    return {
        vault: vaults,
        vaultKey: ofClass(resources, aws.kms.Key).filter((k) => vaults.some((v) => dependsThrough(v, "kmsKeyArn", k))),
        vaultPolicy: ofClass(resources, aws.backup.VaultPolicy),
        vaultLock: ofClass(resources, aws.backup.VaultLockConfiguration),
        backupPlan: ofClass(resources, aws.backup.Plan),
        orgBackupPolicy: backupPolicies,
        orgBackupPolicyAttachment: ofClass(resources, aws.organizations.PolicyAttachment).filter((a) => backupPolicies.some((p) => dependsThrough(a, "policyId", p))),
        memberStackSet: memberStackSets,
        memberStackSetInstance: ofClass(resources, aws.cloudformation.StackSetInstance).filter((i) => memberStackSets.some((s) => dependsThrough(i, "stackSetName", s))),
        auditFramework: ofClass(resources, aws.backup.Framework),
        reportPlan: reportPlans,
        reportBucket: reportBuckets,
        reportBucketSettings: REPORT_BUCKET_SETTINGS.flatMap((cls) => ofClass(resources, cls)).filter((r) => reportBuckets.some((b) => dependsThrough(r, "bucket", b))),
    };
}

/** What a kind must set on the resource itself so that a deletion in AWS keeps what it deployed (see the header); a message when it does not. */
const KEPT_IN_AWS: Partial<Record<GuardedKind, (r: PolicyResource) => string | undefined>> = {
    memberStackSet: (r) => {
        const auto = (r.props as aws.StackSetArgs).autoDeployment;
        return auto?.enabled && auto.retainStacksOnAccountRemoval !== true
            ? "does not retain stacks when an account leaves its OU (autoDeployment.retainStacksOnAccountRemoval is not true): CloudFormation deletes that account's backup roles"
            : undefined;
    },
    memberStackSetInstance: (r) =>
        (r.props as aws.StackSetInstanceArgs).retainStack !== true
            ? "does not retain its stacks (retainStack is not true): deleting or replacing it deletes the backup roles in every account of its OU"
            : undefined,
};

export const criticalProtection: GatevaultStackPolicy = {
    name: "backup-critical-protected",
    description: "In a production stack, backup-critical resources are protected from deletion.",
    severity: "high",
    controls: [],
    remediationSteps:
        "Give the resource `protect: true` (and `retainOnDelete: true` where its loss loses data or evidence: vaults, vault keys and policies, " +
        "the audit framework, the report bucket and its settings). Member-account StackSets also keep their stacks in AWS: `retainStack: true` " +
        "on each StackSetInstance and `autoDeployment.retainStacksOnAccountRemoval: true` on the StackSet. gatevault's components do all this " +
        "when gatevault:environment is prod. A vault lock is retained rather than protected, because the provider replaces it to change it, " +
        "and is not checked here.",
    configSchema: {
        properties: {
            production: {
                type: "boolean",
                default: false,
                description: "The stack is production: its vaults, keys, plans, organisation backup policies, member-account StackSets and audit evidence must be protected.",
            },
        },
    },
    validateStack: (args, report) => {
        if (!args.getConfig<Config>().production) return;
        const found = criticalResources(args.resources);
        for (const kind of Object.keys(PROD_GUARDS) as GuardedKind[]) {
            const guard = PROD_GUARDS[kind];
            for (const resource of found[kind]) {
                const what = `${resource.type.split(":").pop()} ${resource.name}`;
                if (guard.protect && !resource.opts.protect) {
                    report(`${what} is not protected, in a production stack: ${guard.why}.`, resource.urn);
                }
                const notKept = KEPT_IN_AWS[kind]?.(resource);
                if (notKept) report(`${what} ${notKept}, in a production stack.`, resource.urn);
            }
        }
    },
};
