// The policy pack's org-backup-policy-retention rule over resources recorded by the offline
// plan: passing and failing documents, its parameter, other policy types, malformed content,
// and content that is unknown during a preview.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { orgPolicyRetention } from "../../policy/backup/org-policy-retention";
import { runPlan } from "../../tools/plan/index";
import { planEditedStack } from "../support/stacks";
import { writeTempJson } from "../support/temp-json";

const RULE = "org-backup-policy-retention";
const copyArn = "arn:aws:backup:eu-central-1:$account:backup-vault:copy";

function backupPolicy(rule: Record<string, unknown>): string {
    return JSON.stringify({
        plans: {
            Daily: {
                regions: { "@@assign": ["eu-west-1"] },
                rules: { Nightly: { schedule_expression: { "@@assign": "cron(0 3 ? * * *)" }, target_backup_vault_name: { "@@assign": "v" }, ...rule } },
                selections: { tags: { t: { iam_role_arn: { "@@assign": "arn:aws:iam::$account:role/b" }, tag_key: { "@@assign": "backup" }, tag_value: { "@@assign": ["daily"] } } } },
            },
        },
    });
}

const days = (n: number) => ({ delete_after_days: { "@@assign": String(n) } });
const copy = (lifecycle?: object) => ({ copy_actions: { [copyArn]: { target_backup_vault_arn: { "@@assign": copyArn }, ...(lifecycle ? { lifecycle } : {}) } } });

type Contents = (string | pulumi.Output<string>)[] | (() => (string | pulumi.Output<string>)[]);

function planPolicies(contents: Contents, config: unknown = { all: "mandatory" }, type = "BACKUP_POLICY") {
    return runPlan({
        stack: "dev",
        policyPack: { name: "org-rule", policies: [orgPolicyRetention] as any },
        policyConfigFile: writeTempJson(config),
        program: () => {
            const provider = new aws.Provider("org", { region: "eu-west-1" });
            const list = typeof contents === "function" ? contents() : contents;
            list.forEach((content, i) => new aws.organizations.Policy(`p${i}`, { type, content }, { provider }));
        },
    });
}

async function judge(contents: Contents, config: unknown = { all: "mandatory" }, type = "BACKUP_POLICY") {
    const result = await planPolicies(contents, config, type);
    expect(result.error, result.error?.message).to.equal(undefined);
    return result.violations.filter((v) => v.policy === RULE);
}

