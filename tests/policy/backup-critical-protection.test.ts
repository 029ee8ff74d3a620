// backup-critical-protected: in a stack whose policy config says it is production, every
// backup-critical resource is protected (packages/aws-model/backup/protection.ts is the table the
// components and this rule share). CrossGuard passes `protect` to policies, not
// `retainOnDelete`; that one is checked on the plan's recorded options below. Member-account
// StackSets must also keep their stacks in AWS when deleted:
// - a StackSetInstance's `retainStack` (provider default false) is DeleteStackInstances'
//   RetainStacks (hashicorp/terraform-provider-aws internal/service/cloudformation/stack_set_instance.go),
//   which "Removes the stack instances from the specified stack set, but doesn't delete the stacks"
//   (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStackInstances.html);
// - AutoDeployment `Enabled`: "If set to true, StackSets automatically deploys ... If an account is
//   removed from a target organization or OU, StackSets deletes stack instances from the account",
//   and RetainStacksOnAccountRemoval true retains their resources
//   (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_AutoDeployment.html).

import * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { expect } from "chai";
import { GuardedKind, PROD_GUARDS } from "@gatevault/aws-model/backup/protection";
import { criticalProtection, criticalResources, MEMBER_STACK_SET_COMPONENT } from "../../policy/backup/critical-protection";
import { evaluatePolicies, type Violation } from "../../tools/plan/evaluate";
import type { RecordedResource } from "../../tools/plan/recorder";
import { shippedPlan } from "../support/shipped-plans";
import { checkStack, dependsOn, stackResource, typeOf } from "./harness";

const protect = (r: PolicyResource) => {
    (r.opts as { protect: boolean }).protect = true;
    return r;
};

function stack(): PolicyResource[] {
    const key = stackResource(aws.kms.Key, "vault-key", { enableKeyRotation: true });
    const otherKey = stackResource(aws.kms.Key, "uploads-key", { enableKeyRotation: true });
    const vault = dependsOn(stackResource(aws.backup.Vault, "vault", { name: "primary" }), "kmsKeyArn", key);
    const bucket = stackResource(aws.s3.Bucket, "reports", {});
    const otherBucket = stackResource(aws.s3.Bucket, "uploads", {});
    const reportPlan = dependsOn(stackResource(aws.backup.ReportPlan, "jobs", { reportSetting: { reportTemplate: "BACKUP_JOB_REPORT" } }), "reportDeliveryChannel", bucket);
    const policy = stackResource(aws.organizations.Policy, "workloads", { type: "BACKUP_POLICY", content: "{}" });
    const scp = stackResource(aws.organizations.Policy, "guardrails", { type: "SERVICE_CONTROL_POLICY", content: "{}" });
    const attachment = dependsOn(stackResource(aws.organizations.PolicyAttachment, "workloads-ou", { targetId: "ou-a1b2-workload" }), "policyId", policy);
    const scpAttachment = dependsOn(stackResource(aws.organizations.PolicyAttachment, "guardrails-ou", { targetId: "ou-a1b2-workload" }), "policyId", scp);
    const memberSets = stackResource(MEMBER_STACK_SET_COMPONENT, "member-stackset-ou-a1b2-workload", {});
    const stackSet = stackResource(aws.cloudformation.StackSet, "member-stackset", { autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true } });
    stackSet.parent = memberSets;
    const otherStackSet = stackResource(aws.cloudformation.StackSet, "other-stackset", {});
    return [
        key,
        otherKey,
        vault,
        dependsOn(stackResource(aws.backup.VaultPolicy, "vault-policy", { backupVaultName: "primary" }), "backupVaultName", vault),
        dependsOn(stackResource(aws.backup.VaultLockConfiguration, "vault-lock", { backupVaultName: "primary" }), "backupVaultName", vault),
        stackResource(aws.backup.Plan, "daily", { name: "daily" }),
        stackResource(aws.backup.Framework, "audit", { controls: [] }),
        reportPlan,
        bucket,
        otherBucket,
        policy,
        scp,
        attachment,
        scpAttachment,
        dependsOn(stackResource(aws.s3.BucketVersioning, "reports-versioning", { versioningConfiguration: { status: "Enabled" } }), "bucket", bucket),
        dependsOn(stackResource(aws.s3.BucketVersioning, "uploads-versioning", { versioningConfiguration: { status: "Enabled" } }), "bucket", otherBucket),
        memberSets,
        stackSet,
        dependsOn(stackResource(aws.cloudformation.StackSetInstance, "member-stackset-eu-west-1", { retainStack: true }), "stackSetName", stackSet),
        otherStackSet,
        dependsOn(stackResource(aws.cloudformation.StackSetInstance, "other-stackset-eu-west-1", {}), "stackSetName", otherStackSet),
    ];
}

