// The bucket large uploads go to: encrypted by default (SSE-KMS with a rotating key, or
// SSE-S3), no public access, ACLs disabled, TLS-only, abandoned multipart uploads cleaned
// up, versioning as configured. Uses the @pulumi/aws v7 S3 resources, one per setting.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { UploadBucketConfig } from "../config/uploads";
import { lifecycleRules, tlsOnlyBucketPolicy } from "./bucket-policy";

export interface UploadBucketArgs extends UploadBucketConfig {
    /** Key prefix uploads go under (the expiry rule applies to it only). */
    keyPrefix: string;
}

export class UploadBucket extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    /** The KMS key objects are encrypted with; undefined for SSE-S3. */
    readonly kmsKeyArn: pulumi.Output<string> | undefined;
    readonly bucket: aws.s3.Bucket;

    constructor(name: string, args: UploadBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:uploads:UploadBucket", name, {}, opts);
        const parent = { parent: this };

        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: args.forceDestroy }, parent);
        const bucket = this.bucket.id;

        if (args.encryption === "SSE-KMS") {
            const key = args.kmsKeyArn
                ? undefined
                : new aws.kms.Key(`${name}-key`, { description: `Encrypts uploads in bucket ${name}`, enableKeyRotation: true, deletionWindowInDays: 30 }, parent);
            this.kmsKeyArn = key ? key.arn : pulumi.output(args.kmsKeyArn!);
        }
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket,
                rules: [
                    this.kmsKeyArn
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.kmsKeyArn }, bucketKeyEnabled: true }
                        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ],
            },
            parent,
        );
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            parent,
        );
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
        new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket, policy: this.bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
            // S3 refuses policy writes while a public access block is being applied concurrently.
            { parent: this, dependsOn: [publicAccess] },
        );
        if (args.versioning) {
            new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, parent);
        }
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket, rules: lifecycleRules(args) }, parent);
        if (args.corsAllowedOrigins.length > 0) {
            new aws.s3.BucketCorsConfiguration(
                `${name}-cors`,
                {
                    bucket,
                    corsRules: [
                        {
                            allowedMethods: ["PUT"],
                            allowedOrigins: args.corsAllowedOrigins,
                            allowedHeaders: ["content-type"],
                            // Browsers must read each part's ETag to complete a multipart upload.
                            exposeHeaders: ["ETag"],
                            maxAgeSeconds: 3600,
                        },
                    ],
                },
                parent,
            );
        }

        this.bucketName = this.bucket.bucket;
        this.arn = this.bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, kmsKeyArn: this.kmsKeyArn });
    }
}
