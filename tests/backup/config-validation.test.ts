// `gatevault:backup` validation through the stack-config parser and the backup rules checkStack
// runs first: each case edits a shipped stack and must produce a problem at the exact stack key
// path, naming the plan and rule.

import { expect } from "chai";
import { ConfigProblem, ConfigValidationError, parseStackConfig } from "../../components/config";
import { checkStack } from "../../components/program";
import { REPO_ROOT } from "../../tools/plan/index";
import { checkedStackConfig, problemsOf as configProblemsOf } from "../support/config-problems";
import { editedStack, sourceOf } from "../support/stacks";

type Config = Record<string, any>;
const backup = (c: Config) => c["gatevault:backup"];
const rule = (c: Config, plan = 0, index = 0) => backup(c).plans[plan].rules[index];

function problemsOf(stack: string, edit: (c: Config) => void): ConfigProblem[] {
    try {
        checkedStackConfig(sourceOf(editedStack(stack, edit)));
        return [];
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigValidationError);
        return (err as ConfigValidationError).problems;
    }
}

interface Rejected {
    name: string;
    stack?: "dev" | "prod";
    edit: (c: Config) => void;
    path: string;
    message: RegExp;
}

const RULE = "gatevault:backup.plans[0].rules[0]";
const PROD_MONTHLY = "gatevault:backup.plans[0].rules[1]";

