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

const EXISTING_KEY = "arn:aws:kms:eu-west-1:111111111111:key/12345678-1234-1234-1234-123456789012";

describe("UploadBucket component", () => {
    // One plan, four buckets: each case below reads its own bucket's resources.
    let plan: PlannedProgram;
    let out: Record<string, { name: string; arn: string; kmsKeyArn: string }>;

    before(async () => {
        plan = await planProgram(() => {
            const provider = new ProviderSet(stackConfig("dev")).main;
            const variants: Record<string, UploadBucketArgs> = {
                files: bucketArgs({ encryption: "SSE-KMS", expireObjectsAfterDays: 30 }),
                byok: bucketArgs({ encryption: "SSE-KMS", kmsKeyArn: EXISTING_KEY }),
                plain: bucketArgs({ encryption: "SSE-S3", corsAllowedOrigins: [] }),
                versioned: bucketArgs({ versioning: true, noncurrentVersionExpirationDays: 7, expireObjectsAfterDays: undefined }),
            };
            return Object.fromEntries(
                Object.entries(variants).map(([name, args]) => {
                    const bucket = new UploadBucket(name, args, { provider });
                    return [name, { name: bucket.bucketName, arn: bucket.arn, kmsKeyArn: bucket.kmsKeyArn ?? "none" }];
                }),
            );
        });
        out = plan.outputs as typeof out;
    });

    const inputs = (type: string, name: string) => plan.rawInputs(plan.one(S3(type), name));

    it("locks the bucket down: SSE-KMS with a rotating key, public access blocked, ACLs off, TLS only, multipart cleanup", () => {
        const key = plan.rawInputs(plan.one("aws:kms/key:Key", "files-key"));
        expect(key).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
        const { name: bucketName, arn, kmsKeyArn } = out.files;
        expect(kmsKeyArn).to.match(/^arn:aws:kms:eu-west-1:111111111111:key\//);

        expect(inputs("BucketServerSideEncryptionConfiguration", "files-encryption")).to.deep.equal({
            bucket: bucketName,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true }],
        });
        expect(inputs("BucketPublicAccessBlock", "files-public-access")).to.deep.equal({
            bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        expect(inputs("BucketOwnershipControls", "files-ownership").rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });

        const policy = JSON.parse(inputs("BucketPolicy", "files-policy").policy);
        expect(policy.Statement).to.deep.equal([
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn, `${arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ]);
        expect(plan.one(S3("BucketPolicy"), "files-policy").record.dependencies).to.include(plan.one(S3("BucketPublicAccessBlock"), "files-public-access").urn);

        expect(inputs("BucketLifecycleConfiguration", "files-lifecycle").rules).to.deep.equal([
            { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } },
            { id: "expire-uploads", status: "Enabled", filter: { prefix: "uploads/" }, expiration: { days: 30 } },
        ]);
        expect(plan.ofType(S3("BucketVersioning")).map((r) => r.name)).to.deep.equal(["versioned-versioning"]);

        expect(inputs("BucketCorsConfiguration", "files-cors").corsRules).to.deep.equal([
            { allowedMethods: ["PUT"], allowedOrigins: ["http://localhost:3000"], allowedHeaders: ["content-type"], exposeHeaders: ["ETag"], maxAgeSeconds: 3600 },
        ]);
        // Every child names itself after its component, so two upload buckets never collide.
        const children = plan.resources.filter((r) => r.parent === plan.one("gatevault:uploads:UploadBucket", "files").urn);
        expect(children.length).to.be.above(6);
        expect(children.every((r) => r.name.startsWith("files-"))).to.equal(true);
    });

    it("uses an existing KMS key when given one, and S3-managed keys for SSE-S3", () => {
        expect(plan.ofType("aws:kms/key:Key").map((r) => r.name)).to.deep.equal(["files-key", "versioned-key"]);
        expect(out.byok.kmsKeyArn).to.equal(EXISTING_KEY);
        expect(inputs("BucketServerSideEncryptionConfiguration", "byok-encryption").rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId).to.equal(EXISTING_KEY);

        expect(out.plain.kmsKeyArn).to.equal("none");
        expect(inputs("BucketServerSideEncryptionConfiguration", "plain-encryption").rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        expect(plan.ofType(S3("BucketCorsConfiguration")).map((r) => r.name)).to.not.include("plain-cors");
    });

    it("turns on versioning when configured, with noncurrent versions expiring", () => {
        expect(inputs("BucketVersioning", "versioned-versioning").versioningConfiguration).to.deep.equal({ status: "Enabled" });
        expect(inputs("BucketLifecycleConfiguration", "versioned-lifecycle").rules.map((r: { id: string }) => r.id)).to.deep.equal([
            "abort-incomplete-multipart-uploads",
            "expire-noncurrent-versions",
        ]);
        expect(inputs("BucketLifecycleConfiguration", "versioned-lifecycle").rules[1].noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 7 });
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
