// The shipped stacks' backup, through the whole offline plan (program, config, policy pack):
// what the plan shows, the compliance-mode warning, and placement errors with exit 2.

import { expect } from "chai";
import { placementProblems } from "../../components/backup";
import { deployBackupStackSettings } from "../../components/backup/stack";
import { ProviderSet } from "../../components/shared/providers";
import { PlanResult, ROOT_STACK_TYPE } from "../../tools/plan/index";
import { withMockOrganization } from "../../tools/plan/mocks";
import { renderHuman, renderJson } from "../../tools/plan/render";
import { planEditedStack } from "../support/stacks";
import { planFailure, stackConfig } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";

type Config = Record<string, any>;
const inputsOf = (result: PlanResult, type: string) => result.resources.filter((r) => r.type === type).map((r) => r.inputs as Record<string, any>);

describe("backup in the shipped stacks (offline plan)", () => {
    it("prod: daily and monthly rules, a cross-region copy, the central vault, governance lock, audit and restore testing", async () => {
        const result = await shippedPlan("prod");
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        const [plan] = inputsOf(result, "aws:backup/plan:Plan");
        expect(plan.rules.map((r: any) => [r.ruleName, r.schedule, r.lifecycle.deleteAfter])).to.deep.equal([
            ["daily", "cron(0 5 ? * * *)", 90],
            ["monthly", "cron(0 5 1 * ? *)", 365],
        ]);
        expect(plan.rules[0].copyActions[0].destinationVaultArn).to.equal("arn:aws:backup:eu-central-1:222222222222:backup-vault:gatevault-prod");
        expect(plan.rules[1].copyActions[0].destinationVaultArn).to.equal("arn:aws:backup:eu-west-1:555555555555:backup-vault:gatevault-central");
        expect(inputsOf(result, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").every((l) => l.changeableForDays === undefined)).to.equal(true);
        expect(inputsOf(result, "aws:backup/framework:Framework")).to.have.length(1);
        expect(inputsOf(result, "aws:backup/restoreTestingSelection:RestoreTestingSelection")).to.have.length(2);
        const text = renderHuman(result);
        for (const line of [
            "gatevault:backup:BackupVault  backup-central-vault",
            "aws:backup/vault:Vault  backup-vault-vault  [protect, retain-on-delete]",
            "pulumi:providers:aws  aws-eu-central-1",
            "pulumi:providers:aws  aws-555555555555-eu-west-1",
        ]) {
            expect(text).to.contain(line);
        }
        expect(result.warnings).to.deep.equal([]);
    });

    // hashicorp/terraform-provider-aws internal/service/backup/restore_testing_selection.go:
    // ExactlyOneOf(protected_resource_arns, protected_resource_conditions).
    it("prod: every restore testing selection sets exactly one of protectedResourceArns and protectedResourceConditions", async () => {
        const selections = inputsOf(await shippedPlan("prod"), "aws:backup/restoreTestingSelection:RestoreTestingSelection");
        expect(selections).to.have.length(2);
        for (const s of selections) {
            expect(["protectedResourceArns", "protectedResourceConditions"].filter((k) => s[k] !== undefined), s.name).to.have.length(1);
        }
        expect(selections.map((s) => s.protectedResourceConditions)).to.deep.equal([
            { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "Daily" }] },
            { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "Daily" }] },
        ]);
    });

    // AWS Backup API Reference, API_UpdateGlobalSettings.html: "Returns an error if the account
    // is not an Organizations management account"; the setting is per Region.
    it("prod: switches cross-account backup on in the organization's management account, through its provider, in the copies' Region", async () => {
        const result = await shippedPlan("prod");
        const settings = result.resources.filter((r) => r.type === "aws:backup/globalSettings:GlobalSettings");
        expect(settings.map((s) => [s.name, s.inputs.globalSettings])).to.deep.equal([["backup-cross-account-eu-west-1", { isCrossAccountBackupEnabled: "true" }]]);
        const provider = result.resources.find((r) => r.type === "pulumi:providers:aws" && settings[0].record.providerRef?.startsWith(`${r.urn}::`))!;
        expect(provider.name).to.equal("aws-999999999999-eu-west-1");
        expect(JSON.parse(String(provider.record.wireInputs.assumeRoles))[0].roleArn).to.equal("arn:aws:iam::999999999999:role/gatevault-organizations-admin");
    });

    it("prod: stops with the key path when the management role is not in the organization's management account", async () => {
        const config = stackConfig("prod");
        const failure = await withMockOrganization({ managementAccountId: "123456789012" }, () =>
            planFailure(() => {
                deployBackupStackSettings(config, new ProviderSet(config));
                return {};
            }, { stack: "prod" }),
        );
        expect(failure.plan.error.kind).to.equal("config");
        expect(failure.plan.error.problems?.map((p) => p.path)).to.deep.equal(["gatevault:backup.crossAccountBackup.managementRoleArn"]);
        expect(failure.plan.error.problems?.[0].message).to.match(/^must be a role in the organization's management account 123456789012: .*\(got account 999999999999\)$/);
        expect(failure.plan.resources.filter((r) => r.type === "aws:backup/globalSettings:GlobalSettings")).to.deep.equal([]);
    });

    it("prod: the audit framework checks restore times of what restore testing restores, and coverage of the Daily tier only", async () => {
        const [framework] = inputsOf(await shippedPlan("prod"), "aws:backup/framework:Framework");
        const byName = Object.fromEntries(framework.controls.map((c: any) => [c.name, c]));
        expect(byName.RESTORE_TIME_FOR_RESOURCES_MEET_TARGET).to.deep.include({ inputParameters: [{ name: "maxRestoreTime", value: "720" }], scope: { complianceResourceTypes: ["EBS", "RDS"] } });
        expect(byName.BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN.scope).to.deep.equal({ tags: { Backup: "Daily" } });
    });

    it("dev: one daily rule, no lock, no copies, no central vault", async () => {
        const result = await shippedPlan("dev");
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        const [plan] = inputsOf(result, "aws:backup/plan:Plan");
        expect(plan.rules.map((r: any) => [r.ruleName, r.lifecycle, r.copyActions])).to.deep.equal([["daily", { deleteAfter: 35 }, undefined]]);
        expect(inputsOf(result, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).to.have.length(0);
        expect(inputsOf(result, "aws:backup/vault:Vault")).to.have.length(1);
    });

    it("warns about a compliance-mode lock in the plan's text and JSON, and still plans it", async () => {
        const result = await planEditedStack("prod", (c) => Object.assign(c["gatevault:backup"].vault.lock, { mode: "compliance", changeableForDays: 3 }));
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        // The copy vault inherits the primary vault's lock: one warning per vault that gets it.
        expect(result.warnings).to.have.length(2);
        expect(result.warnings[0]).to.match(/^backup-vault: vault "gatevault-prod" gets a COMPLIANCE-mode vault lock\. 3 days after/);
        expect(result.warnings[1]).to.match(/^backup-vault-eu-central-1: vault "gatevault-prod" gets a COMPLIANCE-mode vault lock/);
        expect(renderHuman(result)).to.match(/Warnings \(2\):\n {2}backup-vault: vault "gatevault-prod" gets a COMPLIANCE-mode/);
        expect(JSON.parse(renderJson(result)).warnings).to.deep.equal(result.warnings);
        for (const name of ["backup-vault-lock", "backup-vault-eu-central-1-lock"]) {
            expect(result.resources.find((r) => r.name === name)!.inputs).to.include({ changeableForDays: 3, minRetentionDays: 90 });
        }
        expect(result.resources.find((r) => r.name === "backup-central-vault-lock")!.inputs).to.not.have.property("changeableForDays");
    });

    // checkStack runs placementProblems before anything is registered (the cases below plan it).
    it("refuses a deploy role in another account: the vault policies would let the wrong role change them", () => {
        const config = stackConfig("prod", (c) => (c["gatevault:backup"].deployRoleArn = "arn:aws:iam::999999999999:role/gatevault-deploy"));
        expect(placementProblems(config.backup!, config)).to.deep.equal([
            { path: "gatevault:backup.deployRoleArn", message: "must be the role that runs pulumi up in the stack's account 222222222222 (got account 999999999999)" },
        ]);
    });

    describe("placement errors: exit 2, the key path, nothing registered", () => {
        const cases: { name: string; edit: (c: Config) => void; path: string; message: RegExp }[] = [
            {
                name: "copy region equal to the stack's region",
                edit: (c) => {
                    c["gatevault:backup"].copyRegions[0].region = "eu-west-1";
                    c["gatevault:backup"].plans[0].rules[0].copyTo[0].region = "eu-west-1";
                },
                path: "gatevault:backup.copyRegions[0].region",
                message: /must differ from the stack's region/,
            },
            {
                name: "central vault in the stack's own account",
                edit: (c) =>
                    Object.assign(c["gatevault:backup"].centralVault, {
                        deployRoleArn: "arn:aws:iam::222222222222:role/deployer",
                        breakGlassRoleArn: "arn:aws:iam::222222222222:role/backup-break-glass",
                    }),
                path: "gatevault:backup.centralVault.deployRoleArn",
                message: /must be a role in the central backup account/,
            },
            {
                name: "break-glass role in another account",
                edit: (c) => (c["gatevault:backup"].breakGlassRoleArn = "arn:aws:iam::999999999999:role/break-glass"),
                path: "gatevault:backup.breakGlassRoleArn",
                message: /must be a role in the stack's account 222222222222 \(got account 999999999999\)/,
            },
        ];
        for (const c of cases) {
            it(c.name, async () => {
                const result = await planEditedStack("prod", c.edit);
                expect(result.summary.exitCode).to.equal(2);
                expect(result.error?.kind).to.equal("config");
                expect(result.error?.problems?.find((p) => p.path === c.path)?.message).to.match(c.message);
                expect(result.resources.filter((r) => r.type !== ROOT_STACK_TYPE)).to.have.length(0);
            });
        }
    });
});
