// The CloudFormation template an OU's StackSet deploys (components/backup/org-policy/stack-set),
// built from the prod stack's config: what it creates for the OU's effective policy, how it
// keeps vaults and keys, and AWS's CloudFormation resource specification (@aws-cdk/aws-service-spec)
// as the judge of every property. Expectations come from the AWS pages cited beside each test,
// not from the builder's output.

import { expect } from "chai";
import { stackSetDeployments, StackSetDeployment } from "../../components/backup/org-policy/stack-set/deployments";
import { CfnResource, MAX_TEMPLATE_BODY_BYTES, memberTemplate } from "../../components/backup/org-policy/stack-set/template";
import { VAULT_NOTIFICATION_EVENTS } from "../../components/backup/vault-definition";
import { templateSpecProblems } from "../../tools/plan/cfn-spec";
import { stackConfig } from "../support/config-problems";

const prod = stackConfig("prod");
const [workloads] = stackSetDeployments(prod.orgBackupPolicies!, prod.region);

const ofType = (d: StackSetDeployment, type: string): [string, CfnResource][] => Object.entries(d.template.Resources).filter(([, r]) => r.Type === type);
const vaultNamed = (d: StackSetDeployment, name: string) => ofType(d, "AWS::Backup::BackupVault").find(([, r]) => r.Properties.BackupVaultName === name)!;

