import { expect } from "chai";
import { planRetentions } from "@gatevault/aws-model/org-policy/retention";

const copyArn = "arn:aws:backup:eu-central-1:$account:backup-vault:copy";

describe("backup plan retention (from an effective policy)", () => {
    it("gives each rule's retention, its copies', and the shortest per plan and overall", () => {
        const report = planRetentions({
            plans: {
                daily: {
                    rules: {
                        nightly: {
                            lifecycle: { delete_after_days: "120" },
                            copy_actions: { [copyArn]: { target_backup_vault_arn: copyArn, lifecycle: { delete_after_days: "95" } } },
                        },
                        hourly: { lifecycle: { delete_after_days: "100" } },
                    },
                },
                monthly: { rules: { monthly: { lifecycle: { move_to_cold_storage_after_days: "30", delete_after_days: "365" } } } },
            },
        });
        expect(report.problems).to.deep.equal([]);
        expect(report.plans).to.deep.equal([
            {
                plan: "daily",
                minimumDays: 95,
                rules: [
                    { rule: "nightly", deleteAfterDays: 120, continuous: false, minimumDays: 95, copies: [{ targetVaultArn: copyArn, deleteAfterDays: 95, followsRule: false }] },
                    { rule: "hourly", deleteAfterDays: 100, continuous: false, minimumDays: 100, copies: [] },
                ],
            },
            { plan: "monthly", minimumDays: 365, rules: [{ rule: "monthly", deleteAfterDays: 365, continuous: false, minimumDays: 365, copies: [] }] },
        ]);
        expect(report.minimumDays).to.equal(95);
    });

    it("keeps copies without a lifecycle as long as the rule keeps the source", () => {
        const report = planRetentions({ plans: { p: { rules: { r: { lifecycle: { delete_after_days: "40" }, copy_actions: { [copyArn]: { target_backup_vault_arn: copyArn } } } } } } });
        expect(report.plans[0].rules[0].copies).to.deep.equal([{ targetVaultArn: copyArn, deleteAfterDays: 40, followsRule: true }]);
        expect(report.minimumDays).to.equal(40);
    });

    it("treats a missing delete_after_days, or -1, as kept indefinitely", () => {
        const report = planRetentions({
            plans: {
                p: {
                    rules: {
                        forever: { lifecycle: { move_to_cold_storage_after_days: "30" } },
                        explicit: { lifecycle: { delete_after_days: "-1" } },
                        copy: { copy_actions: { [copyArn]: { lifecycle: { delete_after_days: "10" } } } },
                    },
                },
            },
        });
        expect(report.plans[0].rules.map((r) => [r.rule, r.deleteAfterDays, r.minimumDays])).to.deep.equal([
            ["forever", undefined, undefined],
            ["explicit", undefined, undefined],
            ["copy", undefined, 10],
        ]);
        expect(report.minimumDays).to.equal(10);
    });

    it("notes continuous backup and accepts numbers as well as strings", () => {
        const report = planRetentions({ plans: { p: { rules: { pitr: { enable_continuous_backup: "TRUE", lifecycle: { delete_after_days: 35 } } } } } });
        expect(report.plans[0].rules[0]).to.include({ continuous: true, deleteAfterDays: 35, minimumDays: 35 });
    });

    it("reports days it cannot read, with their path, instead of guessing", () => {
        const report = planRetentions({ plans: { p: { rules: { r: { lifecycle: { delete_after_days: "ninety" } } } } } });
        expect(report.problems).to.deep.equal([{ path: ["plans", "p", "rules", "r", "lifecycle", "delete_after_days"], message: 'must be a whole number of days (got the string "ninety")' }]);
        expect(report.minimumDays).to.equal(undefined);
    });

    it("has nothing to say about a policy without plans", () => {
        expect(planRetentions({ tags: {} })).to.deep.equal({ plans: [], problems: [], minimumDays: undefined });
    });
});
