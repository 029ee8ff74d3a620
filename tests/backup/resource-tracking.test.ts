// Backup Audit Manager evaluates only what AWS Config records (AWS Backup Developer Guide,
// turning-on-resource-tracking.html; the resource type each control needs:
// choosing-controls.html). gatevault either creates the account's recorder or is told one
// exists; left unsaid, the plan warns.

import { expect } from "chai";
import { BackupAudit } from "../../components/backup";
import { frameworkControls } from "../../components/backup/audit-controls";
import { recordingTypes } from "../../components/backup/config-recording";
import { reportBucketPolicy } from "../../components/backup/policies/report-bucket-policy";
import { ProviderSet } from "../../components/shared/providers";
import { evaluateAccess } from "../../components/shared/iam";
import { planProgram, stackConfig } from "../support/plan-program";

/** Only the audit part of the prod stack's backup, with its resourceTracking set to `tracking`. */
function audit(tracking?: "existing" | "managed"): () => unknown {
    const config = stackConfig("prod", (c) => (c["gatevault:backup"].audit.resourceTracking = tracking));
    const backup = config.backup!;
    return () =>
        new BackupAudit("backup-audit", {
            audit: backup.audit!,
            frameworkName: "gatevault_prod",
            controlDefaults: { breakGlassRoleArn: backup.breakGlassRoleArn, copyRegions: ["eu-central-1"], centralAccountId: "555555555555", lock: backup.vault.lock },
            accountId: config.accountId,
            partition: "aws",
            provider: new ProviderSet(config).main,
        }).frameworkArn;
}

describe("AWS Config recording for Backup Audit Manager", () => {
    it("records exactly the AWS Backup resource types the chosen controls are evaluated on", () => {
        const defaults = { breakGlassRoleArn: "arn:aws:iam::222222222222:role/b", copyRegions: ["eu-central-1"], centralAccountId: "555555555555" };
        expect(recordingTypes(frameworkControls({ planFrequencyAndRetention: { frequencyUnit: "days", frequencyValue: 1, retentionDays: 35 } }, defaults))).to.deep.equal(["AWS::Backup::BackupPlan"]);
        expect(recordingTypes(frameworkControls({ recoveryPointEncrypted: {}, manualDeletionDisabled: {}, resourcesProtectedByPlan: {} }, defaults))).to.deep.equal([
            "AWS::Backup::BackupSelection",
            "AWS::Backup::BackupVault",
            "AWS::Backup::RecoveryPoint",
        ]);
        // "Restore time for resources meet target": AWS Config recording resource type "None".
        expect(recordingTypes(frameworkControls({}, { ...defaults, restoreTestedTypes: ["EBS"] }))).to.deep.equal([]);
    });

    it("warns when the stack does not say how the account's resources are recorded, and says nothing once it does", async () => {
        const unsaid = await planProgram(audit(undefined), { stack: "prod" });
        expect(unsaid.result.warnings).to.have.length(1);
        expect(unsaid.result.warnings[0]).to.match(
            /^backup-audit: Backup Audit Manager evaluates only what AWS Config records, and these controls need AWS::Backup::BackupPlan, AWS::Backup::BackupSelection, AWS::Backup::BackupVault, AWS::Backup::RecoveryPoint recorded in account 222222222222/,
        );
        expect(unsaid.ofType("aws:cfg/recorder:Recorder")).to.deep.equal([]);
    });

    it("managed: the account's recorder records those types only, delivers to the report bucket, and is started after its channel", async () => {
        const plan = await planProgram(audit("managed"), { stack: "prod" });
        expect(plan.result.warnings).to.deep.equal([]);
        const recorder = plan.one("aws:cfg/recorder:Recorder");
        // allSupported defaults to true and conflicts with resourceTypes (the provider's recorder schema).
        expect(plan.rawInputs(recorder).recordingGroup).to.deep.equal({
            allSupported: false,
            resourceTypes: ["AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection", "AWS::Backup::BackupVault", "AWS::Backup::RecoveryPoint"],
            recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }],
        });
        const channel = plan.one("aws:cfg/deliveryChannel:DeliveryChannel");
        expect(plan.rawInputs(channel)).to.include({ s3BucketName: plan.one("aws:s3/bucket:Bucket").record.id, s3KeyPrefix: "aws-config" });
        const status = plan.one("aws:cfg/recorderStatus:RecorderStatus");
        expect(plan.rawInputs(status)).to.include({ isEnabled: true });
        expect(status.record.dependencies).to.include(channel.urn);
        const role = plan.rawInputs(plan.one("aws:iam/role:Role", "backup-audit-config-role"));
        expect(JSON.parse(role.assumeRolePolicy).Statement[0].Principal).to.deep.equal({ Service: "config.amazonaws.com" });
    });

    // AWS Config Developer Guide, s3-bucket-policy.html: evaluated, not read.
    it("the report bucket lets AWS Config deliver for this account under its prefix only, and still only over TLS", () => {
        const bucketArn = "arn:aws:s3:::reports";
        const policy = reportBucketPolicy({ bucketArn, partition: "aws", accountId: "222222222222", configPrefix: "aws-config" });
        const config = { kind: "service" as const, service: "config.amazonaws.com" };
        const put = (resource: string, context: Record<string, string>) =>
            evaluateAccess({ principal: config, action: "s3:PutObject", resource, resourceAccount: "222222222222", resourcePolicy: policy, context }).decision;
        const ok = { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": "222222222222", "aws:SecureTransport": "true" };
        expect(put(`${bucketArn}/aws-config/AWSLogs/222222222222/Config/eu-west-1/snapshot.json.gz`, ok)).to.equal("allow");
        expect(put(`${bucketArn}/backup-reports/x.csv`, ok)).to.equal("implicit-deny");
        expect(put(`${bucketArn}/aws-config/AWSLogs/222222222222/Config/x`, { ...ok, "AWS:SourceAccount": "999999999999" })).to.equal("implicit-deny");
        expect(put(`${bucketArn}/aws-config/AWSLogs/222222222222/Config/x`, { ...ok, "aws:SecureTransport": "false" })).to.equal("explicit-deny");
        const acl = evaluateAccess({ principal: config, action: "s3:GetBucketAcl", resource: bucketArn, resourceAccount: "222222222222", resourcePolicy: policy, context: ok }).decision;
        expect(acl).to.equal("allow");
        // Without a managed recorder, AWS Config gets nothing.
        const without = reportBucketPolicy({ bucketArn, partition: "aws", accountId: "222222222222" });
        expect(evaluateAccess({ principal: config, action: "s3:GetBucketAcl", resource: bucketArn, resourceAccount: "222222222222", resourcePolicy: without, context: ok }).decision).to.equal("implicit-deny");
    });
});
