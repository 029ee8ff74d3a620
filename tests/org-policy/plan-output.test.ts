// `npm run plan` shows, for each OU and account of the stack config, the effective backup
// policy it receives from the stack's policies and its shortest retention.

import { expect } from "chai";
import { effectivePolicy } from "@gatevault/aws-model/org-policy/effective";
import { renderHuman, renderJson } from "../../tools/plan/render";
import { shippedPlan } from "../support/shipped-plans";
import { planEditedStack } from "../support/stacks";

/** Adds a policy on the payments OU (of prod) that adds a plan and tries to shorten a locked one. */
function addPaymentsPolicy(c: Record<string, any>): void {
    c["gatevault:orgBackupPolicies"].policies.push({
        name: "payments-extra",
        targets: ["ou-a1b2-payments"],
        plans: [
            {
                name: "weekly",
                regions: ["eu-west-1"],
                rules: [{ name: "weekly", schedule: "cron(0 5 ? * SUN *)", targetVaultName: "gatevault-backups", lifecycle: { deleteAfterDays: 400 } }],
                selections: { tags: [{ name: "weekly", roleArn: "arn:aws:iam::$account:role/gatevault-backup", tagKey: "Backup", tagValues: ["Weekly"] }] },
            },
            {
                name: "daily",
                regions: ["eu-west-1"],
                rules: [{ name: "daily", schedule: "cron(0 3 ? * * *)", targetVaultName: "gatevault-backups", lifecycle: { deleteAfterDays: 95 } }],
                selections: { tags: [{ name: "daily", roleArn: "arn:aws:iam::$account:role/gatevault-backup", tagKey: "Backup", tagValues: ["Daily"] }] },
            },
        ],
    });
}

describe("plan output: organisation backup policies", () => {
    it("gives each OU and account of prod its path, policies, effective policy and minimum retention", async () => {
        const result = await shippedPlan("prod");
        const targets = result.orgBackupPolicies!;
        expect(targets.map((t) => `${t.kind} ${t.name} ${t.path.join(">")}`)).to.deep.equal([
            "ou workloads Root>workloads",
            "ou payments Root>workloads>payments",
            "ou platform Root>platform",
            "ou backup Root>backup",
            "account payments-prod Root>workloads>payments>payments-prod",
            "account gatevault-prod Root>platform>gatevault-prod",
            "account backup Root>backup>backup",
        ]);
        const policy = result.resources.find((r) => r.type === "aws:organizations/policy:Policy")!;
        const content = policy.inputs.content as string;
        expect(result.outputs?.orgBackupPolicyIds).to.deep.equal({ "workloads-backup": policy.record.id });
        // The platform and backup accounts sit outside the targeted OU: nothing reaches them.
        for (const t of targets.filter((t) => ["platform", "backup", "gatevault-prod"].includes(t.name))) {
            expect(t.policies, t.name).to.deep.equal([]);
            expect(t.effective, t.name).to.deep.equal({});
        }
        for (const t of targets.filter((t) => ["workloads", "payments", "payments-prod"].includes(t.name))) {
            expect(t.policies).to.deep.equal([{ attachedTo: "workloads", policy: "workloads-backup" }]);
            expect(t.effective).to.deep.equal(effectivePolicy([[JSON.parse(content)]]).policy);
            expect(t.minimumRetentionDays).to.equal(120);
            expect(t.plans).to.deep.equal([
                { plan: "daily", minimumRetentionDays: 120 },
                { plan: "monthly", minimumRetentionDays: 365 },
            ]);
            expect(t.requirements.roles).to.deep.equal(["gatevault-backup"]);
        }
    });

    it("merges policies down the path and lists the changes a parent's restrictions cancel", async () => {
        const result = await planEditedStack("prod", addPaymentsPolicy);
        expect(result.error, result.error?.message).to.equal(undefined);
        const byName = new Map(result.orgBackupPolicies!.map((t) => [t.name, t]));
        expect(Object.keys((byName.get("workloads")!.effective as any).plans)).to.deep.equal(["daily", "monthly"]);
        const payments = byName.get("payments-prod")!;
        expect(payments.policies).to.deep.equal([
            { attachedTo: "workloads", policy: "workloads-backup" },
            { attachedTo: "payments", policy: "payments-extra" },
        ]);
        expect(Object.keys((payments.effective as any).plans)).to.deep.equal(["daily", "monthly", "weekly"]);
        expect((payments.effective as any).plans.daily.rules.daily.lifecycle).to.deep.equal({ delete_after_days: "120" });
        expect(payments.plans.find((p) => p.plan === "weekly")?.minimumRetentionDays).to.equal(400);
        expect(payments.cancelled.find((c) => c.path === "$.plans.daily.rules.daily.lifecycle.delete_after_days")).to.deep.include({
            attachedTo: "payments",
            policy: "payments-extra",
            operator: "@@assign",
        });

        const text = renderHuman(result);
        expect(text).to.contain("Organisation backup policies (effective, from this stack's policies only):");
        expect(text).to.contain("  account payments-prod (333333333333): Root > workloads > payments > payments-prod");
        expect(text).to.contain("    policies: workloads-backup @ workloads, payments-extra @ payments");
        expect(text).to.contain("    minimum retention: 120 days (daily: 120 days, monthly: 365 days, weekly: 400 days)");
        expect(text).to.contain("    effective policy: same as OU payments (ou-a1b2-payments)");
        expect(text).to.match(/cancelled: @@assign at \$\.plans\.daily\.rules\.daily\.lifecycle\.delete_after_days by payments-extra @ payments/);
        expect(text).to.contain('        "weekly": {');

        const json = JSON.parse(renderJson(result));
        expect(json.orgBackupPolicies.map((t: any) => [t.name, t.minimumRetentionDays])).to.deep.equal([
            ["workloads", 120],
            ["payments", 120],
            ["platform", null],
            ["backup", null],
            ["payments-prod", 120],
            ["gatevault-prod", null],
            ["backup", null],
        ]);
        expect(json.orgBackupPolicies[4].effective.plans.weekly.rules.weekly.lifecycle).to.deep.equal({ delete_after_days: "400" });
    });

    it("adds nothing for a stack without organization backup policies", async () => {
        const result = await shippedPlan("dev");
        expect(result.orgBackupPolicies).to.equal(undefined);
        expect(result.outputs?.orgBackupPolicyIds).to.deep.equal({});
        expect(renderHuman(result)).to.not.contain("Organisation backup policies");
        expect(JSON.parse(renderJson(result)).orgBackupPolicies).to.equal(null);
    });
});
