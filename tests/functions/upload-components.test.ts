import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ProviderSet } from "../../components/shared/providers";
import { UploadBucket, type UploadBucketArgs } from "../../components/uploads/upload-bucket";
import { UploadFunction } from "../../components/uploads/upload-function";
import { uploadSettingsFromEnv } from "../../functions/uploads/settings";
import { planProgram, stackConfig, type PlannedProgram } from "../support/plan-program";

const S3 = (name: string) => `aws:s3/${name.charAt(0).toLowerCase()}${name.slice(1)}:${name}`;

function bucketArgs(overrides: Partial<UploadBucketArgs> = {}): UploadBucketArgs {
    return { ...stackConfig("dev").uploads!.bucket, keyPrefix: "uploads/", ...overrides };
}

async function planBucket(args: UploadBucketArgs): Promise<PlannedProgram> {
    return planProgram(() => {
        const provider = new ProviderSet(stackConfig("dev")).main;
        const bucket = new UploadBucket("files", args, { provider });
        return { name: bucket.bucketName, arn: bucket.arn, kmsKeyArn: bucket.kmsKeyArn ?? "none" };
    });
}

describe("UploadBucket component", () => {
    it("locks the bucket down: SSE-KMS with a rotating key, public access blocked, ACLs off, TLS only, multipart cleanup", async () => {
        const plan = await planBucket(bucketArgs({ encryption: "SSE-KMS", expireObjectsAfterDays: 30 }));
        const key = plan.rawInputs(plan.one("aws:kms/key:Key", "files-key"));
        expect(key).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
        const keyArn = plan.outputs.kmsKeyArn;
        expect(keyArn).to.match(/^arn:aws:kms:eu-west-1:111111111111:key\//);

        const bucketName = plan.outputs.name;
        const encryption = plan.rawInputs(plan.one(S3("BucketServerSideEncryptionConfiguration")));
        expect(encryption).to.deep.equal({
            bucket: bucketName,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
        });
        expect(plan.rawInputs(plan.one(S3("BucketPublicAccessBlock")))).to.deep.equal({
            bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        expect(plan.rawInputs(plan.one(S3("BucketOwnershipControls"))).rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });

        const policyResource = plan.one(S3("BucketPolicy"));
        const policy = JSON.parse(plan.rawInputs(policyResource).policy);
        expect(policy.Statement).to.deep.equal([
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [plan.outputs.arn, `${plan.outputs.arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);
        expect(policyResource.record.dependencies).to.include(plan.one(S3("BucketPublicAccessBlock")).urn);

        const rules = plan.rawInputs(plan.one(S3("BucketLifecycleConfiguration"))).rules;
        expect(rules).to.deep.equal([
            { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
            { id: "expire-uploads", status: "Enabled", filter: { prefix: "uploads/" }, expiration: { days: 30 } },
        ]);
        expect(plan.ofType(S3("BucketVersioning"))).to.have.length(0);

        const cors = plan.rawInputs(plan.one(S3("BucketCorsConfiguration"))).corsRules;
        expect(cors).to.deep.equal([
            { allowedMethods: ["PUT"], allowedOrigins: ["http://localhost:3000"], allowedHeaders: ["content-type"], exposeHeaders: ["ETag"], maxAgeSeconds: 3600 },
        ]);
        // Every child names itself after the component, so two upload buckets never collide.
        expect(plan.resources.filter((r) => r.type.startsWith("aws:")).every((r) => r.name.startsWith("files-"))).to.equal(true);
    });

    it("uses an existing KMS key when given one, and S3-managed keys for SSE-S3", async () => {
        const existing = "arn:aws:kms:eu-west-1:111111111111:key/12345678-1234-1234-1234-123456789012";
        const withKey = await planBucket(bucketArgs({ encryption: "SSE-KMS", kmsKeyArn: existing }));
        expect(withKey.ofType("aws:kms/key:Key")).to.have.length(0);
        expect(withKey.rawInputs(withKey.one(S3("BucketServerSideEncryptionConfiguration"))).rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId).to.equal(existing);

        const sseS3 = await planBucket(bucketArgs({ encryption: "SSE-S3", corsAllowedOrigins: [] }));
        expect(sseS3.ofType("aws:kms/key:Key")).to.have.length(0);
        expect(sseS3.outputs.kmsKeyArn).to.equal("none");
        expect(sseS3.rawInputs(sseS3.one(S3("BucketServerSideEncryptionConfiguration"))).rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        expect(sseS3.ofType(S3("BucketCorsConfiguration"))).to.have.length(0);
    });

    it("turns on versioning when configured, with noncurrent versions expiring", async () => {
        const plan = await planBucket(bucketArgs({ versioning: true, noncurrentVersionExpirationDays: 7, expireObjectsAfterDays: undefined }));
        expect(plan.rawInputs(plan.one(S3("BucketVersioning"))).versioningConfiguration).to.deep.equal({ status: "Enabled" });
        expect(plan.rawInputs(plan.one(S3("BucketLifecycleConfiguration"))).rules.map((r: { id: string }) => r.id)).to.deep.equal([
            "abort-incomplete-multipart-uploads",
            "expire-noncurrent-versions",
        ]);
    });
});

describe("UploadFunction component", () => {
    it("may write and abort uploads under the key prefix and use the bucket key, nothing else", async () => {
        const uploads = stackConfig("dev").uploads!;
        const plan = await planProgram(() => {
            const provider = new ProviderSet(stackConfig("dev")).main;
            const bucket = new UploadBucket("up", { ...uploads.bucket, keyPrefix: uploads.keyPrefix }, { provider });
            const fn = new UploadFunction("up", { ...uploads, bucket }, { provider });
            return { bucketArn: bucket.arn, bucketName: bucket.bucketName, keyArn: bucket.kmsKeyArn, invokeArn: fn.invokeArn, routes: pulumi.output(fn.routes) };
        });
        const out = plan.outputs as Record<string, any>;
        const policy = JSON.parse(plan.rawInputs(plan.one("aws:iam/rolePolicy:RolePolicy", "up-fn-policy")).policy);
        expect(policy.Statement.slice(2)).to.deep.equal([
            { Sid: "WriteUploads", Effect: "Allow", Action: ["s3:PutObject", "s3:AbortMultipartUpload"], Resource: [`${out.bucketArn}/uploads/*`] },
            { Sid: "EncryptUploads", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: [out.keyArn] },
        ]);
        const fn = plan.rawInputs(plan.one("aws:lambda/function:Function", "up-fn-function"));
        const settings = uploadSettingsFromEnv(fn.environment.variables);
        expect(settings).to.deep.equal({
            bucket: out.bucketName,
            keyPrefix: "uploads/",
            allowedContentTypes: uploads.allowedContentTypes,
            ...uploads.limits,
            urlExpirySeconds: 300,
            multipartUrlExpirySeconds: 900,
        });
        expect(fn.name).to.equal("up-dev");
        expect(out.invokeArn).to.contain("function:up-dev/invocations");
        expect(out.routes).to.deep.equal({ start: "POST /uploads", complete: "POST /uploads/complete", abort: "POST /uploads/abort" });
    });
});
