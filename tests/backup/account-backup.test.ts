// AccountBackup and its components under the offline mocks: what is registered, through
// which provider, with which options and dependencies.

import { expect } from "chai";
import { AccountBackup } from "../../components/backup";
import type { GatevaultConfig } from "../../components/config";
import { ProviderSet } from "../../components/shared/providers";
import type { PlannedResource } from "../../tools/plan/index";
import { PlannedProgram, planFailure, planProgram, stackConfig } from "../support/plan-program";

const T = {
    key: "aws:kms/key:Key",
    vault: "aws:backup/vault:Vault",
    lock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    vaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
    notifications: "aws:backup/vaultNotifications:VaultNotifications",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    role: "aws:iam/role:Role",
    framework: "aws:backup/framework:Framework",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    reportPlan: "aws:backup/reportPlan:ReportPlan",
    restoreSelection: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
    globalSettings: "aws:backup/globalSettings:GlobalSettings",
    provider: "pulumi:providers:aws",
};

function accountBackup(config: GatevaultConfig): () => unknown {
    return () => {
        const providers = new ProviderSet(config);
        const backup = new AccountBackup("backup", { config: config.backup!, environment: config.environment, accountId: config.accountId, region: config.region, providers });
        return backup.outputs;
    };
}

const providerOf = (plan: PlannedProgram, r: PlannedResource) => plan.providerOf(r)?.name;
const arnOf = (r: PlannedResource) => String(r.record.wireOutputs?.arn);
const urnsOf = (rs: PlannedResource[]) => rs.map((r) => r.urn);

