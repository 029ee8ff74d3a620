// KMS key rotation, wildcard actions in the IAM documents the program writes, required tags
// (with the provider's default tags, JSON-encoded as the engine passes them).

import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { requiredTags } from "../../policy/common/required-tags";
import { noWildcardActions } from "../../policy/iam/no-wildcard-actions";
import { keyRotation } from "../../policy/kms/key-rotation";
import { policyDocument } from "./builders";
import { checkResource, provider, unknown } from "./harness";

describe("policy: cross-cutting rules", () => {
    describe("kms-key-rotation", () => {
        it("passes a rotating key and fails one without rotation", async () => {
            expect((await checkResource(keyRotation, { type: aws.kms.Key, props: { enableKeyRotation: true } })).violations).to.deep.equal([]);
            expect((await checkResource(keyRotation, { type: aws.kms.Key, props: {} })).violations).to.deep.equal(["Automatic key rotation is off."]);
        });

        it("is not applicable to asymmetric keys, and cannot judge an unknown flag", async () => {
            const rsa = await checkResource(keyRotation, { type: aws.kms.Key, props: { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" } });
            expect(rsa.notApplicable).to.contain("RSA_2048");
            expect((await checkResource(keyRotation, { type: aws.kms.Key, props: { enableKeyRotation: unknown.boolean } })).cannotJudge).to.match(/enableKeyRotation/);
        });
    });

    describe("iam-no-wildcard-actions", () => {
        const exact = { Effect: "Allow", Action: ["backup:StartBackupJob"], Resource: "*" };

        it("passes exact actions and wildcard Denies", async () => {
            const doc = policyDocument(exact, { Effect: "Deny", Action: "backup:Delete*", Resource: "*" });
            expect((await checkResource(noWildcardActions, { type: aws.iam.Policy, props: { policy: doc } })).violations).to.deep.equal([]);
        });

        it("fails service wildcards, partial wildcards and NotAction in identity policies", async () => {
            const doc = policyDocument({ Sid: "All", Effect: "Allow", Action: ["s3:*", "logs:Put*"], Resource: "*" }, { Effect: "Allow", NotAction: "iam:*", Resource: "*" });
            const r = await checkResource(noWildcardActions, { type: aws.iam.RolePolicy, props: { role: "r", policy: doc } });
            expect(r.violations).to.deep.equal([
                "policy Statement[0] (All) allows wildcard actions s3:*, logs:Put*.",
                "policy Statement[1] allows NotAction iam:*, i.e. every other action.",
            ]);
        });

        it("checks a role's trust policy and inline policies, and vault and API resource policies", async () => {
            const role = {
                type: aws.iam.Role,
                props: {
                    assumeRolePolicy: policyDocument({ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }),
                    inlinePolicies: [{ name: "read", policy: policyDocument({ Effect: "Allow", Action: "*", Resource: "*" }) }, { name: "", policy: "" }],
                },
            };
            expect((await checkResource(noWildcardActions, role)).violations).to.deep.equal(["inlinePolicies[0] (read) Statement[0] allows wildcard action *."]);
            const vaultPolicy = { type: aws.backup.VaultPolicy, props: { backupVaultName: "v", policy: policyDocument({ Effect: "Allow", Principal: "*", Action: "backup:*", Resource: "*" }) } };
            expect((await checkResource(noWildcardActions, vaultPolicy)).violations).to.have.length(1);
            const apiPolicy = { type: aws.apigateway.RestApiPolicy, props: { restApiId: "a", policy: policyDocument({ Effect: "Allow", Principal: "*", Action: "execute-api:*", Resource: "*" }) } };
            expect((await checkResource(noWildcardActions, apiPolicy)).violations).to.have.length(1);
        });

        it("accepts the default KMS root delegation, unless configured not to, and listed exceptions", async () => {
            const key = {
                type: aws.kms.Key,
                props: { policy: policyDocument({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }) },
            };
            expect((await checkResource(noWildcardActions, key)).violations).to.deep.equal([]);
            expect((await checkResource(noWildcardActions, key, { allowKmsRootDelegation: false })).violations).to.have.length(1);
            const logs = { type: aws.iam.Policy, props: { policy: policyDocument({ Effect: "Allow", Action: "logs:CreateLog*", Resource: "*" }) } };
            expect((await checkResource(noWildcardActions, logs, { allowedActions: ["logs:CreateLog*"] })).violations).to.deep.equal([]);
        });

        it("reports a document it cannot parse, skips types without documents, and cannot judge an unknown one", async () => {
            expect((await checkResource(noWildcardActions, { type: aws.iam.Policy, props: { policy: "{not json" } })).violations[0]).to.match(/Cannot check policy: policy is not valid JSON/);
            expect((await checkResource(noWildcardActions, { type: aws.backup.Vault, props: {} })).notApplicable).to.contain("IAM policy documents");
            expect((await checkResource(noWildcardActions, { type: aws.iam.Policy, props: { policy: unknown.string } })).cannotJudge).to.match(/\.policy/);
        });

        it("judges a Lambda permission's action", async () => {
            const r = await checkResource(noWildcardActions, { type: aws.lambda.Permission, props: { action: "lambda:*", function: "f", principal: "apigateway.amazonaws.com" } });
            expect(r.violations).to.deep.equal(["action Statement[0] allows wildcard action lambda:*."]);
        });
    });

    describe("required-tags", () => {
        const tagged = provider({ region: "eu-west-1", defaultTags: { tags: { Owner: "platform", CostCenter: "cc-1", Environment: "prod" } } });

        it("passes tags inherited from the provider's JSON-encoded default tags", async () => {
            expect((await checkResource(requiredTags, { type: aws.backup.Vault, props: {}, provider: tagged })).violations).to.deep.equal([]);
        });

        it("fails missing and empty tags, counting the resource's own tags", async () => {
            const bare = provider({ region: "eu-west-1" });
            const r = await checkResource(requiredTags, { type: aws.backup.Vault, props: { tags: { Owner: "me", CostCenter: " " } }, provider: bare });
            expect(r.violations).to.deep.equal(["Missing tags CostCenter, Environment."]);
            const extra = await checkResource(requiredTags, { type: aws.kms.Key, props: {}, provider: tagged }, { requiredTags: ["Owner", "DataClassification"] });
            expect(extra.violations).to.deep.equal(["Missing tag DataClassification."]);
        });

        it("counts a tag whose value is unknown, but cannot judge unknown tags or default tags", async () => {
            const r = await checkResource(requiredTags, { type: aws.kms.Key, props: { tags: { Owner: unknown.string, CostCenter: "c", Environment: "e" } } });
            expect(r.violations).to.deep.equal([]);
            expect((await checkResource(requiredTags, { type: aws.kms.Key, props: { tags: unknown.object } })).cannotJudge).to.match(/\.tags/);
            const pending = provider({ region: "eu-west-1", defaultTags: unknown.string });
            expect((await checkResource(requiredTags, { type: aws.kms.Key, props: {}, provider: pending })).cannotJudge).to.match(/defaultTags/);
        });

        it("is not applicable to untaggable types", async () => {
            expect((await checkResource(requiredTags, { type: aws.apigateway.MethodSettings, props: {} })).notApplicable).to.contain("taggable");
        });
    });
});
