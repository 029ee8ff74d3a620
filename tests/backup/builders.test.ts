// Pure builders behind the backup components: presets, plan rules, selections, audit
// controls and restore testing inputs.

import { expect } from "chai";
import { frameworkControls, reportPlanSpecs } from "../../components/backup/audit-controls";
import { advancedBackupSettings, planRuleArgs } from "../../components/backup/plan-rules";
import { CopyTarget, effectiveRule, RULE_PRESETS } from "../../components/backup/presets";
import { restoreSelectionSpec, restoreTestingPlanSpec } from "../../components/backup/restore-testing-spec";
import { selectionSpecs, selectsS3 } from "../../components/backup/selection";
import type { AuditConfig, RestoreSelectionConfig, RuleConfig, SelectionConfig } from "../../components/config/backup";

const rule = (r: Partial<RuleConfig>): RuleConfig => ({ name: "r", copyTo: [], ...r });
const selection = (s: Partial<SelectionConfig>): SelectionConfig => ({ tiers: [], resources: [], matchTags: {}, excludeTags: {}, excludeResources: [], ...s });
const arnOf = (t: CopyTarget) => (t.kind === "region" ? `vault-in-${t.region}` : t.kind === "central" ? "central-vault" : t.vaultArn);

describe("backup builders (pure)", () => {
    describe("presets", () => {
        it("give the common tiers their retention: daily 35 days, weekly 90, monthly a year, yearly seven", () => {
            expect(RULE_PRESETS.daily.lifecycle.deleteAfterDays).to.equal(35);
            expect(RULE_PRESETS.weekly.lifecycle.deleteAfterDays).to.equal(90);
            expect(RULE_PRESETS.monthly.lifecycle.deleteAfterDays).to.equal(365);
            expect(RULE_PRESETS.yearly.lifecycle.deleteAfterDays).to.be.within(7 * 365, 7 * 366);
        });

        it("are overridden field by field, lifecycle included", () => {
            const r = effectiveRule(rule({ preset: "yearly", lifecycle: { deleteAfterDays: 3650 }, startWindowMinutes: 120 }));
            expect(r.schedule).to.equal(RULE_PRESETS.yearly.schedule);
            expect(r.lifecycle).to.deep.equal({ moveToColdStorageAfterDays: 90, deleteAfterDays: 3650 });
            expect(r.startWindowMinutes).to.equal(120);
            expect(r.completionWindowMinutes).to.equal(RULE_PRESETS.yearly.completionWindowMinutes);
            expect([...r.fromPreset]).to.have.members(["schedule", "completionWindowMinutes", "lifecycle.moveToColdStorageAfterDays"]);
        });

        it("without a preset, windows fall back to AWS's own defaults and nothing is marked as preset", () => {
            const r = effectiveRule(rule({ schedule: "cron(0 1 ? * * *)" }));
            expect([r.startWindowMinutes, r.completionWindowMinutes]).to.deep.equal([480, 10_080]);
            expect(r.fromPreset.size).to.equal(0);
        });

        it("copies keep the rule's lifecycle unless they set their own, field by field", () => {
            const r = effectiveRule(rule({ preset: "monthly", copyTo: [{ region: "eu-central-1" }, { central: true, lifecycle: { deleteAfterDays: 730 } }] }));
            expect(r.copyTo.map((c) => c.lifecycle.deleteAfterDays)).to.deep.equal([365, 730]);
            expect(r.copyTo.map((c) => c.target)).to.deep.equal([{ kind: "region", region: "eu-central-1" }, { kind: "central" }]);
        });
    });

    describe("plan rules", () => {
        it("render schedule in UTC, windows, lifecycle, tags and copy actions to the given destination ARNs", () => {
            const args = planRuleArgs(
                effectiveRule(
                    rule({
                        name: "monthly",
                        preset: "monthly",
                        lifecycle: { moveToColdStorageAfterDays: 30 },
                        recoveryPointTags: { Retention: "monthly" },
                        copyTo: [{ region: "eu-central-1" }, { vaultArn: "arn:aws:backup:eu-west-1:444444444444:backup-vault:x", lifecycle: { deleteAfterDays: 400 } }],
                    }),
                ),
                "primary",
                arnOf,
            );
            expect(args).to.deep.equal({
                ruleName: "monthly",
                targetVaultName: "primary",
                schedule: "cron(0 5 1 * ? *)",
                scheduleExpressionTimezone: "Etc/UTC",
                startWindow: 60,
                completionWindow: 1440,
                enableContinuousBackup: false,
                lifecycle: { coldStorageAfter: 30, deleteAfter: 365 },
                recoveryPointTags: { Retention: "monthly" },
                copyActions: [
                    { destinationVaultArn: "vault-in-eu-central-1", lifecycle: { coldStorageAfter: 30, deleteAfter: 365 } },
                    { destinationVaultArn: "arn:aws:backup:eu-west-1:444444444444:backup-vault:x", lifecycle: { coldStorageAfter: 30, deleteAfter: 400 } },
                ],
            });
        });

        it("turn on continuous backup and leave out empty parts", () => {
            const args = planRuleArgs(effectiveRule(rule({ preset: "daily", continuous: true })), "v", arnOf);
            expect(args.enableContinuousBackup).to.equal(true);
            expect(args).to.not.have.any.keys("copyActions", "recoveryPointTags");
        });

        it("refuse a rule without a schedule (validation bypassed)", () => {
            expect(() => planRuleArgs(effectiveRule(rule({ name: "x" })), "v", arnOf)).to.throw(/rule "x" has no schedule/);
        });

        it("ask for Windows VSS on EC2 only when configured", () => {
            expect(advancedBackupSettings({ windowsVss: true })).to.deep.equal([{ resourceType: "EC2", backupOptions: { WindowsVSS: "enabled" } }]);
            expect(advancedBackupSettings({ windowsVss: false })).to.deep.equal([]);
        });
    });

    describe("selections", () => {
        it("select each tier with conditions that must all match, never a selectionTags list", () => {
            const specs = selectionSpecs(
                { name: "standard", selection: selection({ tiers: ["Daily", "Monthly"], matchTags: { Environment: "prod" }, excludeTags: { Restore: "skip" }, excludeResources: ["arn:aws:s3:::logs"] }) },
                "Backup",
            );
            expect(specs).to.deep.equal([
                {
                    key: "tier-daily",
                    name: "standard-daily",
                    resources: ["*"],
                    notResources: ["arn:aws:s3:::logs"],
                    conditions: {
                        stringEquals: [
                            { key: "aws:ResourceTag/Backup", value: "Daily" },
                            { key: "aws:ResourceTag/Environment", value: "prod" },
                        ],
                        stringNotEquals: [{ key: "aws:ResourceTag/Restore", value: "skip" }],
                    },
                },
                {
                    key: "tier-monthly",
                    name: "standard-monthly",
                    resources: ["*"],
                    notResources: ["arn:aws:s3:::logs"],
                    conditions: {
                        stringEquals: [
                            { key: "aws:ResourceTag/Backup", value: "Monthly" },
                            { key: "aws:ResourceTag/Environment", value: "prod" },
                        ],
                        stringNotEquals: [{ key: "aws:ResourceTag/Restore", value: "skip" }],
                    },
                },
            ]);
        });

        it("select explicit ARNs in a selection of their own, without conditions when no tags are given", () => {
            const arn = "arn:aws:dynamodb:eu-west-1:222222222222:table/orders";
            expect(selectionSpecs({ name: "tables", selection: selection({ resources: [arn] }) }, "Backup")).to.deep.equal([
                { key: "arns", name: "tables-resources", resources: [arn], notResources: [], conditions: undefined },
            ]);
        });

        it("know when S3 can be selected (the role then needs AWS's S3 policies)", () => {
            expect(selectsS3(selection({ tiers: ["Daily"] }))).to.equal(true);
            expect(selectsS3(selection({ tiers: ["Daily"], excludeResources: ["arn:aws:s3:::*"] }))).to.equal(false);
            expect(selectsS3(selection({ resources: ["arn:aws:dynamodb:eu-west-1:222222222222:table/t"] }))).to.equal(false);
            expect(selectsS3(selection({ resources: ["arn:aws:s3:::bucket"] }))).to.equal(true);
        });
    });

    describe("audit controls", () => {
        const defaults = {
            breakGlassRoleArn: "arn:aws:iam::222222222222:role/break-glass",
            copyRegions: ["eu-central-1", "eu-north-1"],
            centralAccountId: "333333333333",
            lock: { minRetentionDays: 7, maxRetentionDays: 3650 },
        };

        it("render parameters as strings, lists comma-separated, defaults from the backup config", () => {
            const controls = frameworkControls(
                { crossRegion: {}, crossAccount: {}, vaultLock: { minRetentionDays: 14 }, manualDeletionDisabled: {}, lastRecoveryPoint: { ageUnit: "hours", ageValue: 26 } },
                defaults,
            );
            const byName = Object.fromEntries(controls.map((c) => [c.name, c.inputParameters]));
            expect(byName.BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).to.deep.equal([{ name: "crossRegionList", value: "eu-central-1,eu-north-1" }]);
            expect(byName.BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT).to.deep.equal([{ name: "crossAccountList", value: "333333333333" }]);
            expect(byName.BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK).to.deep.equal([
                { name: "minRetentionDays", value: "14" },
                { name: "maxRetentionDays", value: "3650" },
            ]);
            expect(byName.BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED).to.deep.equal([{ name: "principalArnList", value: defaults.breakGlassRoleArn }]);
            expect(byName.BACKUP_LAST_RECOVERY_POINT_CREATED).to.deep.equal([
                { name: "recoveryPointAgeUnit", value: "hours" },
                { name: "recoveryPointAgeValue", value: "26" },
            ]);
        });

        it("keep a fixed order and scope the protected-by-plan control to resource types when given", () => {
            const controls = frameworkControls(
                {
                    lastRecoveryPoint: { ageUnit: "days", ageValue: 1 },
                    recoveryPointEncrypted: {},
                    resourcesProtectedByPlan: { resourceTypes: ["RDS", "EBS"] },
                    planFrequencyAndRetention: { frequencyUnit: "days", frequencyValue: 1, retentionDays: 90 },
                },
                defaults,
            );
            expect(controls.map((c) => c.name)).to.deep.equal([
                "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
                "BACKUP_RECOVERY_POINT_ENCRYPTED",
                "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
                "BACKUP_LAST_RECOVERY_POINT_CREATED",
            ]);
            expect(controls[0].inputParameters).to.deep.equal([
                { name: "requiredFrequencyUnit", value: "days" },
                { name: "requiredFrequencyValue", value: "1" },
                { name: "requiredRetentionDays", value: "90" },
            ]);
            expect(controls[2].scope).to.deep.equal({ complianceResourceTypes: ["RDS", "EBS"] });
        });

        // AWS Backup Developer Guide, controls-and-remediation.html: BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN
        // evaluates every resource in scope; its scope is resource types or one tag
        // (hashicorp/terraform-provider-aws internal/service/backup/framework.go).
        it("scope the plan-coverage control to the tier the plans select, so resources opted out (Backup=None) are not reported", () => {
            const [byTier] = frameworkControls({ resourcesProtectedByPlan: {} }, { ...defaults, coveredTier: { Backup: "Daily" } });
            expect(byTier.scope).to.deep.equal({ tags: { Backup: "Daily" } });
            const [byTag] = frameworkControls({ resourcesProtectedByPlan: { tag: { key: "BackupScope", value: "in" } } }, { ...defaults, coveredTier: { Backup: "Daily" } });
            expect(byTag.scope).to.deep.equal({ tags: { BackupScope: "in" } });
            const [unscoped] = frameworkControls({ resourcesProtectedByPlan: {} }, defaults);
            expect(unscoped).to.not.have.property("scope");
        });

        // AWS Backup Developer Guide, creating-frameworks-api.html: RESTORE_TIME_FOR_RESOURCES_MEET_TARGET,
        // parameter maxRestoreTime in minutes ("720" in AWS's example).
        it("add the restore-time control when restore testing is on, for the resource types it restores", () => {
            expect(frameworkControls({}, defaults).map((c) => c.name)).to.not.include("RESTORE_TIME_FOR_RESOURCES_MEET_TARGET");
            const [restore] = frameworkControls({}, { ...defaults, restoreTestedTypes: ["EBS", "RDS"] });
            expect(restore).to.deep.equal({
                name: "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
                inputParameters: [{ name: "maxRestoreTime", value: "720" }],
                scope: { complianceResourceTypes: ["EBS", "RDS"] },
            });
            const [tighter] = frameworkControls({ restoreTime: { maxRestoreMinutes: 240 } }, { ...defaults, restoreTestedTypes: ["EBS"] });
            expect(tighter.inputParameters).to.deep.equal([{ name: "maxRestoreTime", value: "240" }]);
        });

        it("give compliance reports the framework and job reports none, with underscore names", () => {
            const reports: AuditConfig["reports"] = { templates: ["CONTROL_COMPLIANCE_REPORT", "BACKUP_JOB_REPORT"], formats: ["CSV"], keyPrefix: "r" };
            expect(reportPlanSpecs(reports, "gatevault_prod")).to.deep.equal([
                { name: "gatevault_prod_control_compliance", template: "CONTROL_COMPLIANCE_REPORT", usesFramework: true },
                { name: "gatevault_prod_backup_job", template: "BACKUP_JOB_REPORT", usesFramework: false },
            ]);
        });
    });

    describe("restore testing", () => {
        it("plan: schedule in UTC, window, algorithm and vaults", () => {
            const spec = restoreTestingPlanSpec(
                { schedule: "cron(0 6 ? * MON *)", startWindowHours: 24, selectionWindowDays: 7, recoveryPointSelection: "RANDOM_WITHIN_WINDOW", recoveryPointTypes: ["SNAPSHOT"], selections: [] },
                ["vault-arn"],
            );
            expect(spec).to.deep.equal({
                scheduleExpression: "cron(0 6 ? * MON *)",
                scheduleExpressionTimezone: "Etc/UTC",
                startWindowHours: 24,
                recoveryPointSelection: { algorithm: "RANDOM_WITHIN_WINDOW", includeVaults: ["vault-arn"], recoveryPointTypes: ["SNAPSHOT"], selectionWindowDays: 7 },
            });
        });

        it("selection: one per resource type, tag conditions on every resource of the type", () => {
            const config: RestoreSelectionConfig = {
                resourceType: "RDS",
                resources: ["*"],
                matchTags: { Backup: "Daily" },
                excludeTags: { RestoreTest: "skip" },
                validationWindowHours: 4,
                restoreMetadataOverrides: { dbInstanceClass: "db.t3.micro" },
            };
            expect(restoreSelectionSpec(config)).to.deep.equal({
                name: "rds",
                protectedResourceType: "RDS",
                protectedResourceConditions: {
                    stringEquals: [{ key: "aws:ResourceTag/Backup", value: "Daily" }],
                    stringNotEquals: [{ key: "aws:ResourceTag/RestoreTest", value: "skip" }],
                },
                validationWindowHours: 4,
                restoreMetadataOverrides: { dbInstanceClass: "db.t3.micro" },
            });
            const untagged = restoreSelectionSpec({ ...config, matchTags: {}, excludeTags: {}, restoreMetadataOverrides: undefined });
            expect(untagged).to.not.have.any.keys("protectedResourceConditions", "restoreMetadataOverrides");
            // The provider takes exactly one of ARNs and conditions (restore_testing_selection.go ExactlyOneOf).
            expect(untagged.protectedResourceArns).to.deep.equal(["*"]);
        });

        // hashicorp/terraform-provider-aws internal/service/backup/restore_testing_selection.go:
        // ConfigValidators → resourcevalidator.ExactlyOneOf(protected_resource_arns,
        // protected_resource_conditions). Setting both (even `["*"]` beside conditions) fails
        // the provider's validation; setting neither does too.
        it("selection names its resources exactly one way: protectedResourceArns or protectedResourceConditions (provider ExactlyOneOf)", () => {
            const base: RestoreSelectionConfig = { resourceType: "EBS", resources: ["*"], matchTags: {}, excludeTags: {}, validationWindowHours: 1 };
            const cases: [string, RestoreSelectionConfig, "arns" | "conditions"][] = [
                ["every resource of the type", base, "arns"],
                ["listed ARNs", { ...base, resources: ["arn:aws:ec2:eu-west-1:222222222222:volume/vol-0a1b2c3d"] }, "arns"],
                ["every resource with a tag", { ...base, matchTags: { Backup: "Daily" } }, "conditions"],
                ["every resource without a tag", { ...base, excludeTags: { RestoreTest: "skip" } }, "conditions"],
                ["both tag kinds", { ...base, matchTags: { Backup: "Daily" }, excludeTags: { RestoreTest: "skip" } }, "conditions"],
            ];
            for (const [what, config, expected] of cases) {
                const spec = restoreSelectionSpec(config);
                const set = (["protectedResourceArns", "protectedResourceConditions"] as const).filter((k) => spec[k] !== undefined);
                expect(set, what).to.deep.equal([expected === "arns" ? "protectedResourceArns" : "protectedResourceConditions"]);
            }
            expect(restoreSelectionSpec(cases[1][1]).protectedResourceArns).to.deep.equal(["arn:aws:ec2:eu-west-1:222222222222:volume/vol-0a1b2c3d"]);
        });
    });
});
