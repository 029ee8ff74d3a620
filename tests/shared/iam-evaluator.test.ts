// The IAM evaluator (components/shared/iam) checked against policy statements and the
// outcomes AWS's documentation gives for them. Each case names its page; the expected
// decisions come from the page's text, not from running the evaluator.

import { expect } from "chai";
import { AccessRequest, conditionHolds, Decision, evaluateAccess, UnsupportedPolicyError } from "../../components/shared/iam";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const role = (name: string, account = ACCOUNT) => ({ kind: "role" as const, arn: `arn:aws:iam::${account}:role/${name}` });
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const ADMIN = doc({ Effect: "Allow", Action: "*", Resource: "*" });

function decide(req: Partial<AccessRequest> & Pick<AccessRequest, "action">): Decision {
    return evaluateAccess({ principal: role("app"), resource: "*", resourceAccount: ACCOUNT, ...req }).decision;
}

describe("IAM evaluator (AWS documentation examples)", () => {
    describe("condition operators (IAM User Guide: reference_policies_elements_condition_operators.html)", () => {
        // "Allow ... iam:*AccessKey* ... when aws:PrincipalTag/job-category is iamuser-admin":
        // "If the key ... is not present in the request context, the values do not match."
        const tagged = doc({
            Effect: "Allow",
            Action: "iam:*AccessKey*",
            Resource: `arn:aws:iam::${ACCOUNT}:user/*`,
            Condition: { StringEquals: { "aws:PrincipalTag/job-category": "iamuser-admin" } },
        });
        it("StringEquals matches the tag value exactly; a missing key does not match", () => {
            const req = { identityPolicies: [tagged], resource: `arn:aws:iam::${ACCOUNT}:user/bob` };
            expect(decide({ ...req, action: "iam:CreateAccessKey", context: { "aws:PrincipalTag/job-category": "iamuser-admin" } })).to.equal("allow");
            expect(decide({ ...req, action: "iam:CreateAccessKey", context: { "aws:PrincipalTag/job-category": "IAMUSER-ADMIN" } })).to.equal("implicit-deny");
            expect(decide({ ...req, action: "iam:CreateAccessKey" })).to.equal("implicit-deny");
        });

        it("actions match case-insensitively with wildcards (reference_policies_elements_action.html)", () => {
            const req = { identityPolicies: [tagged], resource: `arn:aws:iam::${ACCOUNT}:user/bob`, context: { "aws:PrincipalTag/job-category": "iamuser-admin" } };
            expect(decide({ ...req, action: "IAM:listaccesskeys" })).to.equal("allow");
            expect(decide({ ...req, action: "iam:CreateUser" })).to.equal("implicit-deny");
            // Resource ARNs are case-sensitive.
            expect(decide({ ...req, action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCOUNT}:USER/bob` })).to.equal("implicit-deny");
        });

        it("a negated operator holds when the key is absent; IfExists holds when the key is absent", () => {
            // "If the policy condition requires that the key is not matched, such as StringNotLike
            // or ArnNotLike, and the right key is not present, the condition is true."
            expect(conditionHolds({ StringNotLike: { "aws:PrincipalTag/team": "ops-*" } }, {})).to.equal(true);
            expect(conditionHolds({ ArnNotLike: { "aws:SourceArn": "arn:aws:sns:*:*:alerts" } }, {})).to.equal(true);
            expect(conditionHolds({ StringLike: { "aws:PrincipalTag/team": "ops-*" } }, {})).to.equal(false);
            // The guide's IfExists example: instance types t1.*, t2.*, m3.* "if the key exists".
            const ifExists = { StringLikeIfExists: { "ec2:InstanceType": ["t1.*", "t2.*", "m3.*"] } };
            expect(conditionHolds(ifExists, {})).to.equal(true);
            expect(conditionHolds(ifExists, { "ec2:InstanceType": "t2.micro" })).to.equal(true);
            expect(conditionHolds(ifExists, { "ec2:InstanceType": "m5.large" })).to.equal(false);
        });

        it("Null checks whether the key is present: the guide's aws:TokenIssueTime example", () => {
            // Allow ec2:* only without temporary credentials: "Null": {"aws:TokenIssueTime": "true"}.
            const policy = doc({ Action: "ec2:*", Effect: "Allow", Resource: "*", Condition: { Null: { "aws:TokenIssueTime": "true" } } });
            expect(decide({ identityPolicies: [policy], action: "ec2:RunInstances" })).to.equal("allow");
            expect(decide({ identityPolicies: [policy], action: "ec2:RunInstances", context: { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" } })).to.equal("implicit-deny");
        });

        it("several values for a key are ORed, several keys are ANDed, negated operators NOR their values", () => {
            // reference_policies_condition-logic-multiple-context-keys-or-values.html
            const condition = { StringEquals: { "aws:PrincipalTag/department": ["finance", "hr", "legal"], "aws:PrincipalTag/role": ["audit", "security"] } };
            expect(conditionHolds(condition, { "aws:PrincipalTag/department": "hr", "aws:PrincipalTag/role": "audit" })).to.equal(true);
            expect(conditionHolds(condition, { "aws:PrincipalTag/department": "hr" })).to.equal(false);
            expect(conditionHolds(condition, { "aws:PrincipalTag/department": "it", "aws:PrincipalTag/role": "audit" })).to.equal(false);
            const not = { StringNotEquals: { "aws:PrincipalTag/department": ["finance", "hr"] } };
            expect(conditionHolds(not, { "aws:PrincipalTag/department": "hr" })).to.equal(false);
            expect(conditionHolds(not, { "aws:PrincipalTag/department": "it" })).to.equal(true);
        });

        it("condition key names are case-insensitive", () => {
            expect(conditionHolds({ StringEquals: { "AWS:PrincipalOrgID": "o-a1b2c3d4e5" } }, { "aws:principalorgid": "o-a1b2c3d4e5" })).to.equal(true);
        });

        it("ArnLike checks each of the six colon-delimited parts separately", () => {
            expect(conditionHolds({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:123456789012:*" } }, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:MyTopic" })).to.equal(true);
            // A wildcard does not reach across a colon into the next part.
            expect(conditionHolds({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:MyTopic" } }, { "aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:MyTopic" })).to.equal(false);
            // The resource part keeps its own colons and slashes.
            expect(conditionHolds({ ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/ops/*" } }, { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/ops/admin" })).to.equal(true);
        });

        it("ForAllValues and ForAnyValue over a multivalued key (aws:TagKeys)", () => {
            // reference_policies_condition-single-vs-multi-valued-context-keys.html
            const all = { "ForAllValues:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } };
            expect(conditionHolds(all, { "aws:TagKeys": ["environment"] })).to.equal(true);
            expect(conditionHolds(all, { "aws:TagKeys": ["environment", "owner"] })).to.equal(false);
            expect(conditionHolds(all, {})).to.equal(true); // no keys in the request: vacuously true
            const any = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } };
            expect(conditionHolds(any, { "aws:TagKeys": ["owner", "cost-center"] })).to.equal(true);
            expect(conditionHolds(any, { "aws:TagKeys": ["owner"] })).to.equal(false);
            expect(conditionHolds(any, {})).to.equal(false);
        });

        it("refuses what it does not model instead of guessing", () => {
            expect(() => conditionHolds({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } }, {})).to.throw(UnsupportedPolicyError);
            expect(() => conditionHolds({ StringEquals: { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["a", "b"] })).to.throw(UnsupportedPolicyError, /multivalued/);
            expect(() => decide({ identityPolicies: [doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::${aws:username}/*" })], action: "s3:GetObject" })).to.throw(
                UnsupportedPolicyError,
                /policy variables/,
            );
        });
    });

    describe("evaluation logic (IAM User Guide: reference_policies_evaluation-logic.html)", () => {
        it("an explicit deny in any policy overrides every allow: AWS Backup's 'deny access to backup vault operations' example", () => {
            // AWS Backup Developer Guide, create-a-vault-access-policy.html: a vault access policy
            // that denies MyRole deleting recovery points, whatever its IAM policies allow.
            const vaultPolicy = doc({
                Effect: "Deny",
                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/MyRole` },
                Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"],
                Resource: "*",
            });
            const base = { identityPolicies: [ADMIN], resourcePolicy: vaultPolicy, action: "backup:DeleteRecoveryPoint" };
            expect(decide({ ...base, principal: role("MyRole") })).to.equal("explicit-deny");
            expect(decide({ ...base, principal: role("Other") })).to.equal("allow");
            expect(decide({ ...base, principal: role("MyRole"), action: "backup:DescribeBackupVault" })).to.equal("allow");
        });

        it("without any allow the request is implicitly denied", () => {
            expect(decide({ action: "s3:GetObject" })).to.equal("implicit-deny");
        });

        it("NotAction with a Deny: the guide's MFA example denies everything else without MFA", () => {
            // reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html
            const denyWithoutMfa = doc(ADMIN.Statement[0], {
                Sid: "DenyAllExceptListedIfNoMFA",
                Effect: "Deny",
                NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"],
                Resource: "*",
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            });
            expect(decide({ identityPolicies: [denyWithoutMfa], action: "s3:ListAllMyBuckets" })).to.equal("explicit-deny");
            expect(decide({ identityPolicies: [denyWithoutMfa], action: "iam:EnableMFADevice" })).to.equal("allow");
            expect(decide({ identityPolicies: [denyWithoutMfa], action: "s3:ListAllMyBuckets", context: { "aws:MultiFactorAuthPresent": "true" } })).to.equal("allow");
        });

        it("TLS-only bucket policy: Bool aws:SecureTransport false denies plain HTTP", () => {
            // Amazon S3 User Guide, security-best-practices.html: deny when aws:SecureTransport is false.
            const bucket = doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } });
            const req = { identityPolicies: [ADMIN], resourcePolicy: bucket, action: "s3:GetObject", resource: "arn:aws:s3:::b/key" };
            expect(decide({ ...req, context: { "aws:SecureTransport": "false" } })).to.equal("explicit-deny");
            expect(decide({ ...req, context: { "aws:SecureTransport": "true" } })).to.equal("allow");
        });

        it("same account: the identity policy or the resource policy naming the principal allows", () => {
            const bucket = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
            expect(decide({ principal: role("reader"), resourcePolicy: bucket, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" })).to.equal("allow");
            expect(decide({ principal: role("writer"), resourcePolicy: bucket, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" })).to.equal("implicit-deny");
        });

        it("cross account: the resource policy and the caller's identity policy must both allow", () => {
            // reference_policies_evaluation-logic-cross-account.html
            const bucket = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
            const req = { principal: role("reader", OTHER), action: "s3:GetObject", resource: "arn:aws:s3:::b/k" };
            expect(decide({ ...req, resourcePolicy: bucket, identityPolicies: [ADMIN] })).to.equal("allow");
            expect(decide({ ...req, resourcePolicy: bucket })).to.equal("implicit-deny");
            expect(decide({ ...req, identityPolicies: [ADMIN] })).to.equal("implicit-deny");
        });

        it("aws:PrincipalOrgID admits every account of the organization and nobody else", () => {
            // IAM User Guide, reference_policies_condition-keys.html#condition-keys-principalorgid.
            const bucket = doc({ Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*", Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } } });
            const req = { principal: role("writer", OTHER), identityPolicies: [ADMIN], resourcePolicy: bucket, action: "s3:PutObject", resource: "arn:aws:s3:::b/k" };
            expect(decide({ ...req, principalOrgId: "o-a1b2c3d4e5" })).to.equal("allow");
            expect(decide({ ...req, principalOrgId: "o-zzzzzzzzzz" })).to.equal("implicit-deny");
            expect(decide(req)).to.equal("implicit-deny");
        });

        it("KMS: IAM policies count only when the key policy delegates to the account (the default key policy)", () => {
            // AWS KMS Developer Guide, key-policy-default.html#key-policy-default-allow-root-enable-iam.
            const defaultKeyPolicy = doc({ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" });
            const req = { action: "kms:Decrypt", resourcePolicyRequired: true };
            expect(decide({ ...req, resourcePolicy: defaultKeyPolicy, identityPolicies: [ADMIN] })).to.equal("allow");
            expect(decide({ ...req, resourcePolicy: defaultKeyPolicy })).to.equal("implicit-deny");
            const noRoot = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` }, Action: "kms:*", Resource: "*" });
            expect(decide({ ...req, resourcePolicy: noRoot, identityPolicies: [ADMIN] })).to.equal("implicit-deny");
            expect(decide({ ...req, principal: role("key-admin"), resourcePolicy: noRoot })).to.equal("allow");
        });

        it("a service principal is allowed only by a resource policy naming it", () => {
            const topic = doc({ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sns:Publish", Resource: "arn:aws:sns:eu-west-1:111122223333:t" });
            const backup = { kind: "service" as const, service: "backup.amazonaws.com" };
            expect(decide({ principal: backup, resourcePolicy: topic, action: "sns:Publish", resource: "arn:aws:sns:eu-west-1:111122223333:t" })).to.equal("allow");
            expect(decide({ principal: { kind: "service", service: "events.amazonaws.com" }, resourcePolicy: topic, action: "sns:Publish", resource: "arn:aws:sns:eu-west-1:111122223333:t" })).to.equal(
                "implicit-deny",
            );
        });

        it("NotPrincipal with Deny denies everyone not listed", () => {
            // reference_policies_elements_notprincipal.html
            const policy = doc({ Effect: "Deny", NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/admin`] }, Action: "s3:*", Resource: "*" });
            expect(decide({ principal: role("admin"), identityPolicies: [ADMIN], resourcePolicy: policy, action: "s3:GetObject" })).to.equal("allow");
            expect(decide({ principal: role("app"), identityPolicies: [ADMIN], resourcePolicy: policy, action: "s3:GetObject" })).to.equal("explicit-deny");
        });
    });
});
