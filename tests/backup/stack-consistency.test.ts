// Checks that read gatevault:backup and gatevault:orgBackupPolicies together (components/backup/stack):
// one tag convention per account, a central vault outside the workload accounts, policy
// settings an @@remove empties, and where cross-account backup must be switched on.

import { expect } from "chai";
import { emptiedSettingWarnings } from "../../components/backup/org-policy/emptied-settings";
import { backupStackWarnings, centralVaultPlacementWarnings, crossAccountRegions, crossAccountWarning, tagConventionWarnings } from "../../components/backup/stack";
import { stackConfig } from "../support/plan-program";
import { problemsOf } from "../support/config-problems";
import { parseStackConfig } from "../../components/config";
import { editedStack, sourceOf } from "../support/stacks";

type Config = Record<string, any>;
const org = (c: Config) => c["gatevault:orgBackupPolicies"];
const accountEntry = (c: Config, id: string) => org(c).organization.accounts.find((a: any) => a.id === id);
const tagSelection = (c: Config, plan: number) => org(c).policies[0].plans[plan].selections.tags[0];
/** The stack's own account back under the workloads OU the policy targets. */
const ownAccountInWorkloads = (c: Config) => (accountEntry(c, "222222222222").parentId = "ou-a1b2-workload");

describe("backup: checks across gatevault:backup and the organisation policies", () => {
    it("the shipped stacks: one tag convention, a dedicated backup account, nothing emptied, no warnings", () => {
        expect(backupStackWarnings(stackConfig("prod"))).to.deep.equal([]);
        expect(backupStackWarnings(stackConfig("dev"))).to.deep.equal([]);
    });

    // Tagging AWS Resources User Guide, tagging.html: "Tag keys and values are case sensitive."
    describe("tag conventions in one account", () => {
        it("warns when the account's plans select Backup=Daily and a policy reaching it backup=daily (the old shipped prod)", () => {
            const config = stackConfig("prod", (c) => {
                ownAccountInWorkloads(c);
                Object.assign(tagSelection(c, 0), { tagKey: "backup", tagValues: ["daily", "daily-and-monthly"] });
                Object.assign(tagSelection(c, 1), { tagKey: "backup", tagValues: ["monthly", "daily-and-monthly"] });
            });
            const warnings = tagConventionWarnings(config);
            expect(warnings).to.have.length(2);
            expect(warnings[0]).to.match(
                /^account 222222222222: gatevault:backup plan "standard" selects tag key "Backup" and organisation policy plan "daily" selection "daily" "backup": tag keys are case-sensitive/,
            );
        });

        it("warns when both select the same tier: backed up twice, into two vaults", () => {
            const warnings = tagConventionWarnings(stackConfig("prod", ownAccountInWorkloads));
            expect(warnings).to.deep.equal([
                'account 222222222222: resources tagged Backup=Daily are selected by gatevault:backup plan "standard" and by organisation policy plan "daily" selection "daily": they are backed up twice, by two plans into two vaults; select each tier in one place',
                'account 222222222222: resources tagged Backup=Daily are selected by gatevault:backup plan "standard" and by organisation policy plan "monthly" selection "monthly": they are backed up twice, by two plans into two vaults; select each tier in one place',
            ]);
        });

        it("warns when values differ only in case", () => {
            const warnings = tagConventionWarnings(stackConfig("prod", (c) => {
                ownAccountInWorkloads(c);
                tagSelection(c, 0).tagValues = ["DAILY"];
                tagSelection(c, 1).tagValues = ["Monthly"];
            }));
            expect(warnings).to.deep.equal([
                'account 222222222222: gatevault:backup plan "standard" selects Backup=Daily and organisation policy plan "daily" selection "daily" Backup=DAILY: tag values are case-sensitive, so the two conventions select different resources; use one spelling',
            ]);
        });

        it("sees policies attached to the root even when the stack's account is not declared", () => {
            const warnings = tagConventionWarnings(stackConfig("prod", (c) => {
                org(c).organization.accounts = org(c).organization.accounts.filter((a: any) => a.id !== "222222222222");
                org(c).policies[0].targets = ["r-a1b2"];
            }));
            expect(warnings.length).to.equal(2);
            expect(warnings[0]).to.contain("are selected by gatevault:backup plan \"standard\" and by organisation policy plan \"daily\"");
        });

        it("warns when restore testing matches a tier no plan selects (it would test nothing)", () => {
            const warnings = tagConventionWarnings(stackConfig("prod", (c) => (c["gatevault:backup"].restoreTesting.selections[1].matchTags = { backup: "daily" })));
            expect(warnings).to.deep.equal([
                "account 222222222222: gatevault:backup.restoreTesting.selections[1] (RDS) matches backup=daily, which no plan of gatevault:backup selects (Backup=Daily; tags are case-sensitive): it would test nothing",
            ]);
        });
    });

    // AWS Backup Developer Guide, create-cross-account-backup.html: copies to another account
    // "for operational or security reasons" - an account the policies back up runs workloads.
    describe("the central vault's account", () => {
        it("warns when the organisation policy reaches it (the old shipped prod: payments-prod under the workloads OU)", () => {
            const config = stackConfig("prod", (c) => {
                Object.assign(c["gatevault:backup"].centralVault, {
                    deployRoleArn: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
                    breakGlassRoleArn: "arn:aws:iam::333333333333:role/backup-break-glass",
                });
            });
            expect(centralVaultPlacementWarnings(config)).to.deep.equal([
                'gatevault:backup.centralVault is in account 333333333333, which this stack\'s organisation backup policy "workloads-backup" (attached to workloads) also reaches: a workload account weakens the isolation a cross-account copy is for; put the central vault in a dedicated backup account outside the targeted OUs',
            ]);
        });

        it("asks for the account to be declared when it cannot tell", () => {
            const config = stackConfig("prod", (c) => (org(c).organization.accounts = org(c).organization.accounts.filter((a: any) => a.id !== "555555555555")));
            expect(centralVaultPlacementWarnings(config)[0]).to.match(/account 555555555555, which is not declared under gatevault:orgBackupPolicies\.organization\.accounts/);
        });
    });

    // AWS Organizations User Guide, policy-operators.html: @@remove takes values out of the inherited list.
    describe("settings an @@remove empties", () => {
        const payments = (edit: (p: Config) => void) => (c: Config) => {
            const plan = structuredClone(org(c).policies[0].plans[0]);
            delete plan.childOperators;
            edit(plan);
            org(c).policies[0].childPlans = "all";
            org(c).policies[0].plans.forEach((p: Config) => delete p.childOperators);
            org(c).policies.push({ name: "payments-override", targets: ["ou-a1b2-payments"], plans: [plan] });
        };

        it("warns once, at the highest node, when a plan's regions are all removed", () => {
            const config = stackConfig("prod", payments((p) => (p.regions = { remove: ["eu-west-1"] })));
            expect(emptiedSettingWarnings(config.orgBackupPolicies!)).to.deep.equal([
                'OU payments (ou-a1b2-payments): plan "daily" has no regions left: it backs up nothing (an @@remove in this stack\'s policies took out every value)',
            ]);
        });

        it("warns when a tag selection loses all its values", () => {
            const config = stackConfig("prod", payments((p) => (p.selections.tags[0].tagValues = { remove: ["Daily"] })));
            expect(emptiedSettingWarnings(config.orgBackupPolicies!)).to.deep.equal([
                'OU payments (ou-a1b2-payments): plan "daily" tag selection "daily" has no tag values left: it selects nothing (an @@remove in this stack\'s policies took out every value)',
            ]);
        });
    });

    // AWS Backup API Reference, API_UpdateGlobalSettings.html: per Region, in the management account.
    describe("where cross-account backup is switched on", () => {
        it("in the Regions cross-account copies start from: the stack's, and the org policy plans that copy to another account", () => {
            expect(crossAccountRegions(stackConfig("prod"))).to.deep.equal(["eu-west-1"]);
            const config = stackConfig("prod", (c) => {
                const plan = org(c).policies[0].plans[0];
                plan.regions = ["eu-west-1", "us-east-1"];
                plan.rules[0].copyActions.push({ targetVaultArn: "arn:aws:backup:eu-west-1:555555555555:backup-vault:gatevault-central" });
            });
            expect(crossAccountRegions(config)).to.deep.equal(["eu-west-1", "us-east-1"]);
            expect(crossAccountRegions(stackConfig("prod", (c) => (c["gatevault:backup"].crossAccountBackup.regions = ["eu-central-1"])))).to.deep.equal(["eu-central-1"]);
        });

        it("warns when copies cross accounts and the stack does not switch it on", () => {
            expect(crossAccountWarning(stackConfig("prod"))).to.equal(undefined);
            const warning = crossAccountWarning(stackConfig("prod", (c) => delete c["gatevault:backup"].crossAccountBackup));
            expect(warning).to.match(/^cross-account copies \(gatevault:backup plan "standard" rule "monthly" in eu-west-1\) run only once cross-account backup is on in the organization's management account for eu-west-1: set gatevault:backup\.crossAccountBackup\.managementRoleArn/);
        });

        it("refuses the old managementAccount flag, which switched it on in the stack's own account", () => {
            const problems = problemsOf(() => parseStackConfig(sourceOf(editedStack("dev", (c) => (c["gatevault:backup"].managementAccount = true)))));
            expect(problems).to.deep.equal([
                {
                    path: "gatevault:backup.managementAccount",
                    message:
                        "was replaced by crossAccountBackup.managementRoleArn: cross-account backup is switched on in the organization's management account, not in the stack's (set crossAccountBackup: { managementRoleArn: <a role in the management account> })",
                },
            ]);
        });
    });
});