describe("policy: org-backup-policy-retention", () => {
    it("passes a policy whose rules and copies keep recovery points 90 days or more", async () => {
        expect(await judge([backupPolicy({ lifecycle: days(120), ...copy(days(90)) }), backupPolicy({})])).to.deep.equal([]);
    });

    it("fails a rule that deletes recovery points sooner, naming the plan and rule, with its controls", async () => {
        const [violation, ...rest] = await judge([backupPolicy({ lifecycle: days(30) })]);
        expect(rest).to.deep.equal([]);
        expect(violation.enforcementLevel).to.equal("mandatory");
        expect(violation.message).to.contain('plan "daily", rule "nightly": recovery points are deleted after 30 days (< 90)');
        expect(violation.message).to.contain("judged alone, as attached");
        expect(violation.controls).to.include("AWSConfig:backup-plan-min-frequency-and-min-retention-check");
        expect(violation.severity).to.equal("high");
        expect(violation.urn).to.match(/aws:organizations\/policy:Policy::p0$/);
    });

    it("fails a copy action kept shorter than the minimum, and counts a copy without lifecycle once, with its rule", async () => {
        const copies = await judge([backupPolicy({ lifecycle: days(365), ...copy(days(60)) })]);
        expect(copies.map((v) => v.message.split("\n")[1])).to.deep.equal([`plan "daily", rule "nightly": copies to ${copyArn} are deleted after 60 days (< 90)`]);
        const follows = await judge([backupPolicy({ lifecycle: days(14), ...copy() })]);
        expect(follows).to.have.length(1);
        expect(follows[0].message).to.contain("deleted after 14 days");
    });

    it("takes its minimum from the stack's policy config", async () => {
        const content = [backupPolicy({ lifecycle: days(30) })];
        expect(await judge(content, { all: "mandatory", [RULE]: { minRetentionDays: 30 } })).to.deep.equal([]);
        const stricter = await judge([backupPolicy({ lifecycle: days(200) })], { all: "mandatory", [RULE]: { minRetentionDays: 365 } });
        expect(stricter[0].message).to.contain("deleted after 200 days (< 365)");
    });

    it("ignores other policy types", async () => {
        expect(await judge(['{"Version":"2012-10-17","Statement":[]}'], undefined, "SERVICE_CONTROL_POLICY")).to.deep.equal([]);
    });

    it("fails content that is not a valid policy instead of passing it", async () => {
        // Content that is not JSON at all never reaches the pack: the AWS provider refuses it first
        // (tools/plan/provider-rules/organizations.ts, StringIsJSON).
        const notJson = await planPolicies(["{plans:"]);
        expect(notJson.summary.exitCode).to.equal(3);
        expect(notJson.error?.providerRules?.map((r) => `${r.name} ${r.rule}`)).to.deep.equal(["p0 content StringIsJSON"]);
        const [badOperator] = await judge([JSON.stringify({ plans: { d: { regions: { "@@append": "eu-west-1" } } } })]);
        expect(badOperator.message).to.contain("content $.plans.d.regions.@@append: @@append works only on multi-valued settings");
        const [badDays] = await judge([backupPolicy({ lifecycle: { delete_after_days: { "@@assign": "ninety" } } })]);
        expect(badDays.message).to.contain('$.plans.daily.rules.nightly.lifecycle.delete_after_days: must be a whole number of days (got the string "ninety")');
    });

    it("reports content unknown during preview as 'can't run during preview', not as a pass", async () => {
        const result = await runPlan({
            stack: "dev",
            policyPack: { name: "org-rule", policies: [orgPolicyRetention] as any },
            policyConfigFile: writeTempJson({ all: "mandatory" }),
            program: () => {
                const provider = new aws.Provider("org", { region: "eu-west-1" });
                const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" }, { provider });
                const content = role.arn.apply(() => pulumi.unknown as unknown as string);
                new aws.organizations.Policy("late", { type: "BACKUP_POLICY", content }, { provider });
            },
        });
        const [diagnostic, ...rest] = result.violations.filter((v) => v.urn?.endsWith("::late"));
        expect(rest).to.deep.equal([]);
        expect(diagnostic.enforcementLevel).to.equal("advisory");
        expect(diagnostic.message).to.match(new RegExp(`can't run policy '${RULE}' during preview`));
        expect(result.summary.exitCode).to.equal(0);
    });

    it("is part of the pack: the prod plan is blocked when its org policy keeps daily backups 30 days", async () => {
        const result = await planEditedStack("prod", (c) => {
            const orgPolicies = c["gatevault:orgBackupPolicies"];
            orgPolicies.policies[0].plans[0].rules[0].lifecycle = { deleteAfterDays: 30 };
            // Member vault locks of 90 days (listed accounts and StackSets) would reject 30-day points up front (exit 2);
            // lower them so that it is the policy pack that judges the retention.
            for (const account of orgPolicies.organization.accounts) {
                if (account.backupResources?.lock) account.backupResources.lock.minRetentionDays = 7;
            }
            // The same for the vaults the workloads OU's StackSet creates.
            for (const unit of orgPolicies.organization.units) {
                if (unit.stackSet?.lock) unit.stackSet.lock.minRetentionDays = 7;
            }
        });
        const violations = result.violations.filter((v) => v.policy === RULE);
        expect(violations.map((v) => v.enforcementLevel)).to.deep.equal(["mandatory"]);
        expect(violations[0].message).to.contain('plan "daily", rule "daily": recovery points are deleted after 30 days (< 90)');
        expect(result.summary.exitCode).to.equal(1);
    });
});
