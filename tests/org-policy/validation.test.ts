// Invalid organization backup policies: each case breaks one thing in an otherwise valid
// block and names the key path and the message the stack file earns (the stack-config parser,
// then the policy rules checkStack runs first).

import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { checkStack } from "../../components/program";
import { REPO_ROOT } from "../../tools/plan/index";
import { checkedStackConfig, configProblems, problemsOf as problemsOfProgram } from "../support/config-problems";
import { editedStack, sourceOf } from "../support/stacks";
import { orgPoliciesBlock, withOrgPolicies } from "./fixtures";

const P = "gatevault:orgBackupPolicies.policies[0]";
const PLAN = `${P}.plans[0]`;
const RULE = `${PLAN}.rules[0]`;
const NAMES = /\(policy "workloads-backup", plan "Daily", rule "Nightly"\)$/;

interface Case {
    name: string;
    edit: (block: Record<string, any>) => void;
    path: string;
    message: RegExp;
}

const rule = (b: Record<string, any>) => b.policies[0].plans[0].rules[0];
const plan = (b: Record<string, any>) => b.policies[0].plans[0];

const cases: Case[] = [
    { name: "a 5-field cron", edit: (b) => (rule(b).schedule = "cron(0 3 * * *)"), path: `${RULE}.schedule`, message: /must have 6 fields/ },
    { name: "a schedule that is not cron", edit: (b) => (rule(b).schedule = "rate(1 day)"), path: `${RULE}.schedule`, message: /must be a cron expression in UTC/ },
    {
        name: "deletion sooner than 90 days after cold storage",
        edit: (b) => (rule(b).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 100 }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /must be >= moveToColdStorageAfterDays \+ 90 \(got 100 < 30 \+ 90\)/,
    },
    {
        name: "retention beyond AWS's maximum",
        edit: (b) => (rule(b).lifecycle = { deleteAfterDays: 40000 }),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /from 1 to 36500 \(got 40000\)/,
    },
    {
        name: "continuous backup kept longer than 35 days",
        edit: (b) => (rule(b).continuousBackup = true),
        path: `${RULE}.lifecycle.deleteAfterDays`,
        message: /must be <= 35 for continuous backups \(got 120\)/,
    },
    {
        name: "continuous backup moved to cold storage",
        edit: (b) => Object.assign(rule(b), { continuousBackup: true, lifecycle: { moveToColdStorageAfterDays: 10, deleteAfterDays: 20 } }),
        path: `${RULE}.lifecycle.moveToColdStorageAfterDays`,
        message: /continuous backups cannot move to cold storage/,
    },
    { name: "a start window under an hour", edit: (b) => (rule(b).startWindowMinutes = 30), path: `${RULE}.startWindowMinutes`, message: /must be a whole number >= 60 \(got 30\)/ },
    {
        name: "a completion window too close to the start window",
        edit: (b) => (rule(b).completionWindowMinutes = 90),
        path: `${RULE}.completionWindowMinutes`,
        message: /startWindowMinutes \+ 60 \(got 90 < 120\)/,
    },
    {
        name: "a copy action's lifecycle",
        edit: (b) => (rule(b).copyActions[0].lifecycle = { moveToColdStorageAfterDays: 10, deleteAfterDays: 50 }),
        path: `${RULE}.copyActions[0].lifecycle.deleteAfterDays`,
        message: /\(got 50 < 10 \+ 90\) \(policy "workloads-backup", plan "Daily", rule "Nightly", copy to arn:aws:backup:eu-central-1:\$account:backup-vault:backups-copy\)$/,
    },
    {
        name: "a copy target that is not a vault ARN",
        edit: (b) => (rule(b).copyActions[0].targetVaultArn = "arn:aws:backup:eu-central-1:$account:vault:copy"),
        path: `${RULE}.copyActions[0].targetVaultArn`,
        message: /must be a backup vault ARN/,
    },
    {
        name: "the same copy target twice, differing in case",
        edit: (b) => rule(b).copyActions.push({ targetVaultArn: "arn:aws:backup:eu-central-1:$account:backup-vault:Backups-Copy" }),
        path: `${RULE}.copyActions[1].targetVaultArn`,
        message: /duplicates copy action #1 .*case-insensitively/,
    },
    { name: "a vault name AWS rejects", edit: (b) => (rule(b).targetVaultName = "my vault!"), path: `${RULE}.targetVaultName`, message: /must be a backup vault name/ },
    { name: "a region code", edit: (b) => (plan(b).regions = ["eu-west-1", "Ireland"]), path: `${PLAN}.regions[1]`, message: /AWS region code/ },
    { name: "a region listed twice", edit: (b) => (plan(b).regions = { append: ["eu-west-1", "eu-west-1"] }), path: `${PLAN}.regions[1]`, message: /duplicates region #1/ },
    {
        name: "regions that are neither a list nor append/remove",
        edit: (b) => (plan(b).regions = "eu-west-1"),
        path: `${PLAN}.regions`,
        message: /must be a list \(replaces inherited values\), \{ append: \[\.\.\.\] \} or \{ remove: \[\.\.\.\] \}/,
    },
    {
        name: "a role ARN with a misspelt $account",
        edit: (b) => (plan(b).selections.tags[0].roleArn = "arn:aws:iam::$acount:role/backup"),
        path: `${PLAN}.selections.tags[0].roleArn`,
        message: /must be an IAM role ARN/,
    },
    {
        name: "rule names that collide once lowercased",
        edit: (b) => plan(b).rules.push({ ...rule(b), name: "NIGHTLY" }),
        path: `${PLAN}.rules[1].name`,
        message: /duplicates rule #1 \("Nightly"\): AWS compares these names case-insensitively \(policy "workloads-backup", plan "Daily"\)/,
    },
    {
        name: "plan names that collide once lowercased",
        edit: (b) => b.policies[0].plans.push({ ...structuredClone(plan(b)), name: "daily" }),
        path: `${P}.plans[1].name`,
        message: /duplicates plan #1 \("Daily"\)/,
    },
    { name: "a plan that selects nothing", edit: (b) => (plan(b).selections = {}), path: `${PLAN}.selections`, message: /must select resources to back up/ },
    {
        name: "tag and resource selections in one plan",
        edit: (b) => (plan(b).selections.resources = [{ name: "all", roleArn: "arn:aws:iam::$account:role/backup", resourceTypes: ["*"] }]),
        path: `${PLAN}.selections`,
        message: /either tags or resources selections, not both/,
    },
    {
        name: "more than 30 conditions in a selection",
        edit: (b) =>
            (plan(b).selections.tags[0].conditions = {
                stringEquals: Array.from({ length: 31 }, (_, i) => ({ key: `aws:ResourceTag/k${i}`, value: "v" })),
            }),
        path: `${PLAN}.selections.tags[0].conditions`,
        message: /at most 30 conditions \(got 31\)/,
    },
    {
        name: "a resource type that is not an ARN pattern",
        edit: (b) => (plan(b).selections = { resources: [{ name: "all", roleArn: "arn:aws:iam::$account:role/backup", resourceTypes: ["rds"] }] }),
        path: `${PLAN}.selections.resources[0].resourceTypes[0]`,
        message: /resource ARN pattern/,
    },
    { name: "a misspelt rule key", edit: (b) => (rule(b).shedule = rule(b).schedule), path: `${RULE}.shedule`, message: /unknown key \(did you mean "schedule"\?\)/ },
    { name: "child operators AWS does not have", edit: (b) => (plan(b).childOperators = ["replace"]), path: `${PLAN}.childOperators`, message: /must be "all", "none" or a list/ },
    { name: "a target id of no kind", edit: (b) => (b.policies[0].targets = ["workloads"]), path: `${P}.targets[0]`, message: /root id .*OU id .*account id/ },
    {
        name: "a target the organization does not declare",
        edit: (b) => (b.policies[0].targets = ["ou-a1b2-unknown1"]),
        path: `${P}.targets[0]`,
        message: /must be the root or an OU or account declared under organization, so the plan knows its path \(got "ou-a1b2-unknown1"\)/,
    },
    {
        name: "an OU whose parent is not declared",
        edit: (b) => (b.organization.units[1].parentId = "ou-a1b2-missing1"),
        path: "gatevault:orgBackupPolicies.organization.units[1].parentId",
        message: /must be the root \(r-a1b2\) or an OU listed/,
    },
    {
        name: "OUs that are each other's parent",
        edit: (b) => (b.organization.units[0].parentId = "ou-a1b2-payments"),
        path: "gatevault:orgBackupPolicies.organization.units[0].parentId",
        message: /makes a cycle of OUs/,
    },
    {
        name: "an account to deploy into without a role to assume",
        edit: (b) => delete b.organization.accounts[0].assumeRoleArn,
        path: "gatevault:orgBackupPolicies.organization.accounts[0].assumeRoleArn",
        message: /is required when deployBackupResources is true/,
    },
    {
        // AWS Backup API Reference, API_AdvancedBackupSetting.html: "The only supported resource
        // type is Amazon EC2 instances with Windows VSS ... Valid values: EC2".
        name: "S3 advanced backup settings, which backup policies do not support",
        edit: (b) => (plan(b).advancedBackupSettings = { ec2: { windowsVss: "enabled" }, s3: { backupAcls: "disabled" } }),
        path: `${PLAN}.advancedBackupSettings.s3`,
        message: /^is not supported in backup policies: their advanced backup settings apply to EC2 \(Windows VSS\) only/,
    },
    {
        name: "a document over AWS's 10,000 characters",
        edit: (b) => (b.policies[0].plans = Array.from({ length: 20 }, (_, i) => ({ ...structuredClone(plan(b)), name: `plan-number-${i}` }))),
        path: P,
        message: /^is \d{5} characters as minified JSON; Organizations accepts at most 10,000 .*\(policy "workloads-backup"\)$/,
    },
];

const problemsOf = (edit: (block: Record<string, any>) => void) => configProblems(withOrgPolicies(edit));

describe("organization backup policy config: validation", () => {
    it("accepts the base block", () => {
        const config = checkedStackConfig(sourceOf(editedStack("dev", withOrgPolicies())));
        expect(config.orgBackupPolicies?.policies[0].plans[0].rules[0].copyActions).to.have.length(1);
    });

    for (const c of cases) {
        it(`rejects ${c.name}`, () => {
            const problems = problemsOf(c.edit);
            const match = problems.find((p) => p.path === c.path);
            expect(match, `no problem at ${c.path}; got ${JSON.stringify(problems, null, 1)}`).to.not.equal(undefined);
            expect(match!.message).to.match(c.message);
        });
    }

    it("names the policy, plan and rule in messages about a rule", () => {
        const [problem] = problemsOf((b) => (rule(b).schedule = "cron(0 3 * * *)"));
        expect(problem.message).to.match(NAMES);
    });

    it("reports every problem of the block at once", () => {
        const problems = problemsOf((b) => {
            rule(b).schedule = "cron(0 3 * * *)";
            rule(b).lifecycle = { moveToColdStorageAfterDays: 30, deleteAfterDays: 100 };
            rule(b).startWindowMinutes = 30;
            b.policies[0].targets = ["ou-a1b2-unknown1"];
            b.organization.units[1].parentId = "ou-a1b2-missing1";
        });
        expect(problems.map((p) => p.path)).to.include.members([
            `${RULE}.schedule`,
            `${RULE}.lifecycle.deleteAfterDays`,
            `${RULE}.startWindowMinutes`,
            `${P}.targets[0]`,
            "gatevault:orgBackupPolicies.organization.units[1].parentId",
        ]);
    });

    // The config layer parses the stack file (formats included) without the backup layer's
    // knowledge; the policy rules run on the parsed config, in checkStack, with the cross-part
    // checks. So a format problem is reported first, and the rule problem once the file parses.
    it("reports format problems first and rule problems once the stack file parses, and checks rules only once every value has the right type", () => {
        const formatFirst = problemsOf((b) => {
            rule(b).schedule = "cron(0 3 * * *)";
            rule(b).targetVaultName = "bad name";
        });
        expect(formatFirst.map((p) => p.path)).to.deep.equal([`${RULE}.targetVaultName`]);
        const rulesNext = problemsOf((b) => (rule(b).schedule = "cron(0 3 * * *)"));
        expect(rulesNext.map((p) => p.path)).to.deep.equal([`${RULE}.schedule`]);
        const wrongType = problemsOf((b) => {
            rule(b).schedule = "cron(0 3 * * *)";
            rule(b).lifecycle.deleteAfterDays = "a year";
        });
        expect(wrongType.map((p) => p.path)).to.deep.equal([`${RULE}.lifecycle.deleteAfterDays`]);
    });

    it("is refused by the program itself: checkStack reports the rules before anything reads the effective policies", () => {
        // OUs that are each other's parent have no effective policy: the member and StackSet
        // checks that read them must not run, and the tree problem is what the program reports.
        const config = parseStackConfig(sourceOf(editedStack("dev", withOrgPolicies((b) => (b.organization.units[0].parentId = "ou-a1b2-payments")))));
        const problems = problemsOfProgram(() => checkStack(config, { projectDir: REPO_ROOT }));
        expect(problems.map((p) => p.path)).to.deep.equal(["gatevault:orgBackupPolicies.organization.units[0].parentId", "gatevault:orgBackupPolicies.organization.units[1].parentId"]);
        expect(problems[0].message).to.match(/makes a cycle of OUs/);
    });

    it("leaves the block optional: stacks without it parse", () => {
        const block = orgPoliciesBlock();
        expect(block.policies).to.have.length(1);
        const config = parseStackConfig(sourceOf(editedStack("dev", () => undefined)));
        expect(config.orgBackupPolicies).to.equal(undefined);
    });
});
