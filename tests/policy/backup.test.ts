// Backup rules: plan retention, frequency, copies, lifecycle, cross-region copy and vault
// encryption on one resource; vault lock, deletion protection, audit framework and target
// vaults across the stack.

import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { expect } from "chai";
import { auditFramework } from "../../policy/backup/audit-framework";
import { coldStorageLifecycle } from "../../policy/backup/cold-storage-lifecycle";
import { copyRetention } from "../../policy/backup/copy-retention";
import { crossRegionCopy } from "../../policy/backup/cross-region-copy";
import { planFrequency } from "../../policy/backup/plan-frequency";
import { planRetention } from "../../policy/backup/plan-retention";
import { planTargetVaults } from "../../policy/backup/plan-target-vaults";
import { vaultCmk } from "../../policy/backup/vault-cmk";
import { vaultDenyDelete } from "../../policy/backup/vault-deny-delete";
import { vaultLock } from "../../policy/backup/vault-lock";
import { HOME, planProps, policyDocument, vaultArn } from "./builders";
import { checkResource, checkStack, dependsOn, provider, stackResource, unknown } from "./harness";

const home = provider({ region: HOME, defaultTags: { tags: { Owner: "platform" } } });
const plan = (edit: (p: Record<string, any>) => void = () => {}) => {
    const props = planProps();
    edit(props);
    return { type: aws.backup.Plan, props, provider: home };
};
const rule = (p: Record<string, any>) => p.rules[0];