describe("AccountBackup under the offline mocks", () => {
    let prod: PlannedProgram;
    let dev: PlannedProgram;
    before(async () => {
        prod = await planProgram(accountBackup(stackConfig("prod")), { stack: "prod" });
        dev = await planProgram(accountBackup(stackConfig("dev")));
    });

    it("creates the copy vault through the copy region's provider and the central vault through the backup account's", () => {
        const vaults = prod.ofType(T.vault);
        expect(vaults.map((v) => [v.name, providerOf(prod, v), arnOf(v)])).to.deep.equal([
            ["backup-vault-vault", "aws", "arn:aws:backup:eu-west-1:222222222222:backup-vault:gatevault-prod"],
            ["backup-vault-eu-central-1-vault", "aws-eu-central-1", "arn:aws:backup:eu-central-1:222222222222:backup-vault:gatevault-prod"],
            ["backup-central-vault-vault", "aws-555555555555-eu-west-1", "arn:aws:backup:eu-west-1:555555555555:backup-vault:gatevault-central"],
        ]);
        const central = prod.rawInputs(prod.one(T.provider, "aws-555555555555-eu-west-1"));
        expect(JSON.parse(central.assumeRoles)[0].roleArn).to.equal("arn:aws:iam::555555555555:role/gatevault-backup-deployer");
    });

    it("encrypts each vault with its own customer-managed key, in the vault's region and account, with rotation on", () => {
        const keys = prod.ofType(T.key);
        expect(keys).to.have.length(3);
        for (const key of keys) expect(prod.rawInputs(key).enableKeyRotation, key.name).to.equal(true);
        for (const vault of prod.ofType(T.vault)) {
            const key = prod.one(T.key, vault.name.replace(/-vault$/, "-key"));
            expect(prod.rawInputs(vault).kmsKeyArn).to.equal(arnOf(key));
            expect(providerOf(prod, key)).to.equal(providerOf(prod, vault));
        }
        const centralKey = JSON.parse(prod.rawInputs(prod.one(T.key, "backup-central-vault-key")).policy);
        expect(centralKey.Statement.find((s: any) => s.Sid === "AccountKeyAdministration").Principal.AWS).to.equal("arn:aws:iam::555555555555:root");
        // Shared with the stack's account only (issue 12 item 6); the matrix in vault-access-matrix.test.ts evaluates it.
        const peers = centralKey.Statement.find((s: any) => s.Sid === "CopyPeersUseThroughAwsBackup");
        expect(peers.Principal).to.deep.equal({ AWS: ["arn:aws:iam::222222222222:root"] });
        expect(peers.Condition.StringEquals).to.deep.equal({ "kms:ViaService": "backup.eu-west-1.amazonaws.com", "aws:PrincipalOrgID": "o-a1b2c3d4e5" });
    });

    it("copies to the vault ARNs in the other region and the other account", () => {
        const rules = prod.rawInputs(prod.one(T.plan)).rules;
        expect(rules.map((r: any) => [r.ruleName, r.targetVaultName, r.copyActions.map((c: any) => c.destinationVaultArn)])).to.deep.equal([
            ["daily", "gatevault-prod", [arnOf(prod.one(T.vault, "backup-vault-eu-central-1-vault"))]],
            ["monthly", "gatevault-prod", [arnOf(prod.one(T.vault, "backup-central-vault-vault"))]],
        ]);
        expect(rules[0].copyActions[0].destinationVaultArn).to.contain(":eu-central-1:222222222222:");
        expect(rules[1].copyActions[0].destinationVaultArn).to.contain(":eu-west-1:555555555555:");
        expect(rules[1].lifecycle).to.deep.equal({ coldStorageAfter: 30, deleteAfter: 365 });
    });

    it("prod: keys, vaults and vault policies are protected and retained on delete; locks are retained", () => {
        for (const type of [T.key, T.vault, T.vaultPolicy]) {
            const resources = prod.ofType(type);
            expect(resources.length, type).to.be.greaterThan(0);
            for (const r of resources) expect(r.record.options, r.name).to.include({ protect: true, retainOnDelete: true });
        }
        const keyPolicy = JSON.parse(prod.rawInputs(prod.one(T.key, "backup-vault-key")).policy);
        expect(keyPolicy.Statement.map((s: any) => s.Sid)).to.include("DenyKeyDeletionExceptBreakGlass");
    });

    // hashicorp/terraform-provider-aws internal/service/backup/vault_lock_configuration.go and
    // vault_notifications.go: every field ForceNew, id = the vault name, no Update. Pulumi
    // replaces create-before-delete by default, so the old resource's Delete would remove the
    // configuration just put.
    it("a lock or notification change never leaves the vault without them (ForceNew singletons keyed by vault name)", async () => {
        for (const lock of prod.ofType(T.lock)) {
            // Retained: the replacement is a Put and the old lock is forgotten, never deleted; protect would refuse the replacement.
            expect(lock.record.options, lock.name).to.include({ retainOnDelete: true, protect: false });
            expect(lock.record.options.deleteBeforeReplace, lock.name).to.not.equal(false);
        }
        for (const n of prod.ofType(T.notifications)) expect(n.record.options.deleteBeforeReplace, n.name).to.equal(true);
        const locked = await planProgram(
            accountBackup(stackConfig("dev", (c) => (c["gatevault:backup"].vault.lock = { minRetentionDays: 7, maxRetentionDays: 35 }))),
        );
        expect(locked.one(T.lock).record.options).to.include({ deleteBeforeReplace: true, retainOnDelete: false });
    });

    it("dev: nothing is protected or retained, there is no lock and no central vault", () => {
        for (const r of dev.resources) expect(r.record.options, r.name).to.include({ protect: false, retainOnDelete: false });
        expect(dev.ofType(T.lock)).to.have.length(0);
        expect(dev.ofType(T.vault)).to.have.length(1);
        expect(dev.ofType(T.provider).map((p) => p.name)).to.deep.equal(["aws"]);
        const keyPolicy = JSON.parse(dev.rawInputs(dev.one(T.key)).policy);
        expect(keyPolicy.Statement.map((s: any) => s.Sid)).to.not.include("DenyKeyDeletionExceptBreakGlass");
    });

    it("locks in governance mode by default: min and max retention, no changeableForDays", () => {
        expect(prod.ofType(T.lock).map((l) => prod.rawInputs(l))).to.deep.equal([
            { backupVaultName: "gatevault-prod", minRetentionDays: 90, maxRetentionDays: 3650 },
            { backupVaultName: "gatevault-prod", minRetentionDays: 90, maxRetentionDays: 3650 },
            { backupVaultName: "gatevault-central", minRetentionDays: 90, maxRetentionDays: 3650 },
        ]);
        expect(prod.result.warnings).to.deep.equal([]);
    });

    it("writes the access policy after its vault, and notifications after the topic policy that lets AWS Backup publish", () => {
        const policy = prod.one(T.vaultPolicy, "backup-vault-policy");
        expect(policy.record.propertyDependencies.backupVaultName).to.include(prod.one(T.vault, "backup-vault-vault").urn);
        const notifications = prod.one(T.notifications, "backup-vault-notifications");
        expect(notifications.record.dependencies).to.include(prod.one(T.topicPolicy, "backup-vault-events-policy").urn);
        expect(prod.rawInputs(notifications).backupVaultEvents).to.include.members(["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"]);
    });

    it("vault policies: each names its own account's break-glass and deploy roles; copies come in from the copy peers only", () => {
        const policyOf = (name: string) => JSON.parse(prod.rawInputs(prod.one(T.vaultPolicy, name)).policy);
        const sids = ["DenyRecoveryPointDeletionExceptBreakGlass", "DenyVaultChangesExceptDeployerAndBreakGlass"];
        const central = policyOf("backup-central-vault-policy");
        expect(central.Statement.map((s: any) => s.Sid)).to.deep.equal([...sids, "AllowCopiesFromPeerAccounts"]);
        expect(central.Statement[0].Condition.ArnNotEquals["aws:PrincipalArn"]).to.equal("arn:aws:iam::555555555555:role/backup-break-glass");
        expect(central.Statement[1].Condition.ArnNotEquals["aws:PrincipalArn"]).to.deep.equal([
            "arn:aws:iam::555555555555:role/backup-break-glass",
            "arn:aws:iam::555555555555:role/gatevault-backup-deployer",
        ]);
        expect(central.Statement[2].Principal).to.deep.equal({ AWS: ["arn:aws:iam::222222222222:root"] });
        const primary = policyOf("backup-vault-policy");
        expect(primary.Statement.map((s: any) => s.Sid)).to.deep.equal([...sids, "AllowCopiesFromPeerAccounts"]);
        expect(primary.Statement[1].Condition.ArnNotEquals["aws:PrincipalArn"]).to.deep.equal([
            "arn:aws:iam::222222222222:role/backup-break-glass",
            "arn:aws:iam::222222222222:role/gatevault-deploy",
        ]);
        expect(primary.Statement[2].Principal).to.deep.equal({ AWS: ["arn:aws:iam::555555555555:root"] });
        expect(policyOf("backup-vault-eu-central-1-policy").Statement.map((s: any) => s.Sid)).to.deep.equal(sids);
    });

    it("selects the tier by conditions, with a role whose managed policies are attached first", () => {
        const selection = prod.one(T.selection);
        const inputs = prod.rawInputs(selection);
        expect(inputs).to.deep.include({ name: "standard-daily", resources: ["*"], planId: prod.one(T.plan).record.id });
        expect(inputs.conditions).to.deep.equal([{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "Daily" }] }]);
        expect(inputs).to.not.have.property("selectionTags");
        const backupAttachments = prod.ofType(T.attachment).filter((a) => a.name.startsWith("backup-standard-backup-"));
        expect(backupAttachments.map((a) => prod.rawInputs(a).policyArn)).to.include.members([
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        expect(selection.record.dependencies).to.include.members([prod.one(T.role, "backup-standard-backup-role").urn, ...urnsOf(backupAttachments)]);
        const trust = JSON.parse(prod.rawInputs(prod.one(T.role, "backup-standard-backup-role")).assumeRolePolicy);
        expect(trust.Statement[0].Principal).to.deep.equal({ Service: "backup.amazonaws.com" });
    });

    it("audit: framework controls from config, reports to a private encrypted bucket after its policy", () => {
        const controls = prod.rawInputs(prod.one(T.framework)).controls.map((c: any) => c.name);
        expect(controls).to.include.members(["BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT", "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"]);
        expect(prod.rawInputs(prod.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"))).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(prod.rawInputs(prod.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls")).rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
        const sse = prod.rawInputs(prod.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"));
        expect(sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("AES256");
        const bucketPolicy = prod.one(T.bucketPolicy);
        expect(bucketPolicy.record.dependencies).to.include(prod.one(T.framework).urn);
        expect(JSON.parse(prod.rawInputs(bucketPolicy).policy).Statement[0].Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
        const reports = prod.ofType(T.reportPlan);
        expect(reports.map((r) => prod.rawInputs(r).reportSetting.reportTemplate)).to.have.members(["CONTROL_COMPLIANCE_REPORT", "BACKUP_JOB_REPORT", "RESTORE_JOB_REPORT"]);
        for (const r of reports) expect(r.record.dependencies, r.name).to.include(bucketPolicy.urn);
    });

    it("restore testing: a plan on the primary vault and one selection per resource type, each after its role", () => {
        const plan = prod.rawInputs(prod.one("aws:backup/restoreTestingPlan:RestoreTestingPlan"));
        expect(plan.recoveryPointSelection).to.deep.equal({
            algorithm: "LATEST_WITHIN_WINDOW",
            includeVaults: [arnOf(prod.one(T.vault, "backup-vault-vault"))],
            recoveryPointTypes: ["SNAPSHOT"],
            selectionWindowDays: 7,
        });
        const selections = prod.ofType(T.restoreSelection);
        expect(selections.map((s) => prod.rawInputs(s).protectedResourceType)).to.deep.equal(["EBS", "RDS"]);
        const restoreRole = prod.one(T.role, "backup-restore-testing-restore-role");
        for (const s of selections) {
            expect(prod.rawInputs(s)).to.include({ restoreTestingPlanName: plan.name, iamRoleArn: arnOf(restoreRole) });
            expect(s.record.dependencies).to.include(restoreRole.urn);
        }
        const restorePolicies = prod.ofType(T.attachment).filter((a) => a.name.startsWith("backup-restore-testing-restore-"));
        expect(restorePolicies.map((a) => prod.rawInputs(a).policyArn)).to.deep.equal(["arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"]);
    });

    it("keeps credentials out: providers assume roles, and nothing secret is exported", () => {
        for (const p of prod.ofType(T.provider)) {
            expect(prod.rawInputs(p), p.name).to.not.have.any.keys("accessKey", "secretKey", "token", "profile");
        }
        expect(prod.result.secretOutputs).to.deep.equal([]);
        expect(prod.outputs).to.have.keys("vaultArn", "copyVaultArns", "planIds", "centralVaultArn", "auditFrameworkArn", "auditReportBucket", "restoreTestingPlan");
    });

    it("creates no GlobalSettings itself: cross-account backup is a management-account setting (see stacks.test.ts)", () => {
        expect(prod.ofType(T.globalSettings)).to.have.length(0);
    });

    it("refuses to start when the config places vaults wrongly, before registering anything of its own", async () => {
        const config = stackConfig("prod", (c) => (c["gatevault:backup"].breakGlassRoleArn = "arn:aws:iam::999999999999:role/break-glass"));
        const failure = (await planFailure(accountBackup(config), { stack: "prod" })).plan;
        expect(failure?.error?.kind).to.equal("config");
        expect(failure?.error?.problems?.map((p) => p.path)).to.deep.equal(["gatevault:backup.breakGlassRoleArn"]);
        expect(failure?.resources.filter((r) => r.type.startsWith("gatevault:backup:") || r.type.startsWith("aws:"))).to.deep.equal([]);
    });

    it("attaches the S3 policies only when the selection can reach S3", async () => {
        const plan = await planProgram(
            accountBackup(stackConfig("dev", (c) => (c["gatevault:backup"].plans[0].selection = { resources: ["arn:aws:dynamodb:eu-west-1:111111111111:table/orders"] }))),
        );
        expect(plan.ofType(T.attachment).map((a) => plan.rawInputs(a).policyArn)).to.deep.equal([
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        expect(plan.rawInputs(plan.one(T.selection))).to.deep.include({ name: "standard-resources", resources: ["arn:aws:dynamodb:eu-west-1:111111111111:table/orders"] });
        expect(dev.ofType(T.attachment).map((a) => dev.rawInputs(a).policyArn)).to.include("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup");
    });
});
