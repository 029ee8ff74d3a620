// Inheritance cases written from AWS's documentation of management policies ("Inheritance
// operators", "Policy inheritance examples", "Backup policy examples"). Each level is the list
// of policies attached to one node, root first.

import { expect } from "chai";
import { effectivePolicy, PolicyDocumentError } from "@gatevault/aws-model/org-policy/effective";

type Level = unknown[];

interface Case {
    name: string;
    levels: Level[];
    effective: unknown;
    /** Paths (dotted) of changes the restrictions cancel, when the case is about them. */
    cancelled?: string[];
}

const none = { "@@operators_allowed_for_child_policies": ["@@none"] };
const only = (...ops: string[]) => ({ "@@operators_allowed_for_child_policies": ops });
const tag = (value: object, key: object = { "@@assign": "CostCenter" }) => ({ tags: { costcenter: { tag_key: key, tag_value: value } } });
const rootTags = tag({ "@@assign": ["Development", "Support"] });

/** The hourly plan of AWS's backup example 5, with the settings parent and child differ in. */
const piiPlan = (regions: object, schedule: string, window: string, vault: string, cold: string, del: string) => ({
    plans: {
        PII_Backup_Plan: {
            regions,
            rules: {
                Hourly: {
                    schedule_expression: { "@@assign": schedule },
                    start_backup_window_minutes: { "@@assign": window },
                    target_backup_vault_name: { "@@assign": vault },
                    lifecycle: { move_to_cold_storage_after_days: { "@@assign": cold }, delete_after_days: { "@@assign": del } },
                },
            },
        },
    },
});