describe("policy: backup rules", () => {
    describe("backup-plan-retention", () => {
        it("passes 365 days and a rule kept until deleted, fails 30 days against the default 90", async () => {
            expect((await checkResource(planRetention, plan())).violations).to.deep.equal([]);
            expect((await checkResource(planRetention, plan((p) => delete rule(p).lifecycle))).violations).to.deep.equal([]);
            const short = await checkResource(planRetention, plan((p) => (rule(p).lifecycle = { deleteAfter: 30 })));
            expect(short.violations).to.deep.equal(['rule "daily" keeps recovery points 30 days; the minimum is 90 days.']);
        });

        it("takes the minimum from config", async () => {
            const r = await checkResource(planRetention, plan(), { minRetentionDays: 400 });
            expect(r.violations[0]).to.contain("365 days; the minimum is 400 days");
        });

        it("accepts a 35-day continuous rule next to a long snapshot rule, not on its own", async () => {
            const continuous = { ruleName: "pitr", targetVaultName: "primary", enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } };
            expect((await checkResource(planRetention, plan((p) => p.rules.push(continuous)))).violations).to.deep.equal([]);
            const alone = await checkResource(planRetention, plan((p) => (p.rules = [continuous])));
            expect(alone.violations).to.deep.equal(['Continuous rule "pitr" keeps less than 90 days and no snapshot rule keeps 90 days.']);
        });

        it("cannot judge a retention unknown in preview", async () => {
            const r = await checkResource(planRetention, plan((p) => (rule(p).lifecycle.deleteAfter = unknown.number)));
            expect(r.cannotJudge).to.match(/deleteAfter/);
        });
    });

    describe("backup-plan-frequency", () => {
        it("passes a daily schedule and a rule with no schedule (AWS runs it daily)", async () => {
            expect((await checkResource(planFrequency, plan())).violations).to.deep.equal([]);
            expect((await checkResource(planFrequency, plan((p) => delete rule(p).schedule))).violations).to.deep.equal([]);
        });

        it("fails a weekly plan and an invalid schedule", async () => {
            const weekly = await checkResource(planFrequency, plan((p) => (rule(p).schedule = "cron(0 5 ? * SUN *)")));
            expect(weekly.violations).to.deep.equal(["No snapshot rule runs every day (continuous rules keep at most 35 days and do not count)."]);
            const broken = await checkResource(planFrequency, plan((p) => (rule(p).schedule = "rate(1 day)")));
            expect(broken.violations[0]).to.match(/^rule "daily": schedule must be a cron expression/);
        });

        it("does not count a daily continuous rule", async () => {
            const r = await checkResource(planFrequency, plan((p) => (rule(p).enableContinuousBackup = true)));
            expect(r.violations).to.have.length(1);
        });
    });

    describe("backup-copy-retention", () => {
        it("passes copies kept as long as their source, fails shorter copies", async () => {
            expect((await checkResource(copyRetention, plan())).violations).to.deep.equal([]);
            const shorter = await checkResource(copyRetention, plan((p) => (rule(p).copyActions[0].lifecycle = { deleteAfter: 120 })));
            expect(shorter.violations).to.deep.equal(['rule "daily" copy action 0 keeps copies 120 days, less than the source\'s 365 days.']);
        });

        it("fails a copy that expires when its source is kept forever, and one below the minimum", async () => {
            const forever = await checkResource(copyRetention, plan((p) => delete rule(p).lifecycle));
            expect(forever.violations[0]).to.contain("keeps copies 365 days, less than the source's kept until deleted by hand");
            const continuous = plan((p) => {
                rule(p).enableContinuousBackup = true;
                rule(p).lifecycle = { deleteAfter: 35 };
                rule(p).copyActions[0].lifecycle = { deleteAfter: 60 };
            });
            expect((await checkResource(copyRetention, continuous)).violations).to.deep.equal(['rule "daily" copy action 0 keeps copies 60 days; the minimum is 90 days.']);
        });
    });

    describe("backup-cold-storage-lifecycle", () => {
        it("passes a valid lifecycle and fails deletion less than 90 days after the move to cold storage", async () => {
            expect((await checkResource(coldStorageLifecycle, plan())).violations).to.deep.equal([]);
            const r = await checkResource(coldStorageLifecycle, plan((p) => (rule(p).copyActions[0].lifecycle = { coldStorageAfter: 30, deleteAfter: 100 })));
            expect(r.violations).to.deep.equal(['rule "daily" copy action 0 lifecycle.deleteAfter must be >= moveToColdStorageAfterDays + 90 (got 100 < 30 + 90).']);
        });

        it("fails cold storage on a continuous rule", async () => {
            const r = await checkResource(coldStorageLifecycle, plan((p) => {
                rule(p).enableContinuousBackup = true;
                rule(p).lifecycle = { coldStorageAfter: 7, deleteAfter: 35 };
            }));
            expect(r.violations[0]).to.contain("lifecycle.coldStorageAfter must not be set: continuous backups cannot move to cold storage");
        });
    });

    describe("backup-cross-region-copy", () => {
        it("passes a copy to another region and fails copies that stay home or are missing", async () => {
            expect((await checkResource(crossRegionCopy, plan())).violations).to.deep.equal([]);
            const sameRegion = await checkResource(crossRegionCopy, plan((p) => (rule(p).copyActions[0].destinationVaultArn = vaultArn("copies"))));
            expect(sameRegion.violations).to.deep.equal([`Every copy stays in ${HOME}.`]);
            const none = await checkResource(crossRegionCopy, plan((p) => delete rule(p).copyActions));
            expect(none.violations).to.deep.equal([`No rule copies recovery points out of ${HOME}.`]);
        });

        it("needs the provider's region, and cannot judge an unknown destination", async () => {
            const noProvider = await checkResource(crossRegionCopy, { type: aws.backup.Plan, props: planProps() });
            expect(noProvider.violations[0]).to.contain("Cannot tell the plan's region");
            const pending = await checkResource(crossRegionCopy, plan((p) => (rule(p).copyActions[0].destinationVaultArn = unknown.string)));
            expect(pending.cannotJudge).to.match(/destinationVaultArn/);
        });
    });

    describe("backup-vault-cmk", () => {
        const vault = (kmsKeyArn?: string) => ({ type: aws.backup.Vault, props: { name: "primary", kmsKeyArn } });

        it("passes a customer-managed key and fails none or the AWS-managed alias", async () => {
            expect((await checkResource(vaultCmk, vault("arn:aws:kms:eu-west-1:111111111111:key/1234"))).violations).to.deep.equal([]);
            expect((await checkResource(vaultCmk, vault())).violations[0]).to.contain("no kmsKeyArn");
            expect((await checkResource(vaultCmk, vault("arn:aws:kms:eu-west-1:111111111111:alias/aws/backup"))).violations[0]).to.contain("AWS-managed key");
        });

        it("cannot judge a key ARN unknown in preview", async () => {
            expect((await checkResource(vaultCmk, vault(unknown.string))).cannotJudge).to.match(/kmsKeyArn/);
        });
    });

    describe("stack rules", () => {
        const vault = (name = "primary", extra: Record<string, unknown> = {}) =>
            stackResource(aws.backup.Vault, name, { name, arn: vaultArn(name), kmsKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/1", ...extra });
        const lock = (v: PolicyResource, props: Record<string, unknown>) =>
            dependsOn(stackResource(aws.backup.VaultLockConfiguration, `${v.name}-lock`, { backupVaultName: v.props.name, ...props }), "backupVaultName", v);
        const denyDelete = {
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
            Resource: "*",
        };
        const planResource = () => stackResource(aws.backup.Plan, "daily", planProps());
        const vaultPolicy = (v: PolicyResource, ...statements: Record<string, unknown>[]) =>
            dependsOn(stackResource(aws.backup.VaultPolicy, `${v.name}-policy`, { backupVaultName: v.props.name, policy: policyDocument(...statements) }), "backupVaultName", v);

        describe("backup-vault-lock", () => {
            it("passes a lock with 90 days and fails a missing lock or a shorter minimum", async () => {
                const v = vault();
                expect((await checkStack(vaultLock, [v, lock(v, { minRetentionDays: 90, maxRetentionDays: 3650 })])).violations).to.deep.equal([]);
                const missing = await checkStack(vaultLock, [v]);
                expect(missing.violations[0]).to.contain("vault primary has no vault lock");
                expect(missing.urns).to.deep.equal([v.urn]);
                expect((await checkStack(vaultLock, [v, lock(v, { minRetentionDays: 7 })])).violations[0]).to.contain("minRetentionDays is 7; it must be at least 90");
            });

            it("finds a lock by vault name without a dependency, and can require compliance mode", async () => {
                const v = vault();
                const byName = stackResource(aws.backup.VaultLockConfiguration, "l", { backupVaultName: "primary", minRetentionDays: 100 });
                expect((await checkStack(vaultLock, [v, byName])).violations).to.deep.equal([]);
                const r = await checkStack(vaultLock, [v, byName], { requireComplianceMode: true });
                expect(r.violations[0]).to.contain("compliance mode (changeableForDays) is required");
            });

            it("cannot judge a lock whose vault name is unknown", async () => {
                const v = vault();
                const pending = stackResource(aws.backup.VaultLockConfiguration, "l", { backupVaultName: unknown.string, minRetentionDays: 100 });
                expect((await checkStack(vaultLock, [v, pending])).cannotJudge).to.match(/backupVaultName/);
            });
        });

        describe("backup-vault-deny-delete", () => {
            it("passes a blanket Deny and one with a break-glass exception", async () => {
                const v = vault();
                expect((await checkStack(vaultDenyDelete, [v, vaultPolicy(v, denyDelete)])).violations).to.deep.equal([]);
                const exception = { ...denyDelete, Action: "backup:*", Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/break-glass" } } };
                expect((await checkStack(vaultDenyDelete, [v, vaultPolicy(v, exception)])).violations).to.deep.equal([]);
            });

            it("fails a missing policy, a Deny of only deletion, and a Deny scoped by another condition", async () => {
                const v = vault();
                expect((await checkStack(vaultDenyDelete, [v])).violations[0]).to.contain("has no access policy");
                const partial = await checkStack(vaultDenyDelete, [v, vaultPolicy(v, { ...denyDelete, Action: "backup:DeleteRecoveryPoint" })]);
                expect(partial.violations).to.deep.equal(["vault primary: the access policy does not deny backup:UpdateRecoveryPointLifecycle to everyone."]);
                const scoped = { ...denyDelete, Condition: { StringEquals: { "aws:PrincipalTag/team": "x" } } };
                expect((await checkStack(vaultDenyDelete, [v, vaultPolicy(v, scoped)])).violations).to.have.length(1);
            });
        });

        describe("backup-audit-framework", () => {
            const framework = (...names: string[]) => stackResource(aws.backup.Framework, "audit", { controls: names.map((name) => ({ name })) });

            it("passes a stack with a framework and fails one that backs up without", async () => {
                expect((await checkStack(auditFramework, [vault(), planResource(), framework("BACKUP_RECOVERY_POINT_ENCRYPTED")])).violations).to.deep.equal([]);
                expect((await checkStack(auditFramework, [vault(), planResource()])).violations).to.deep.equal(["The stack backs up but has no backup audit framework with controls."]);
            });

            it("requires the configured controls, and is not applicable to a stack without backups", async () => {
                const r = await checkStack(auditFramework, [planResource(), framework("BACKUP_RECOVERY_POINT_ENCRYPTED")], {
                    requiredControls: ["BACKUP_RECOVERY_POINT_ENCRYPTED", "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"],
                });
                expect(r.violations).to.deep.equal(["No audit framework includes BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK."]);
                expect((await checkStack(auditFramework, [stackResource(aws.kms.Key, "k", {})])).notApplicable).to.contain("no backup plan or vault");
            });
        });

        describe("backup-plan-target-vaults", () => {
            const copies = () => stackResource(aws.backup.Vault, "copies", { name: "copies", arn: vaultArn("copies", "eu-central-1") });

            it("passes targets and copy destinations created in the stack", async () => {
                expect((await checkStack(planTargetVaults, [vault(), copies(), planResource()])).violations).to.deep.equal([]);
            });

            it("fails vaults that are neither in the stack nor external, and accepts them once listed", async () => {
                const r = await checkStack(planTargetVaults, [planResource()]);
                expect(r.violations).to.deep.equal([
                    "Plan daily: target vault primary is neither in this stack nor in externalVaults.",
                    `Plan daily: copy destination ${vaultArn("copies", "eu-central-1")} is neither in this stack nor in externalVaults.`,
                ]);
                const listed = await checkStack(planTargetVaults, [planResource()], { externalVaults: [vaultArn("primary"), vaultArn("copies", "eu-central-1")] });
                expect(listed.violations).to.deep.equal([]);
            });

            it("accepts a target unknown in preview when it comes from a vault of the stack, else cannot judge", async () => {
                const props = planProps();
                props.rules[0].targetVaultName = unknown.string;
                delete props.rules[0].copyActions;
                const v = vault();
                const fromVault = dependsOn(stackResource(aws.backup.Plan, "daily", props), "rules", v);
                expect((await checkStack(planTargetVaults, [v, fromVault])).violations).to.deep.equal([]);
                const r = await checkStack(planTargetVaults, [v, stackResource(aws.backup.Plan, "daily", props)]);
                expect(r.cannotJudge).to.match(/targetVaultName/);
            });
        });
    });
});
