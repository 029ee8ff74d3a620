// The IAM policy documents the backup components attach, as pure data.

import { expect } from "chai";
import { backupReportsRoleArn, managedPolicyArn, partitionOf } from "../../components/backup/arns";
import { PolicyDocument, PolicyStatement } from "../../components/backup/policies/document";
import { KEY_ADMIN_ACTIONS, vaultKeyPolicy, VaultKeyPolicyInput } from "../../components/backup/policies/key-policy";
import { reportBucketPolicy } from "../../components/backup/policies/report-bucket-policy";
import { backupRolePolicies, backupServiceTrustPolicy, restoreRolePolicies } from "../../components/backup/policies/service-role";
import { notificationTopicPolicy } from "../../components/backup/policies/topic-policy";
import { vaultAccessPolicy } from "../../components/backup/policies/vault-access-policy";

const BREAK_GLASS = "arn:aws:iam::222222222222:role/backup-break-glass";
const keyInput: VaultKeyPolicyInput = {
    partition: "aws",
    accountId: "222222222222",
    region: "eu-west-1",
    breakGlassRoleArn: BREAK_GLASS,
    deployRoleArn: "arn:aws:iam::222222222222:role/gatevault-deploy",
    denyDeletion: false,
};

const actionsOf = (s: PolicyStatement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const statement = (doc: PolicyDocument, sid: string) => {
    const found = doc.Statement.find((s) => s.Sid === sid);
    if (!found) throw new Error(`no statement ${sid} in ${doc.Statement.map((s) => s.Sid).join(", ")}`);
    return found;
};

/** No Allow statement grants a wildcard action (the catalogue's cross-cutting rule). */
function expectNoWildcardAllows(doc: PolicyDocument): void {
    for (const s of doc.Statement.filter((s) => s.Effect === "Allow")) {
        for (const action of actionsOf(s)) expect(action, `${s.Sid} grants ${action}`).to.not.contain("*");
    }
}

describe("backup policy documents", () => {
    describe("vault key policy", () => {
        it("lets the account administer the key without a wildcard, and never disable rotation", () => {
            const doc = vaultKeyPolicy(keyInput);
            const admin = statement(doc, "AccountKeyAdministration");
            expect(admin.Principal).to.deep.equal({ AWS: "arn:aws:iam::222222222222:root" });
            expect(actionsOf(admin)).to.include.members(["kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:ScheduleKeyDeletion"]);
            expect(actionsOf(admin)).to.not.include("kms:DisableKeyRotation");
            expectNoWildcardAllows(doc);
        });

        it("lets the account use the key only through AWS Backup in the key's region", () => {
            const use = statement(vaultKeyPolicy(keyInput), "AccountUseThroughAwsBackup");
            expect(use.Condition).to.deep.equal({ StringEquals: { "kms:ViaService": "backup.eu-west-1.amazonaws.com", "kms:CallerAccount": "222222222222" } });
            expect(actionsOf(use)).to.include.members(["kms:Decrypt", "kms:GenerateDataKey"]);
            const grants = statement(vaultKeyPolicy(keyInput), "AccountGrantsForAwsResources");
            expect(grants.Condition).to.deep.equal({ Bool: { "kms:GrantIsForAWSResource": "true" } });
        });

        it("lets AWS Backup encrypt its notifications for this account only", () => {
            const sns = statement(vaultKeyPolicy(keyInput), "AwsBackupNotificationsEncryption");
            expect(sns.Principal).to.deep.equal({ Service: "backup.amazonaws.com" });
            expect(sns.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "222222222222" } });
        });

        // Issue 12 item 6: AWS KMS Developer Guide, conditions-kms.html#conditions-kms-via-service;
        // AWS Backup Developer Guide, create-cross-account-backup.html.
        it("shares the key only with the vault's copy peers, only through AWS Backup in the key's region", () => {
            expect(vaultKeyPolicy({ ...keyInput, organizationId: "o-a1b2c3d4e5" }).Statement.map((s) => s.Sid)).to.not.include("CopyPeersUseThroughAwsBackup");
            const doc = vaultKeyPolicy({ ...keyInput, organizationId: "o-a1b2c3d4e5", copyPeers: { accounts: ["333333333333"] } });
            for (const sid of ["CopyPeersUseThroughAwsBackup", "CopyPeersGrantsThroughAwsBackup"]) {
                const s = statement(doc, sid);
                expect(s.Principal).to.deep.equal({ AWS: ["arn:aws:iam::333333333333:root"] });
                expect(s.Condition?.StringEquals).to.deep.equal({ "kms:ViaService": "backup.eu-west-1.amazonaws.com", "aws:PrincipalOrgID": "o-a1b2c3d4e5" });
            }
            expect(actionsOf(statement(doc, "CopyPeersUseThroughAwsBackup"))).to.not.include.members([...KEY_ADMIN_ACTIONS].filter((a) => a !== "kms:DescribeKey"));
            expect(statement(doc, "CopyPeersGrantsThroughAwsBackup").Condition?.Bool).to.deep.equal({ "kms:GrantIsForAWSResource": "true" });
            expectNoWildcardAllows(doc);
            const org = statement(vaultKeyPolicy({ ...keyInput, organizationId: "o-a1b2c3d4e5", copyPeers: { organization: true } }), "CopyPeersUseThroughAwsBackup");
            expect(org.Principal).to.deep.equal({ AWS: "*" });
            expect(org.Condition?.StringEquals).to.deep.equal({ "kms:ViaService": "backup.eu-west-1.amazonaws.com", "aws:PrincipalOrgID": "o-a1b2c3d4e5" });
            expect(() => vaultKeyPolicy({ ...keyInput, copyPeers: { organization: true } })).to.throw(/needs organizationId/);
        });

        it("denies disabling or deleting the key to all but the break-glass role when asked (prod)", () => {
            expect(vaultKeyPolicy(keyInput).Statement.map((s) => s.Sid)).to.not.include("DenyKeyDeletionExceptBreakGlass");
            const deny = statement(vaultKeyPolicy({ ...keyInput, denyDeletion: true }), "DenyKeyDeletionExceptBreakGlass");
            expect(deny.Effect).to.equal("Deny");
            expect(actionsOf(deny)).to.have.members(["kms:ScheduleKeyDeletion", "kms:DisableKey"]);
            expect(deny.Condition).to.deep.equal({ ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } });
        });
    });

    // The allow/deny outcomes of these documents are evaluated in vault-access-matrix.test.ts;
    // here, their shape.
    describe("vault access policy", () => {
        const DEPLOYER = "arn:aws:iam::222222222222:role/gatevault-deploy";
        const base = { partition: "aws", breakGlassRoleArn: BREAK_GLASS, deployRoleArn: DEPLOYER };
        const denied = (doc: PolicyDocument, sid: string) => actionsOf(statement(doc, sid));

        it("retained (prod): only break-glass may delete, shorten lifecycles or remove the lock; the deployer may also change the policy and lock", () => {
            const doc = vaultAccessPolicy({ ...base, retained: true });
            expect(denied(doc, "DenyRecoveryPointDeletionExceptBreakGlass")).to.have.members([
                "backup:DeleteRecoveryPoint",
                "backup:UpdateRecoveryPointLifecycle",
                "backup:DisassociateRecoveryPoint",
                "backup:DeleteBackupVaultAccessPolicy",
                "backup:DeleteBackupVaultLockConfiguration",
                "backup:DeleteBackupVault",
            ]);
            expect(statement(doc, "DenyRecoveryPointDeletionExceptBreakGlass").Condition).to.deep.equal({ ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } });
            expect(denied(doc, "DenyVaultChangesExceptDeployerAndBreakGlass")).to.have.members(["backup:PutBackupVaultAccessPolicy", "backup:PutBackupVaultLockConfiguration"]);
            expect(statement(doc, "DenyVaultChangesExceptDeployerAndBreakGlass").Condition).to.deep.equal({ ArnNotEquals: { "aws:PrincipalArn": [BREAK_GLASS, DEPLOYER] } });
            for (const s of doc.Statement) expect(s).to.deep.include({ Effect: "Deny", Principal: { AWS: "*" }, Resource: "*" });
        });

        it("not retained (dev): the deployer may also delete what pulumi destroy deletes, never shorten a lifecycle", () => {
            const doc = vaultAccessPolicy({ ...base, retained: false });
            expect(denied(doc, "DenyRecoveryPointDeletionExceptBreakGlass")).to.have.members(["backup:UpdateRecoveryPointLifecycle", "backup:DisassociateRecoveryPoint"]);
            expect(denied(doc, "DenyVaultChangesExceptDeployerAndBreakGlass")).to.include.members(["backup:DeleteRecoveryPoint", "backup:DeleteBackupVault", "backup:DeleteBackupVaultLockConfiguration"]);
            // One role as both: a single exception, not a list with a duplicate.
            const same = vaultAccessPolicy({ ...base, deployRoleArn: BREAK_GLASS, retained: false });
            expect(statement(same, "DenyVaultChangesExceptDeployerAndBreakGlass").Condition).to.deep.equal({ ArnNotEquals: { "aws:PrincipalArn": BREAK_GLASS } });
        });

        it("accepts copies from the organization's accounts on a vault that asks for it", () => {
            const allow = statement(vaultAccessPolicy({ ...base, retained: true, copySources: { organization: true }, organizationId: "o-a1b2c3d4e5" }), "AllowCopiesFromOrganization");
            expect(allow).to.deep.include({ Effect: "Allow", Action: "backup:CopyIntoBackupVault", Principal: { AWS: "*" } });
            expect(allow.Condition).to.deep.equal({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } });
            expect(() => vaultAccessPolicy({ ...base, retained: true, copySources: { organization: true } })).to.throw(/needs organizationId/);
        });

        it("accepts copies from named peer accounts only, without widening the denies", () => {
            const doc = vaultAccessPolicy({ ...base, retained: true, copySources: { accounts: ["333333333333"] }, organizationId: "o-a1b2c3d4e5" });
            expect(doc.Statement.map((s) => s.Sid)).to.deep.equal(["DenyRecoveryPointDeletionExceptBreakGlass", "DenyVaultChangesExceptDeployerAndBreakGlass", "AllowCopiesFromPeerAccounts"]);
            expect(statement(doc, "AllowCopiesFromPeerAccounts")).to.deep.include({
                Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::333333333333:root"] },
                Action: "backup:CopyIntoBackupVault",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            });
            expectNoWildcardAllows(doc);
        });
    });

    it("topic policy: AWS Backup publishes for this account, over TLS", () => {
        const topicArn = "arn:aws:sns:eu-west-1:222222222222:events";
        const doc = notificationTopicPolicy({ topicArn, accountId: "222222222222" });
        expect(statement(doc, "AwsBackupPublishesVaultEvents")).to.deep.include({
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { StringEquals: { "aws:SourceAccount": "222222222222" } },
        });
        expect(statement(doc, "DenyPublishWithoutTls").Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
        expectNoWildcardAllows(doc);
    });

    it("backup role trust: AWS Backup only, and no Resource (IAM rejects one in a trust policy)", () => {
        const [trust] = backupServiceTrustPolicy().Statement;
        expect(trust).to.deep.equal({ Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" });
    });

    it("attaches AWS's managed backup and restore policies, and the S3 ones only for S3", () => {
        expect(backupRolePolicies({ s3: false }).map((p) => managedPolicyArn("aws", p))).to.deep.equal([
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        ]);
        expect(backupRolePolicies({ s3: true }).map((p) => managedPolicyArn("aws", p))).to.include.members([
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
        ]);
        expect(restoreRolePolicies({ s3: false })).to.deep.equal(["restore"]);
        expect(restoreRolePolicies({ s3: true })).to.deep.equal(["restore", "s3-restore"]);
        expect(managedPolicyArn(partitionOf("cn-north-1"), "backup")).to.match(/^arn:aws-cn:iam::aws:policy\//);
        expect(partitionOf("us-gov-west-1")).to.equal("aws-us-gov");
    });

    it("report bucket policy: TLS only, and Audit Manager's service-linked role writes owner-controlled objects", () => {
        const bucketArn = "arn:aws:s3:::reports";
        const doc = reportBucketPolicy({ bucketArn, partition: "aws", accountId: "222222222222" });
        const deny = statement(doc, "DenyRequestsWithoutTls");
        expect(deny).to.deep.include({ Effect: "Deny", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
        const allow = statement(doc, "AwsBackupAuditManagerDeliversReports");
        expect(allow.Principal).to.deep.equal({ AWS: backupReportsRoleArn("aws", "222222222222") });
        expect(allow).to.deep.include({ Action: "s3:PutObject", Resource: `${bucketArn}/*` });
        expect(allow.Condition).to.deep.equal({ StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } });
        expectNoWildcardAllows(doc);
    });
});