const cases: Case[] = [
    {
        name: "@@assign replaces an inherited list as a whole (tag example 1)",
        levels: [[rootTags], [{ tags: { costcenter: { tag_value: { "@@assign": ["Sandbox"] }, enforced_for: { "@@assign": ["redshift:*", "dynamodb:table"] } } } }]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Sandbox"], enforced_for: ["redshift:*", "dynamodb:table"] } } },
    },
    {
        name: "@@assign replaces an inherited single value",
        levels: [[tag({ "@@assign": ["A"] })], [tag({ "@@assign": ["A"] }, { "@@assign": "Cost-Center" })]],
        effective: { tags: { costcenter: { tag_key: "Cost-Center", tag_value: ["A"] } } },
    },
    {
        name: "@@append adds to inherited values (tag example 2)",
        levels: [[rootTags], [tag({ "@@append": ["Marketing"] })]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Development", "Support", "Marketing"] } } },
    },
    {
        name: "@@append adds the setting when nothing is inherited, without duplicates",
        levels: [[{ plans: { p: { regions: { "@@append": ["eu-west-1", "eu-west-1", "us-east-1"] } } } }]],
        effective: { plans: { p: { regions: ["eu-west-1", "us-east-1"] } } },
    },
    {
        name: "@@append skips values already inherited",
        levels: [[{ p: { regions: { "@@assign": ["eu-west-1"] } } }], [{ p: { regions: { "@@append": ["eu-west-1", "eu-central-1"] } } }]],
        effective: { p: { regions: ["eu-west-1", "eu-central-1"] } },
    },
    {
        name: "@@remove takes values out of the inherited list (tag example 3)",
        levels: [[rootTags], [tag({ "@@remove": ["Development", "Marketing"] })]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Support"] } } },
    },
    {
        name: "@@remove of something never inherited changes nothing",
        levels: [[{ p: { other: { "@@assign": "x" } } }], [{ p: { regions: { "@@remove": ["eu-west-1"] } } }]],
        effective: { p: { other: "x" } },
    },
    {
        name: "operators compose down a path of several OUs",
        levels: [
            [{ p: { regions: { "@@assign": ["a", "b"] } } }],
            [{ p: { regions: { "@@append": ["c"] } } }],
            [{ p: { regions: { "@@remove": ["a"] } } }],
            [{ p: { regions: { "@@append": ["d"] } } }],
        ],
        effective: { p: { regions: ["b", "c", "d"] } },
    },
    {
        name: "@@none on a parent's setting cancels every change below (tag example 4, key)",
        levels: [
            [tag({ ...only("@@append"), "@@assign": ["Maintenance", "Escalations"] }, { ...none, "@@assign": "Project" })],
            [tag({ "@@append": ["Escalations - research"] }, { "@@assign": "PROJECT" })],
        ],
        effective: { tags: { costcenter: { tag_key: "Project", tag_value: ["Maintenance", "Escalations", "Escalations - research"] } } },
        cancelled: ["tags.costcenter.tag_key"],
    },
    {
        name: '["@@all"] lets lower policies use every operator',
        levels: [[tag({ ...only("@@all"), "@@assign": ["A", "B"] })], [tag({ "@@remove": ["A"] })], [tag({ "@@append": ["C"] })], [tag({ "@@assign": ["Z"] })]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Z"] } } },
        cancelled: [],
    },
    {
        name: '["@@append"] allows appending only',
        levels: [[tag({ ...only("@@append"), "@@assign": ["A"] })], [tag({ "@@assign": ["X"], "@@append": ["B"], "@@remove": ["A"] })]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["A", "B"] } } },
        cancelled: ["tags.costcenter.tag_value", "tags.costcenter.tag_value"],
    },
    {
        name: '["@@assign", "@@remove"] allows those and not @@append',
        levels: [[tag({ ...only("@@assign", "@@remove"), "@@assign": ["A", "B"] })], [tag({ "@@remove": ["A"], "@@append": ["C"] })]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["B"] } } },
        cancelled: ["tags.costcenter.tag_value"],
    },
    {
        name: "a lower policy cannot widen a restriction it inherits",
        levels: [[tag({ ...only("@@append"), "@@assign": ["A"] })], [tag({ ...only("@@all") })], [tag({ "@@assign": ["X"] })]],
        effective: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["A"] } } },
        cancelled: ["tags.costcenter.tag_value"],
    },
    {
        name: "a restriction binds every level below, not only the next one",
        levels: [[{ x: { ...none, "@@assign": "root" } }], [{ y: { "@@assign": "ou" } }], [{ x: { "@@assign": "account" } }]],
        effective: { x: "root", y: "ou" },
        cancelled: ["x"],
    },
    {
        name: "a restriction an OU declares binds the levels below it, not the OU's own policies",
        levels: [[{ x: { "@@assign": "root" } }], [{ x: { ...none, "@@assign": "ou" } }], [{ x: { "@@assign": "account" } }]],
        effective: { x: "ou" },
        cancelled: ["x"],
    },
    {
        name: "@@none on plans stops lower policies adding plans (backup example 3)",
        levels: [[{ plans: { ...none, a: { regions: { "@@assign": ["eu-west-1"] } } } }], [{ plans: { b: { regions: { "@@assign": ["us-east-1"] } } } }]],
        effective: { plans: { a: { regions: ["eu-west-1"] } } },
        cancelled: ["plans.b"],
    },
    {
        name: '["@@append"] on plans lets lower policies add plans while @@none locks the inherited one (backup example 4)',
        levels: [
            [{ plans: { ...only("@@append"), pii: { ...none, regions: { ...none, "@@assign": ["eu-west-1"] } } } }],
            [{ plans: { monthly: { regions: { "@@assign": ["us-east-1"] } }, pii: { regions: { "@@assign": ["us-west-2"] }, extra: { "@@assign": "x" } } } }],
        ],
        effective: { plans: { pii: { regions: ["eu-west-1"] }, monthly: { regions: ["us-east-1"] } } },
        cancelled: ["plans.pii.regions", "plans.pii.extra"],
    },
    {
        name: "a restriction covers the setting it is written on, not the settings nested in it",
        levels: [[{ plans: { pii: { ...none, regions: { "@@assign": ["eu-west-1"] } } } }], [{ plans: { pii: { regions: { "@@assign": ["us-west-2"] } } } }]],
        effective: { plans: { pii: { regions: ["us-west-2"] } } },
        cancelled: [],
    },
    {
        name: "restrictions of several policies on one node intersect (inheritance example 5)",
        levels: [
            [
                { tags: { project: { tag_value: { ...only("@@append"), "@@assign": ["Maintenance"] } } } },
                { tags: { project: { tag_value: only("@@append", "@@remove") } } },
            ],
            [{ tags: { project: { tag_value: { "@@remove": ["Maintenance"], "@@append": ["Research"] } } } }],
        ],
        effective: { tags: { project: { tag_value: ["Maintenance", "Research"] } } },
        cancelled: ["tags.project.tag_value"],
    },
    {
        name: "policies on one node do not restrict each other",
        levels: [[{ x: { ...none, "@@assign": ["a"] } }, { x: { "@@append": ["b"] } }], [{ x: { "@@append": ["c"] } }]],
        effective: { x: ["a", "b"] },
        cancelled: ["x"],
    },
    {
        name: "when policies on one node assign the same setting, the one attached first wins (inheritance example 6)",
        levels: [
            [
                { tags: { project: { tag_key: { "@@assign": "PROJECT" }, tag_value: { "@@append": ["Maintenance"] } } } },
                { tags: { project: { tag_key: { "@@assign": "project" } } } },
            ],
        ],
        effective: { tags: { project: { tag_key: "PROJECT", tag_value: ["Maintenance"] } } },
        cancelled: ["tags.project.tag_key"],
    },
    {
        name: "appends of several policies on one node add up in attachment order",
        levels: [[{ r: { "@@append": ["a", "b"] } }, { r: { "@@append": ["c", "a"] } }]],
        effective: { r: ["a", "b", "c"] },
    },
    {
        name: "keys match case-insensitively and come out lowercased; values keep their case",
        levels: [
            [{ Plans: { PII_Backup_Plan: { Regions: { "@@assign": ["eu-west-1"] }, Rules: { Hourly: { Target_Backup_Vault_Name: { "@@assign": "FortKnox" } } } } } }],
            [{ plans: { pii_backup_plan: { RULES: { hourly: { target_backup_vault_name: { "@@ASSIGN": "Default" } } } } } }],
        ],
        effective: { plans: { pii_backup_plan: { regions: ["eu-west-1"], rules: { hourly: { target_backup_vault_name: "Default" } } } } },
    },
    {
        name: "operator names and child-control values are case-insensitive",
        levels: [[{ x: { "@@Operators_Allowed_For_Child_Policies": ["@@NONE"], "@@Assign": "a" } }], [{ X: { "@@assign": "b" } }]],
        effective: { x: "a" },
        cancelled: ["x"],
    },
    {
        name: "settings the merge does not know survive unchanged",
        levels: [
            [{ plans: { p: { scan_settings: { GUARDDUTY: { scanner_role_arn: { "@@assign": "arn:aws:iam::$account:role/Scan" } } } } }, brand_new_section: { deep: { deeper: { "@@assign": [1, true, null] } } } }],
        ],
        effective: {
            plans: { p: { scan_settings: { guardduty: { scanner_role_arn: "arn:aws:iam::$account:role/Scan" } } } },
            brand_new_section: { deep: { deeper: [1, true, null] } },
        },
    },
    {
        name: "a parent plan and a child's new plan both reach the account (backup example 2)",
        levels: [
            [{ plans: { PII_Backup_Plan: { regions: { "@@append": ["us-east-1", "ap-northeast-3"] }, rules: { Hourly: { schedule_expression: { "@@assign": "cron(0 0/1 ? * * *)" } } } } } }],
            [{ plans: { Monthly_Backup_Plan: { regions: { "@@append": ["us-east-1", "eu-central-1"] }, rules: { Monthly: { schedule_expression: { "@@assign": "cron(0 5 1 * ? *)" } } } } } }],
        ],
        effective: {
            plans: {
                pii_backup_plan: { regions: ["us-east-1", "ap-northeast-3"], rules: { hourly: { schedule_expression: "cron(0 0/1 ? * * *)" } } },
                monthly_backup_plan: { regions: ["us-east-1", "eu-central-1"], rules: { monthly: { schedule_expression: "cron(0 5 1 * ? *)" } } },
            },
        },
    },
    {
        name: "a child policy overrides the settings it names and inherits the rest (backup example 5)",
        levels: [
            [piiPlan({ "@@append": ["us-east-1", "ap-northeast-3", "eu-north-1"] }, "cron(0 0/1 ? * * *)", "60", "FortKnox", "180", "2")],
            [piiPlan({ "@@assign": ["us-west-2", "eu-central-1"] }, "cron(0 0/2 ? * * *)", "80", "Default", "30", "365")],
        ],
        effective: {
            plans: {
                pii_backup_plan: {
                    regions: ["us-west-2", "eu-central-1"],
                    rules: {
                        hourly: {
                            schedule_expression: "cron(0 0/2 ? * * *)",
                            start_backup_window_minutes: "80",
                            target_backup_vault_name: "Default",
                            lifecycle: { delete_after_days: "365", move_to_cold_storage_after_days: "30" },
                        },
                    },
                },
            },
        },
    },
    {
        name: "turning an inherited value into a group of settings is a replacement and needs @@assign",
        levels: [[{ x: { ...only("@@append"), "@@assign": ["a"] } }], [{ x: { nested: { "@@assign": "b" } } }]],
        effective: { x: ["a"] },
        cancelled: ["x.nested"],
    },
    {
        name: "a value cannot be written over a group that holds a restricted setting",
        levels: [[{ plans: { pii: { regions: { ...none, "@@assign": ["eu-west-1"] } } } }], [{ plans: { "@@assign": "none" } }, { plans: { pii: { "@@append": ["x"] } } }]],
        effective: { plans: { pii: { regions: ["eu-west-1"] } } },
        cancelled: ["plans", "plans.pii"],
    },
    {
        name: "settings that end up holding nothing are left out; an empty path gives an empty policy",
        levels: [[{ x: only("@@none") }], [], [{ y: {} }]],
        effective: {},
    },
];

