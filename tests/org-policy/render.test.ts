import { expect } from "chai";
import { effectivePolicy } from "@gatevault/aws-model/org-policy/effective";
import { documentProblems } from "@gatevault/aws-model/org-policy/operators";
import { policyContent, renderBackupPolicy } from "../../components/backup/org-policy/render";
import { parsedOrgPolicies } from "./fixtures";

const CONTROL = "@@operators_allowed_for_child_policies";

/** Every object whose keys are all operators is a leaf; collect their value-operator values. */
function leafValues(node: unknown, out: unknown[] = []): unknown[] {
    if (node && typeof node === "object" && !Array.isArray(node)) {
        const entries = Object.entries(node);
        if (entries.every(([k]) => k.startsWith("@@"))) {
            entries.filter(([k]) => k !== CONTROL).forEach(([, v]) => out.push(v));
        } else {
            entries.filter(([k]) => !k.startsWith("@@")).forEach(([, v]) => leafValues(v, out));
        }
    }
    return out;
}

function fullFeatured() {
    return parsedOrgPolicies((b) => {
        const policy = b.policies[0];
        policy.childPlans = ["append"];
        const plan = policy.plans[0];
        plan.regions = { append: ["eu-west-1", "eu-central-1"] };
        plan.rules[0].recoveryPointTags = { Owner: "platform", "cost:center": "cc-1" };
        plan.rules.push({
            name: "pitr",
            schedule: "cron(0 * ? * * *)",
            targetVaultName: "backups",
            continuousBackup: true,
            lifecycle: { deleteAfterDays: 35 },
        });
        plan.selections = {
            resources: [
                {
                    name: "databases",
                    roleArn: "arn:aws:iam::$account:role/backup",
                    resourceTypes: ["arn:aws:rds:*:*:db:*", "arn:aws:dynamodb:*:*:table/*"],
                    notResourceTypes: { remove: ["arn:aws:ec2:*:*:volume/*"] },
                    conditions: {
                        stringEquals: [{ key: "aws:ResourceTag/backup", value: "true" }],
                        stringNotLike: [{ name: "not-test", key: "aws:ResourceTag/stage", value: "test*" }],
                    },
                },
            ],
        };
        plan.advancedBackupSettings = { ec2: { windowsVss: "enabled" } };
        plan.backupPlanTags = { Team: "platform" };
    }).policies[0];
}

describe("backup policy document (builder)", () => {
    it("renders a plan as AWS's BACKUP_POLICY syntax: string leaves under @@assign, copy actions keyed by vault ARN", () => {
        const copyArn = "arn:aws:backup:eu-central-1:$account:backup-vault:backups-copy";
        expect(renderBackupPolicy(parsedOrgPolicies().policies[0])).to.deep.equal({
            plans: {
                Daily: {
                    regions: { "@@assign": ["eu-west-1"] },
                    rules: {
                        Nightly: {
                            schedule_expression: { "@@assign": "cron(0 3 ? * * *)" },
                            start_backup_window_minutes: { "@@assign": "60" },
                            complete_backup_window_minutes: { "@@assign": "240" },
                            target_backup_vault_name: { "@@assign": "backups" },
                            lifecycle: { delete_after_days: { "@@assign": "120" } },
                            copy_actions: {
                                [copyArn]: { target_backup_vault_arn: { "@@assign": copyArn }, lifecycle: { delete_after_days: { "@@assign": "100" } } },
                            },
                        },
                    },
                    selections: {
                        tags: {
                            tagged: {
                                iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/backup" },
                                tag_key: { "@@assign": "backup" },
                                tag_value: { "@@assign": ["daily"] },
                            },
                        },
                    },
                },
            },
        });
    });

    it("renders resource selections, conditions, continuous backup, tags and advanced settings", () => {
        const plan = (renderBackupPolicy(fullFeatured()) as any).plans.Daily;
        expect(plan.regions).to.deep.equal({ "@@append": ["eu-west-1", "eu-central-1"] });
        expect(plan.rules.pitr.enable_continuous_backup).to.deep.equal({ "@@assign": "true" });
        expect(plan.rules.Nightly.recovery_point_tags).to.deep.equal({
            owner: { tag_key: { "@@assign": "Owner" }, tag_value: { "@@assign": "platform" } },
            cost_center: { tag_key: { "@@assign": "cost:center" }, tag_value: { "@@assign": "cc-1" } },
        });
        expect(plan.selections).to.deep.equal({
            resources: {
                databases: {
                    iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/backup" },
                    resource_types: { "@@assign": ["arn:aws:rds:*:*:db:*", "arn:aws:dynamodb:*:*:table/*"] },
                    not_resource_types: { "@@remove": ["arn:aws:ec2:*:*:volume/*"] },
                    conditions: {
                        string_equals: {
                            "aws_resourcetag_backup": { condition_key: { "@@assign": "aws:ResourceTag/backup" }, condition_value: { "@@assign": "true" } },
                        },
                        string_not_like: {
                            "not-test": { condition_key: { "@@assign": "aws:ResourceTag/stage" }, condition_value: { "@@assign": "test*" } },
                        },
                    },
                },
            },
        });
        expect(plan.advanced_backup_settings).to.deep.equal({ ec2: { windows_vss: { "@@assign": "enabled" } } });
        expect(plan.backup_plan_tags).to.deep.equal({ team: { tag_key: { "@@assign": "Team" }, tag_value: { "@@assign": "platform" } } });
    });

    it("writes every leaf as a string or a list of strings, in a document the generic syntax check accepts", () => {
        const doc = renderBackupPolicy(fullFeatured());
        const leaves = leafValues(doc);
        expect(leaves.length).to.be.greaterThan(20);
        for (const leaf of leaves) {
            const ok = typeof leaf === "string" || (Array.isArray(leaf) && leaf.every((v) => typeof v === "string"));
            expect(ok, JSON.stringify(leaf)).to.equal(true);
        }
        expect(documentProblems(doc)).to.deep.equal([]);
    });

    it("restricts lower policies where the config asks: on plans, and on every setting of a restricted plan", () => {
        const doc = renderBackupPolicy(
            parsedOrgPolicies((b) => {
                b.policies[0].childPlans = ["append"];
                b.policies[0].plans[0].childOperators = "none";
            }).policies[0],
        ) as any;
        expect(doc.plans[CONTROL]).to.deep.equal(["@@append"]);
        const objects: any[] = [];
        const walk = (n: any) => {
            if (n && typeof n === "object" && !Array.isArray(n)) {
                objects.push(n);
                Object.entries(n).forEach(([k, v]) => k !== CONTROL && walk(v));
            }
        };
        walk(doc.plans.Daily);
        expect(objects.length).to.be.greaterThan(15);
        expect(objects.every((o) => JSON.stringify(o[CONTROL]) === '["@@none"]')).to.equal(true);
        // The restriction comes first in each object, as in AWS's examples.
        expect(Object.keys(doc.plans.Daily.rules.Nightly)[0]).to.equal(CONTROL);
    });

    it("gives the minified document as content, and its effective policy is the plain values", () => {
        const policy = parsedOrgPolicies().policies[0];
        const content = policyContent(policy);
        expect(content).to.equal(JSON.stringify(renderBackupPolicy(policy)));
        expect(content).to.not.match(/\n| {2}/);
        const effective = effectivePolicy([[JSON.parse(content)]]).policy as any;
        expect(effective.plans.daily.rules.nightly.lifecycle).to.deep.equal({ delete_after_days: "120" });
        expect(effective.plans.daily.selections.tags.tagged.tag_value).to.deep.equal(["daily"]);
    });
});