const rejected: Rejected[] = [
    // hashicorp/terraform-provider-aws internal/service/backup/selection.go: name `^[0-9A-Za-z_.-]+$`.
    {
        name: "a tier whose selection name the provider refuses",
        edit: (c) => {
            backup(c).tierTag = { values: ["Gold Tier", "None"] };
            backup(c).plans[0].selection.tiers = ["Gold Tier"];
        },
        path: "gatevault:backup.plans[0].selection.tiers[0]",
        message: /tier "Gold Tier" makes the selection name "standard-gold tier", which AWS Backup refuses/,
    },
    // hashicorp/terraform-provider-aws internal/service/backup/restore_testing_selection.go:
    // validation_window_hours int64validator.Between(1, 168).
    {
        name: "restore testing validation window of 0 hours (the provider accepts 1-168)",
        stack: "prod",
        edit: (c) => (backup(c).restoreTesting.selections[0].validationWindowHours = 0),
        path: "gatevault:backup.restoreTesting.selections[0].validationWindowHours",
        message: />=1|at least 1|>= 1/,
    },
    // A control scope is resource types or one tag (hashicorp/terraform-provider-aws internal/service/backup/framework.go).
    {
        name: "plan-coverage control over several tiers without a scope (opted-out resources would be reported)",
        stack: "prod",
        edit: (c) => backup(c).plans.push({ name: "weekly", rules: [{ name: "weekly", preset: "weekly" }], selection: { tiers: ["Weekly"] } }),
        path: "gatevault:backup.audit.controls.resourcesProtectedByPlan",
        message: /^needs tag or resourceTypes: the plans select several tiers \(Daily, Weekly\), and AWS scopes this control by one tag; unscoped, it would report every resource tagged Backup=None as unprotected/,
    },
    {
        name: "plan-coverage control scoped by both resource types and a tag",
        stack: "prod",
        edit: (c) => (backup(c).audit.controls.resourcesProtectedByPlan = { resourceTypes: ["EBS"], tag: { key: "Backup", value: "Daily" } }),
        path: "gatevault:backup.audit.controls.resourcesProtectedByPlan.tag",
        message: /^cannot be combined with resourceTypes/,
    },
    // The vault policies let the deploy role apply gatevault's changes (components/backup/policies/THREAT-MODEL.md).
    {
        name: "no deploy role",
        edit: (c) => delete backup(c).deployRoleArn,
        path: "gatevault:backup.deployRoleArn",
        message: /required/i,
    },
    {
        name: "central vault accepting copies from something that is not an account or the organization",
        stack: "prod",
        edit: (c) => (backup(c).centralVault.acceptCopiesFrom = ["everyone"]),
        path: "gatevault:backup.centralVault.acceptCopiesFrom[0]",
        message: /must be a 12-digit AWS account id/,
    },
    // Lifecycle edges relative to cold storage (delete >= cold + 90).
    {
        name: "delete 89 days after cold storage",
        edit: (c) => (rule(c).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 119 }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /^plan "standard" rule "daily": must be >= moveToColdStorageAfterDays \+ 90 \(got 119 < 30 \+ 90\)$/,
    },
    {
        name: "preset retention under an overridden cold storage names the preset",
        edit: (c) => (rule(c).lifecycle = { moveToColdStorageAfterDays: 30 }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /got 35 < 30 \+ 90\) \(deleteAfterDays 35 comes from preset "daily"\)$/,
    },
    {
        name: "retention of 0 days",
        edit: (c) => (rule(c).lifecycle = { deleteAfterDays: 0 }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /must be a whole number of days from 1 to 36500 \(got 0\)/,
    },
    {
        name: "retention over 100 years",
        edit: (c) => (rule(c).lifecycle = { deleteAfterDays: 36_501 }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /from 1 to 36500 \(got 36501\)/,
    },
    // Continuous backup: at most 35 days, never cold.
    {
        name: "continuous backup kept 36 days",
        edit: (c) => Object.assign(rule(c), { continuous: true, lifecycle: { deleteAfterDays: 36 } }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /^plan "standard" rule "daily": must be <= 35 for continuous backups \(got 36\)$/,
    },
    {
        name: "continuous backup moved to cold storage",
        edit: (c) => Object.assign(rule(c), { continuous: true, lifecycle: { moveToColdStorageAfterDays: 1, deleteAfterDays: 30 } }),
        path: `${RULE}.lifecycle.moveToColdStorageAfterDays`,
        message: /continuous backups cannot move to cold storage/,
    },
    // Windows.
    {
        name: "start window of 59 minutes",
        edit: (c) => (rule(c).startWindowMinutes = 59),
        path: `${RULE}.startWindowMinutes`,
        message: /^plan "standard" rule "daily": must be a whole number >= 60 \(got 59\)$/,
    },
    {
        name: "completion window under start + 60",
        edit: (c) => Object.assign(rule(c), { startWindowMinutes: 120, completionWindowMinutes: 179 }),
        path: `${RULE}.completionWindowMinutes`,
        message: /must be a whole number >= startWindowMinutes \+ 60 \(got 179 < 180\)/,
    },
    // Schedules: 6-field cron in UTC.
    ...(
        [
            ["0 5 ? * * *", /must be a cron expression in UTC/],
            ["cron(0 5 * * *)", /must have 6 fields .* got 5/],
            ["cron(0 5 * * * *)", /exactly one of day-of-month and day-of-week must be "\?"/],
            ["cron(*/15 * ? * * *)", /minutes must be a single value/],
            ["rate(1 day)", /must be a cron expression in UTC/],
        ] as const
    ).map(([schedule, message]) => ({
        name: `schedule ${schedule}`,
        edit: (c: Config) => (rule(c).schedule = schedule),
        path: `${RULE}.schedule`,
        message: new RegExp(`^plan "standard" rule "daily": ${message.source}`),
    })),
    {
        name: "no schedule and no preset",
        edit: (c) => delete rule(c).preset,
        path: `${RULE}.schedule`,
        message: /is required \(set schedule, or a preset that has one\)/,
    },
    {
        name: "unknown key in a rule",
        edit: (c) => (rule(c).retention = 30),
        path: `${RULE}.retention`,
        message: /unknown key/,
    },
    {
        name: "duplicate rule names in a plan (case-insensitive)",
        edit: (c) => backup(c).plans[0].rules.push({ name: "Daily", preset: "weekly" }),
        path: "gatevault:backup.plans[0].rules[1].name",
        message: /duplicates the name of rules\[0\]/,
    },
    {
        name: "duplicate plan names",
        edit: (c) => backup(c).plans.push(structuredClone(backup(c).plans[0])),
        path: "gatevault:backup.plans[1].name",
        message: /duplicates the name of plans\[0\]/,
    },
    {
        name: "vault name with a space",
        edit: (c) => (backup(c).vault.name = "gate vault"),
        path: "gatevault:backup.vault.name",
        message: /AWS Backup vault name/,
    },
    // Selection and tiers.
    {
        name: "selection that selects nothing",
        edit: (c) => (backup(c).plans[0].selection = {}),
        path: "gatevault:backup.plans[0].selection",
        message: /^plan "standard": must select something/,
    },
    {
        name: "tier that is not a tier value",
        edit: (c) => (backup(c).plans[0].selection.tiers = ["Hourly"]),
        path: "gatevault:backup.plans[0].selection.tiers[0]",
        message: /must be one of tierTag.values \(Daily, Weekly, Monthly, Yearly, None\) \(got "Hourly"\)/,
    },
    {
        name: "the opt-out tier",
        edit: (c) => (backup(c).plans[0].selection.tiers = ["None"]),
        path: "gatevault:backup.plans[0].selection.tiers[0]",
        message: /opt-out tier .* never backed up/,
    },
    // Copies.
    {
        name: "copy to a region without a copy vault",
        stack: "prod",
        edit: (c) => (rule(c).copyTo[0].region = "us-east-1"),
        path: `${RULE}.copyTo[0].region`,
        message: /^plan "standard" rule "daily": must be one of copyRegions \(eu-central-1\), .* \(got us-east-1\)$/,
    },
    {
        name: "copy to the central vault when there is none",
        stack: "dev",
        edit: (c) => (rule(c).copyTo = [{ central: true }]),
        path: `${RULE}.copyTo[0].central`,
        message: /needs centralVault to be configured/,
    },
    {
        name: "copy with two destinations",
        stack: "prod",
        edit: (c) => (rule(c).copyTo[0].central = true),
        path: `${RULE}.copyTo[0]`,
        message: /must name exactly one destination: region, central or vaultArn \(got region and central\)/,
    },
    {
        name: "copy kept 89 days after its cold storage",
        stack: "prod",
        edit: (c) => (rule(c).copyTo[0].lifecycle = { moveToColdStorageAfterDays: 10, deleteAfterDays: 99 }),
        path: `${RULE}.copyTo[0].lifecycle.deleteAfterDays`,
        message: /^plan "standard" rule "daily" copy to region eu-central-1: must be >= moveToColdStorageAfterDays \+ 90 \(got 99 < 10 \+ 90\)$/,
    },
    {
        name: "copy to a vault ARN that is not a vault ARN",
        stack: "prod",
        edit: (c) => (rule(c).copyTo = [{ vaultArn: "arn:aws:s3:::bucket" }]),
        path: `${RULE}.copyTo[0].vaultArn`,
        message: /must be a backup vault ARN/,
    },
    // Vault lock.
    {
        name: "lock with max below min",
        stack: "prod",
        edit: (c) => (backup(c).vault.lock = { minRetentionDays: 10, maxRetentionDays: 5 }),
        path: "gatevault:backup.vault.lock.maxRetentionDays",
        message: /must be >= minRetentionDays \(got 5 < 10\)/,
    },
    {
        name: "compliance mode without a grace period",
        stack: "prod",
        edit: (c) => (backup(c).vault.lock.mode = "compliance"),
        path: "gatevault:backup.vault.lock.changeableForDays",
        message: /is required in compliance mode/,
    },
    {
        name: "a grace period without asking for compliance mode",
        stack: "prod",
        edit: (c) => (backup(c).vault.lock.changeableForDays = 3),
        path: "gatevault:backup.vault.lock.changeableForDays",
        message: /must not be set in governance mode: .* set mode: compliance/,
    },
    // changeable_for_days: IntAtLeast(3) (terraform-provider-aws internal/service/backup/vault_lock_configuration.go).
    {
        name: "compliance grace period under AWS's 3 days",
        stack: "prod",
        edit: (c) => Object.assign(backup(c).vault.lock, { mode: "compliance", changeableForDays: 2 }),
        path: "gatevault:backup.vault.lock.changeableForDays",
        message: /from 3 to 36500 \(got 2\)/,
    },
    {
        name: "rule retention under the vault lock's minimum",
        stack: "prod",
        edit: (c) => (backup(c).vault.lock.minRetentionDays = 100),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /^plan "standard" rule "daily": must be >= the vault lock's minRetentionDays, .* \(got 90 < 100\) \(vault "gatevault-prod"\)$/,
    },
    {
        name: "copy retention over the destination vault lock's maximum",
        stack: "prod",
        edit: (c) => (backup(c).centralVault.lock.maxRetentionDays = 300),
        path: `${PROD_MONTHLY}.copyTo[0].lifecycle.deleteAfterDays`,
        message: /^plan "standard" rule "monthly" copy to the central vault: must be <= the vault lock's maxRetentionDays, .* \(got 365 > 300\) \(vault "gatevault-central"\)$/,
    },
    {
        name: "copy vault lock inherited from the primary vault",
        stack: "prod",
        edit: (c) => Object.assign(backup(c).vault.lock, { minRetentionDays: 91, maxRetentionDays: 3650 }),
        path: `${RULE}.copyTo[0].lifecycle.deleteAfterDays`,
        message: /copy to region eu-central-1: must be >= the vault lock's minRetentionDays/,
    },
    // Central vault and organization.
    {
        name: "central vault without an organization",
        stack: "prod",
        edit: (c) => delete backup(c).organizationId,
        path: "gatevault:backup.organizationId",
        message: /is required with centralVault/,
    },
    {
        name: "central break-glass role outside the backup account",
        stack: "prod",
        edit: (c) => (backup(c).centralVault.breakGlassRoleArn = "arn:aws:iam::222222222222:role/backup-break-glass"),
        path: "gatevault:backup.centralVault.breakGlassRoleArn",
        message: /must be a role in the backup account 555555555555 \(got account 222222222222\)/,
    },
    {
        name: "organization id in the wrong form",
        stack: "prod",
        edit: (c) => (backup(c).organizationId = "org-1"),
        path: "gatevault:backup.organizationId",
        message: /AWS Organizations id/,
    },
    // Notifications.
    {
        name: "email subscription without an address",
        edit: (c) => (backup(c).notifications = { subscriptions: [{ protocol: "email", endpoint: "ops" }] }),
        path: "gatevault:backup.notifications.subscriptions[0].endpoint",
        message: /must be an email address for protocol email \(got "ops"\)/,
    },
    {
        name: "the same subscription twice",
        edit: (c) => (backup(c).notifications = { subscriptions: [{ protocol: "email", endpoint: "a@example.com" }, { protocol: "email", endpoint: "a@example.com" }] }),
        path: "gatevault:backup.notifications.subscriptions[1]",
        message: /duplicates subscriptions\[0\] \(email a@example.com\)/,
    },
    // Audit.
    {
        name: "cross-region control with no copy regions to default to",
        edit: (c) => (backup(c).audit = { controls: { crossRegion: {} } }),
        path: "gatevault:backup.audit.controls.crossRegion.regions",
        message: /is required: there are no copyRegions to default to/,
    },
    {
        name: "plan frequency of 25 hours",
        stack: "prod",
        edit: (c) => (backup(c).audit.controls.planFrequencyAndRetention = { frequencyUnit: "hours", frequencyValue: 25 }),
        path: "gatevault:backup.audit.controls.planFrequencyAndRetention.frequencyValue",
        message: /must be <= 24 when frequencyUnit is hours \(got 25\)/,
    },
    {
        name: "vault lock control with no lock to default to",
        edit: (c) => (backup(c).audit = { controls: { vaultLock: {} } }),
        path: "gatevault:backup.audit.controls.vaultLock",
        message: /the primary vault has no lock to default to/,
    },
    // Restore testing.
    {
        name: "restore testing schedule in 5 fields",
        stack: "prod",
        edit: (c) => (backup(c).restoreTesting.schedule = "cron(0 6 ? * MON)"),
        path: "gatevault:backup.restoreTesting.schedule",
        message: /must have 6 fields/,
    },
    {
        name: "two restore selections for one resource type",
        stack: "prod",
        edit: (c) => backup(c).restoreTesting.selections.push({ resourceType: "EBS" }),
        path: "gatevault:backup.restoreTesting.selections[2].resourceType",
        message: /has a selection already \(selections\[0\]\)/,
    },
    {
        name: "restore selection with tag conditions on ARNs",
        stack: "prod",
        edit: (c) => (backup(c).restoreTesting.selections[0].resources = ["arn:aws:ec2:eu-west-1:222222222222:volume/vol-0abc"]),
        path: "gatevault:backup.restoreTesting.selections[0].matchTags",
        message: /can only narrow resources: \["\*"\]/,
    },
    {
        name: "restore testing of an unsupported resource type",
        stack: "prod",
        edit: (c) => (backup(c).restoreTesting.selections[0].resourceType = "Redshift"),
        path: "gatevault:backup.restoreTesting.selections[0].resourceType",
        message: /must be one of "Aurora"/,
    },
];

const accepted: { name: string; stack?: "dev" | "prod"; edit: (c: Config) => void }[] = [
    { name: "delete exactly 90 days after cold storage", edit: (c) => (rule(c).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 120 }) },
    { name: "delete 91 days after cold storage", edit: (c) => (rule(c).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 121 }) },
    { name: "continuous backup kept 35 days", edit: (c) => Object.assign(rule(c), { continuous: true, lifecycle: { deleteAfterDays: 35 } }) },
    { name: "start window of 60 minutes", edit: (c) => Object.assign(rule(c), { startWindowMinutes: 60, completionWindowMinutes: 120 }) },
    { name: "a schedule with names and ranges", edit: (c) => (rule(c).schedule = "cron(30 2 ? JAN-JUN MON-FRI *)") },
    { name: "compliance mode asked for twice", stack: "prod", edit: (c) => Object.assign(backup(c).vault.lock, { mode: "compliance", changeableForDays: 3 }) },
    { name: "copy to another account's vault by ARN", edit: (c) => (rule(c).copyTo = [{ vaultArn: "arn:aws:backup:eu-west-1:444444444444:backup-vault:central" }]) },
    { name: "no backup config at all", edit: (c) => delete c["gatevault:backup"] },
];

describe("gatevault:backup config validation", () => {
    describe("rejects, with the stack key path and the plan and rule", () => {
        for (const c of rejected) {
            it(c.name, () => {
                const problems = problemsOf(c.stack ?? "dev", c.edit);
                const match = problems.find((p) => p.path === c.path);
                expect(match, `no problem at ${c.path}; got ${JSON.stringify(problems, null, 1)}`).to.not.equal(undefined);
                expect(match!.message).to.match(c.message);
            });
        }
    });

    describe("accepts", () => {
        for (const c of accepted) {
            it(c.name, () => expect(problemsOf(c.stack ?? "dev", c.edit)).to.deep.equal([]));
        }
    });

    it("reports every backup problem at once, across plans, rules, lock and restore testing", () => {
        const problems = problemsOf("prod", (c) => {
            rule(c).startWindowMinutes = 59;
            rule(c, 0, 1).schedule = "cron(0 5 1 * *)";
            backup(c).vault.lock.changeableForDays = 5;
            backup(c).restoreTesting.schedule = "daily";
            backup(c).plans.push({ name: "extra", rules: [{ name: "weekly", preset: "weekly", lifecycle: { moveToColdStorageAfterDays: 10 } }], selection: { tiers: ["Weekly"] } });
        });
        expect(problems.map((p) => p.path)).to.include.members([
            `${RULE}.startWindowMinutes`,
            `${PROD_MONTHLY}.schedule`,
            "gatevault:backup.vault.lock.changeableForDays",
            "gatevault:backup.restoreTesting.schedule",
            "gatevault:backup.plans[1].rules[0].lifecycle.deleteAfterDays",
        ]);
        expect(problems.find((p) => p.path === "gatevault:backup.plans[1].rules[0].lifecycle.deleteAfterDays")?.message).to.match(/^plan "extra" rule "weekly": /);
    });

    it("is refused by the program itself: checkStack reports the backup rules with the checks that need the stack's account, all at once", () => {
        const config = parseStackConfig(
            sourceOf(
                editedStack("dev", (c) => {
                    rule(c).startWindowMinutes = 59;
                    backup(c).breakGlassRoleArn = "arn:aws:iam::999999999999:role/backup-break-glass";
                }),
            ),
        );
        const problems = configProblemsOf(() => checkStack(config, { projectDir: REPO_ROOT }));
        expect(problems.map((p) => p.path)).to.deep.equal([`${RULE}.startWindowMinutes`, "gatevault:backup.breakGlassRoleArn"]);
        expect(problems[0].message).to.match(/^plan "standard" rule "daily": /);
        expect(problems[1].message).to.equal("must be a role in the stack's account 111111111111 (got account 999999999999)");
    });

    it("parses the shipped stacks' backup config with presets resolved field by field", () => {
        const prod = parseStackConfig(sourceOf(editedStack("prod", () => undefined))).backup!;
        expect(prod.plans[0].rules.map((r) => r.name)).to.deep.equal(["daily", "monthly"]);
        expect(prod.vault.lock).to.deep.include({ mode: "governance", minRetentionDays: 90 });
        expect(prod.tierTag).to.deep.equal({ key: "Backup", values: ["Daily", "Weekly", "Monthly", "Yearly", "None"], optOut: "None" });
        const dev = parseStackConfig(sourceOf(editedStack("dev", () => undefined))).backup!;
        expect(dev.vault.lock).to.equal(undefined);
        expect(dev.centralVault).to.equal(undefined);
    });
});