const NOT_CRITICAL = ["uploads-key", "uploads", "uploads-versioning", "guardrails", "guardrails-ou", "vault-lock", "member-stackset-ou-a1b2-workload", "other-stackset", "other-stackset-eu-west-1"];

describe("policy: backup-critical-protected", () => {
    it("says nothing in a stack whose policy config does not call it production", async () => {
        expect((await checkStack(criticalProtection, stack())).violations).to.deep.equal([]);
    });

    it("in production, flags each unprotected backup-critical resource, with why; not the lock, other keys, buckets, StackSets or policy types", async () => {
        const r = await checkStack(criticalProtection, stack(), { production: true });
        expect(r.violations).to.deep.equal([
            `Vault vault is not protected, in a production stack: ${PROD_GUARDS.vault.why}.`,
            `Key vault-key is not protected, in a production stack: ${PROD_GUARDS.vaultKey.why}.`,
            `VaultPolicy vault-policy is not protected, in a production stack: ${PROD_GUARDS.vaultPolicy.why}.`,
            `Plan daily is not protected, in a production stack: ${PROD_GUARDS.backupPlan.why}.`,
            `Policy workloads is not protected, in a production stack: ${PROD_GUARDS.orgBackupPolicy.why}.`,
            `PolicyAttachment workloads-ou is not protected, in a production stack: ${PROD_GUARDS.orgBackupPolicyAttachment.why}.`,
            `StackSet member-stackset is not protected, in a production stack: ${PROD_GUARDS.memberStackSet.why}.`,
            `StackSetInstance member-stackset-eu-west-1 is not protected, in a production stack: ${PROD_GUARDS.memberStackSetInstance.why}.`,
            `Framework audit is not protected, in a production stack: ${PROD_GUARDS.auditFramework.why}.`,
            `ReportPlan jobs is not protected, in a production stack: ${PROD_GUARDS.reportPlan.why}.`,
            `Bucket reports is not protected, in a production stack: ${PROD_GUARDS.reportBucket.why}.`,
            `BucketVersioning reports-versioning is not protected, in a production stack: ${PROD_GUARDS.reportBucketSettings.why}.`,
        ]);
    });

    it("passes once they are protected", async () => {
        const resources = stack().map((r) => (NOT_CRITICAL.includes(r.name) ? r : protect(r)));
        expect((await checkStack(criticalProtection, resources, { production: true })).violations).to.deep.equal([]);
    });

    it("flags a protected member StackSet instance that would not keep its stacks in AWS, and a StackSet that drops a leaving account's", async () => {
        const resources = stack().map((r) => (NOT_CRITICAL.includes(r.name) ? r : protect(r)));
        const set = resources.find((r) => r.name === "member-stackset")!;
        const instance = resources.find((r) => r.name === "member-stackset-eu-west-1")!;
        set.props.autoDeployment = { enabled: true, retainStacksOnAccountRemoval: false };
        delete instance.props.retainStack; // The provider's default: false.
        expect((await checkStack(criticalProtection, resources, { production: true })).violations).to.deep.equal([
            "StackSet member-stackset does not retain stacks when an account leaves its OU (autoDeployment.retainStacksOnAccountRemoval is not true): CloudFormation deletes that account's backup roles, in a production stack.",
            "StackSetInstance member-stackset-eu-west-1 does not retain its stacks (retainStack is not true): deleting or replacing it deletes the backup roles in every account of its OU, in a production stack.",
        ]);
        // Without automatic deployment, accounts leaving the OU keep their stacks: nothing to retain.
        set.props.autoDeployment = { enabled: false };
        expect((await checkStack(criticalProtection, resources, { production: true })).violations).to.have.length(1);
    });

    describe("prod plan: every kind of PROD_GUARDS is covered", () => {
        const config = { "backup-critical-protected": { enforcementLevel: "mandatory" as const, properties: { production: true } } };
        /** The rule's violations over the prod plan's records, and the resources as the pack saw them. */
        async function judge(records: readonly RecordedResource[]): Promise<{ seen: PolicyResource[]; violations: Violation[] }> {
            let seen: PolicyResource[] = [];
            const capture: StackValidationPolicy = { name: "capture", description: "", validateStack: (args) => void (seen = args.resources) };
            const { violations } = await evaluatePolicies([capture, criticalProtection], config, records);
            return { seen, violations: violations.filter((v) => v.policy === criticalProtection.name) };
        }
        const kinds = Object.keys(PROD_GUARDS) as GuardedKind[];

        it("finds resources of each kind, each registered with that kind's guard (retainOnDelete included), and every guarded resource is one of them", async () => {
            const plan = await shippedPlan("prod");
            const { seen, violations } = await judge(plan.resources.map((r) => r.record));
            expect(violations).to.deep.equal([]);
            const found = criticalResources(seen);
            const options = new Map(plan.resources.map((r) => [r.urn, r.record.options]));
            for (const kind of kinds) {
                expect(found[kind], `no ${kind} in the prod plan`).to.not.be.empty;
                for (const r of found[kind]) expect(options.get(r.urn), `${kind} ${r.name}`).to.include({ protect: PROD_GUARDS[kind].protect, retainOnDelete: PROD_GUARDS[kind].retainOnDelete });
            }
            const covered = new Set(kinds.flatMap((k) => found[k].map((r) => r.urn)));
            const uncovered = plan.resources.filter((r) => (r.record.options.protect || r.record.options.retainOnDelete) && !covered.has(r.urn));
            expect(uncovered.map((r) => `${r.type} ${r.name}`)).to.deep.equal([]);
        });

        it("flags one unprotected resource of each kind whose guard protects, with why, and the unprotected lock not at all", async () => {
            const plan = await shippedPlan("prod");
            const found = criticalResources((await judge(plan.resources.map((r) => r.record))).seen);
            for (const k of kinds) expect(found[k], `no ${k} in the prod plan`).to.not.be.empty;
            const lifted = new Set(kinds.map((k) => found[k][0].urn));
            const records = plan.resources.map((r) => (lifted.has(r.urn) ? { ...r.record, options: { ...r.record.options, protect: false } } : r.record));
            const { violations } = await judge(records);
            const expected = kinds.filter((k) => PROD_GUARDS[k].protect);
            // vaultLock is retained, not protected: the provider changes a lock only by replacing it (every
            // field ForceNew, terraform-provider-aws internal/service/backup/vault_lock_configuration.go).
            expect(expected).to.have.length(kinds.length - 1);
            expect(violations.map((v) => v.urn)).to.deep.equal(expected.map((k) => found[k][0].urn));
            violations.forEach((v, i) => expect(v.message).to.have.string(`is not protected, in a production stack: ${PROD_GUARDS[expected[i]].why}.`));
        });

        it("flags the StackSet instance and the StackSet once they would not keep their stacks", async () => {
            const plan = await shippedPlan("prod");
            const edit = (r: RecordedResource): RecordedResource => {
                if (r.type === typeOf(aws.cloudformation.StackSetInstance)) return { ...r, wireOutputs: { ...r.wireOutputs, retainStack: false } };
                if (r.type === typeOf(aws.cloudformation.StackSet)) return { ...r, wireOutputs: { ...r.wireOutputs, autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false } } };
                return r;
            };
            const { violations } = await judge(plan.resources.map((r) => edit(r.record)));
            expect(violations.map((v) => v.message.split("\n")[1])).to.deep.equal([
                "StackSet member-stackset-ou-a1b2-workload does not retain stacks when an account leaves its OU (autoDeployment.retainStacksOnAccountRemoval is not true): CloudFormation deletes that account's backup roles, in a production stack.",
                "StackSetInstance member-stackset-ou-a1b2-workload-eu-west-1 does not retain its stacks (retainStack is not true): deleting or replacing it deletes the backup roles in every account of its OU, in a production stack.",
                "StackSetInstance member-stackset-ou-a1b2-workload-eu-central-1 does not retain its stacks (retainStack is not true): deleting or replacing it deletes the backup roles in every account of its OU, in a production stack.",
            ]);
        });
    });

    it("dev plan: nothing guarded, and the rule (production: false there) says nothing", async () => {
        const plan = await shippedPlan("dev");
        expect(plan.violations.filter((v) => v.policy === "backup-critical-protected")).to.deep.equal([]);
        for (const r of plan.resources.filter((r) => r.type.startsWith("aws:backup/"))) expect(r.record.options, r.name).to.include({ protect: false, retainOnDelete: false });
    });
});
