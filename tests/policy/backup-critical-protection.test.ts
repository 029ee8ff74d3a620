// backup-critical-protected: in a stack whose policy config says it is production, every
// backup-critical resource is protected (components/backup/protection.ts is the table the
// components and this rule share). CrossGuard passes `protect` to policies, not
// `retainOnDelete`; that one is checked on the plan's recorded options below.

import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { expect } from "chai";
import { PROD_GUARDS } from "@gatevault/aws-model/backup/protection";
import { criticalProtection } from "../../policy/backup/critical-protection";
import { shippedPlan } from "../support/shipped-plans";
import { checkStack, dependsOn, stackResource } from "./harness";

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
    ];
}

describe("policy: backup-critical-protected", () => {
    it("says nothing in a stack whose policy config does not call it production", async () => {
        expect((await checkStack(criticalProtection, stack())).violations).to.deep.equal([]);
    });

    it("in production, flags each unprotected backup-critical resource, with why; not the lock, other keys, buckets or policy types", async () => {
        const r = await checkStack(criticalProtection, stack(), { production: true });
        expect(r.violations).to.deep.equal([
            `Vault vault is not protected, in a production stack: ${PROD_GUARDS.vault.why}.`,
            `VaultPolicy vault-policy is not protected, in a production stack: ${PROD_GUARDS.vaultPolicy.why}.`,
            `Plan daily is not protected, in a production stack: ${PROD_GUARDS.backupPlan.why}.`,
            `Framework audit is not protected, in a production stack: ${PROD_GUARDS.auditFramework.why}.`,
            `ReportPlan jobs is not protected, in a production stack: ${PROD_GUARDS.reportPlan.why}.`,
            `Key vault-key is not protected, in a production stack: ${PROD_GUARDS.vaultKey.why}.`,
            `Bucket reports is not protected, in a production stack: ${PROD_GUARDS.reportBucket.why}.`,
            `Policy workloads is not protected, in a production stack: ${PROD_GUARDS.orgBackupPolicy.why}.`,
            `PolicyAttachment workloads-ou is not protected, in a production stack: ${PROD_GUARDS.orgBackupPolicyAttachment.why}.`,
        ]);
    });

    it("passes once they are protected", async () => {
        const resources = stack().map((r) => (["uploads-key", "uploads", "guardrails", "guardrails-ou", "vault-lock"].includes(r.name) ? r : protect(r)));
        expect((await checkStack(criticalProtection, resources, { production: true })).violations).to.deep.equal([]);
    });

    it("prod plan: every backup-critical resource carries its guard, retainOnDelete included (which the pack cannot see)", async () => {
        const plan = await shippedPlan("prod");
        expect(plan.violations.filter((v) => v.policy === "backup-critical-protected")).to.deep.equal([]);
        const options = (type: string) => plan.resources.filter((r) => r.type === type).map((r) => r.record.options);
        const expectGuard = (type: string, kind: keyof typeof PROD_GUARDS) => {
            const found = options(type);
            expect(found.length, type).to.be.greaterThan(0);
            for (const o of found) expect(o, type).to.include({ protect: PROD_GUARDS[kind].protect, retainOnDelete: PROD_GUARDS[kind].retainOnDelete });
        };
        expectGuard("aws:backup/plan:Plan", "backupPlan");
        expectGuard("aws:backup/framework:Framework", "auditFramework");
        expectGuard("aws:backup/reportPlan:ReportPlan", "reportPlan");
        expectGuard("aws:organizations/policy:Policy", "orgBackupPolicy");
        expectGuard("aws:organizations/policyAttachment:PolicyAttachment", "orgBackupPolicyAttachment");
        expectGuard("aws:s3/bucketVersioning:BucketVersioning", "reportBucketSettings");
        expectGuard("aws:s3/bucketPolicy:BucketPolicy", "reportBucketSettings");
        const reportBucket = plan.resources.find((r) => r.name === "backup-audit-reports")!;
        expect(reportBucket.record.options).to.include({ protect: true, retainOnDelete: true });
    });

    it("dev plan: nothing guarded, and the rule (production: false there) says nothing", async () => {
        const plan = await shippedPlan("dev");
        expect(plan.violations.filter((v) => v.policy === "backup-critical-protected")).to.deep.equal([]);
        for (const r of plan.resources.filter((r) => r.type.startsWith("aws:backup/"))) expect(r.record.options, r.name).to.include({ protect: false, retainOnDelete: false });
    });
});