describe("effective policy: inheritance rules", () => {
    for (const c of cases) {
        it(c.name, () => {
            const result = effectivePolicy(c.levels);
            expect(result.policy).to.deep.equal(c.effective);
            if (c.cancelled) {
                expect(result.ignored.map((i) => i.path.join("."))).to.deep.equal(c.cancelled);
            }
        });
    }

    it("reports each cancelled change with its level, policy, operator and reason", () => {
        const result = effectivePolicy([[{ x: { ...none, "@@assign": "a" } }], [{ y: { "@@assign": "b" } }, { x: { "@@append": ["c"] } }]]);
        expect(result.ignored).to.deep.equal([
            { level: 1, policy: 1, path: ["x"], operator: "@@append", reason: "a policy attached higher up does not allow this operator here" },
        ]);
    });

    it("leaves its input untouched and gives the same result every time", () => {
        const levels = [[rootTags], [tag({ "@@append": ["Marketing"] })]];
        const before = structuredClone(levels);
        const first = effectivePolicy(levels);
        (first.policy as any).tags.costcenter.tag_value.push("mutated");
        expect(effectivePolicy(levels)).to.deep.equal({
            policy: { tags: { costcenter: { tag_key: "CostCenter", tag_value: ["Development", "Support", "Marketing"] } } },
            ignored: [],
        });
        expect(levels).to.deep.equal(before);
    });

    it("refuses malformed documents, naming the level, the policy and the path", () => {
        try {
            effectivePolicy([[rootTags], [{ ok: { "@@assign": 1 } }, { bad: { "@@append": "x" } }]]);
            expect.fail("expected a PolicyDocumentError");
        } catch (err) {
            expect(err).to.be.instanceOf(PolicyDocumentError);
            expect((err as PolicyDocumentError).problems).to.deep.equal([
                { level: 1, policy: 1, path: ["bad", "@@append"], message: "@@append works only on multi-valued settings and takes a list (got the string \"x\")" },
            ]);
        }
    });
});