describe("StackSet template for an OU's effective policy", () => {
    it("one StackSet for the opted-in workloads OU, covering its child OU payments", () => {
        expect(stackSetDeployments(prod.orgBackupPolicies!, prod.region).map((d) => d.set.ouId)).to.deep.equal(["ou-a1b2-workload"]);
        expect(workloads.set.coveredUnits).to.deep.equal(["ou-a1b2-workload", "ou-a1b2-payments"]);
    });

    it("a vault named targetVaultName in every plan region and one for each same-account copy target, each created only in its own region", () => {
        // Plans run in eu-west-1 into gatevault-backups and copy to gatevault-backups-copy in
        // eu-central-1 (Pulumi.prod.yaml). A template serves every region's stack, so a regional
        // resource carries a Condition comparing AWS::Region (conditions-section-structure.html).
        const vaults = ofType(workloads, "AWS::Backup::BackupVault").map(([, r]) => ({ name: r.Properties.BackupVaultName, condition: workloads.template.Conditions![r.Condition!] }));
        expect(vaults).to.have.deep.members([
            { name: "gatevault-backups", condition: { "Fn::Equals": [{ Ref: "AWS::Region" }, "eu-west-1"] } },
            { name: "gatevault-backups-copy", condition: { "Fn::Equals": [{ Ref: "AWS::Region" }, "eu-central-1"] } },
        ]);
        expect(workloads.regions).to.deep.equal(["eu-west-1", "eu-central-1"]);
    });

    it("vaults and keys are retained on stack deletion and on replacement (DeletionPolicy, UpdateReplacePolicy)", () => {
        // aws-attribute-deletionpolicy.html / aws-attribute-updatereplacepolicy.html: Retain keeps the resource.
        for (const type of ["AWS::Backup::BackupVault", "AWS::KMS::Key"]) {
            const found = ofType(workloads, type);
            expect(found, type).to.have.length(2);
            for (const [id, r] of found) expect({ id, d: r.DeletionPolicy, u: r.UpdateReplacePolicy }).to.deep.equal({ id, d: "Retain", u: "Retain" });
        }
    });

    it("each vault is encrypted with its own customer-managed key with rotation, and locked as the OU's stackSet.lock says", () => {
        const [, vault] = vaultNamed(workloads, "gatevault-backups");
        const keyId = (vault.Properties.EncryptionKeyArn as any)["Fn::GetAtt"][0];
        const key = workloads.template.Resources[keyId];
        expect(key.Type).to.equal("AWS::KMS::Key");
        // 30 days, the longest deletion window KMS allows (7-30: https://docs.aws.amazon.com/kms/latest/cryptographic-details/key-deletion.html).
        expect(key.Properties).to.include({ EnableKeyRotation: true, PendingWindowInDays: 30 });
        expect(key.Condition).to.equal(vault.Condition);
        expect(vault.Properties.LockConfiguration).to.deep.equal({ MinRetentionDays: 90, MaxRetentionDays: 3650 });
    });

    it("notifications go to an encrypted topic whose policy exists first, for the failed-and-expired job events", () => {
        const [, vault] = vaultNamed(workloads, "gatevault-backups");
        const notifications = vault.Properties.Notifications as any;
        expect(notifications.BackupVaultEvents).to.deep.equal([...VAULT_NOTIFICATION_EVENTS]);
        const topic = workloads.template.Resources[notifications.SNSTopicArn.Ref];
        expect(topic.Type).to.equal("AWS::SNS::Topic");
        const [policyId] = vault.DependsOn!;
        expect(workloads.template.Resources[policyId].Properties.Topics).to.deep.equal([{ Ref: notifications.SNSTopicArn.Ref }]);
    });

    it("the role the selections name, with exactly that name, created by the global-resources region's stacks only", () => {
        // iam_role_arn arn:aws:iam::$account:role/gatevault-backup: AWS resolves $account per account,
        // so the name is the link; IAM is global, so one region creates it.
        const roles = ofType(workloads, "AWS::IAM::Role");
        expect(roles).to.have.length(1);
        const [, role] = roles[0];
        expect(role.Properties).to.include({ RoleName: "gatevault-backup", Path: "/" });
        expect(workloads.template.Conditions![role.Condition!]).to.deep.equal({ "Fn::Equals": [{ Ref: "AWS::Region" }, "eu-west-1"] });
        expect(role.Properties.AssumeRolePolicyDocument).to.deep.include({
            Statement: [{ Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
    });

    it("the account id is resolved per stack instance (Fn::Sub of ${AWS::AccountId}), never written in", () => {
        expect(workloads.body).to.not.match(/\d{12}:role\/backup-break-glass/);
        expect(workloads.body).to.contain('{"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:role/backup-break-glass"}');
    });

    // "TemplateBody ... a maximum length of 51,200 bytes" (AWS CloudFormation API Reference, API_CreateStackSet.html).
    it("stays under CloudFormation's 51,200-byte TemplateBody limit", () => {
        expect(Buffer.byteLength(workloads.body)).to.be.below(MAX_TEMPLATE_BODY_BYTES);
    });
});

describe("the template against AWS's CloudFormation resource specification (@aws-cdk/aws-service-spec)", () => {
    const copy = () => JSON.parse(workloads.body);
    const vaultId = vaultNamed(workloads, "gatevault-backups")[0];

    it("every resource, property and nested property of the generated template exists with the specified type", () => {
        expect(templateSpecProblems(copy())).to.deep.equal([]);
    });

    it("refuses a property the resource type does not have", () => {
        const t = copy();
        t.Resources[vaultId].Properties.BackupVaultNmae = "typo";
        const problems = templateSpecProblems(t);
        expect(problems.map((p) => p.path)).to.deep.equal([`Resources.${vaultId}.Properties.BackupVaultNmae`]);
        expect(problems[0].message).to.match(/is not a property of AWS::Backup::BackupVault/);
    });

    it("refuses a wrong property inside a property type, a wrong value type and a missing required property", () => {
        const t = copy();
        t.Resources[vaultId].Properties.LockConfiguration.MinRetention = 90;
        t.Resources[vaultId].Properties.LockConfiguration.MaxRetentionDays = "forever";
        delete t.Resources[vaultId].Properties.BackupVaultName;
        const paths = templateSpecProblems(t).map((p) => p.path);
        expect(paths).to.have.members([
            `Resources.${vaultId}.Properties.LockConfiguration.MinRetention`,
            `Resources.${vaultId}.Properties.LockConfiguration.MaxRetentionDays`,
            `Resources.${vaultId}.Properties.BackupVaultName`,
        ]);
    });

    it("refuses a resource type CloudFormation does not have, and an unknown DeletionPolicy", () => {
        const t = copy();
        t.Resources[vaultId].Type = "AWS::Backup::Vault";
        const keyId = Object.keys(t.Resources).find((id) => t.Resources[id].Type === "AWS::KMS::Key")!;
        t.Resources[keyId].DeletionPolicy = "Keep";
        const problems = templateSpecProblems(t);
        expect(problems.find((p) => p.path === `Resources.${vaultId}.Type`)?.message).to.match(/not a resource type/);
        expect(problems.find((p) => p.path === `Resources.${keyId}.DeletionPolicy`)).to.not.equal(undefined);
    });

    it("a template for compliance-mode locks, copies to another account and a role under a path still matches the specification", () => {
        const t = memberTemplate({
            description: "test",
            partition: "aws",
            vaults: [{ region: "us-east-1", name: "a_b" }, { region: "us-east-1", name: "a-b" }],
            roles: [{ ref: "service-role/backup", path: "/service-role/", name: "backup" }],
            copyTargetAccounts: ["555555555555"],
            breakGlassRoleName: "ops/break-glass",
            lock: { mode: "compliance", minRetentionDays: 7, maxRetentionDays: 365, changeableForDays: 3 },
            organizationId: "o-a1b2c3d4e5",
            roleRegion: "us-east-1",
        });
        expect(templateSpecProblems(t)).to.deep.equal([]);
        // Names that differ only in punctuation get distinct logical ids.
        expect(Object.values(t.Resources).filter((r) => r.Type === "AWS::Backup::BackupVault")).to.have.length(2);
        const vault = Object.values(t.Resources).find((r) => r.Type === "AWS::Backup::BackupVault")!;
        expect(vault.Properties.LockConfiguration).to.deep.equal({ MinRetentionDays: 7, MaxRetentionDays: 365, ChangeableForDays: 3 });
    });
});
