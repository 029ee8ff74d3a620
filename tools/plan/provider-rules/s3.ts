// S3 resources, from hashicorp/terraform-provider-aws internal/service/s3/*.go. In @pulumi/aws 7,
// `aws.s3.Bucket` is the v6 provider's `aws_s3_bucket`; single rule blocks of the bucket
// configuration resources (`rule` of ownership controls, `versioning_configuration`) are objects.

import { conflictsWith, iamPolicyJson, itemsBetween, lengthBetween, matches, oneOf, resource } from "./define";
import type { ResourceRules } from "./types";

const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";
const ACCOUNT_ID = /^\d{12}$/;

const expectedBucketOwner = matches("expectedBucketOwner", ACCOUNT_ID, "doesn't look like AWS Account ID (exactly 12 digits)", {
    accepted: "111111111111",
    refused: "owner",
});

export const s3Rules: ResourceRules[] = [
    resource({
        type: "aws:s3/bucket:Bucket",
        terraformType: "aws_s3_bucket",
        file: "internal/service/s3/bucket.go",
        commit: "0070bcd12c952f14c5434a6f351ef7b6fa791226",
        olderCopy: OLDER,
        forceNew: ["bucket", "bucketPrefix"],
        rules: [
            conflictsWith("bucket", "bucketPrefix"),
            lengthBetween("bucket", 0, 63),
            // 63 less the 26-character unique suffix.
            lengthBetween("bucketPrefix", 0, 37),
            conflictsWith("acl", "grants"),
        ],
    }),
    resource({
        type: "aws:s3/bucketPolicy:BucketPolicy",
        terraformType: "aws_s3_bucket_policy",
        file: "internal/service/s3/bucket_policy.go",
        commit: "0073593e7d6993ba482409f4dc35438daaa79bb3",
        forceNew: ["bucket"],
        rules: [iamPolicyJson("policy")],
    }),
    resource({
        type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        terraformType: "aws_s3_bucket_public_access_block",
        file: "internal/service/s3/bucket_public_access_block.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: ["bucket"],
        rules: [],
    }),
    resource({
        type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        terraformType: "aws_s3_bucket_ownership_controls",
        file: "internal/service/s3/bucket_ownership_controls.go",
        commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
        olderCopy: OLDER,
        forceNew: ["bucket"],
        rules: [oneOf("rule.objectOwnership", ["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"])],
    }),
    resource({
        type: "aws:s3/bucketVersioning:BucketVersioning",
        terraformType: "aws_s3_bucket_versioning",
        file: "internal/service/s3/bucket_versioning.go",
        commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
        olderCopy: OLDER,
        forceNew: ["bucket", "expectedBucketOwner"],
        rules: [
            lengthBetween("bucket", 1, 63),
            expectedBucketOwner,
            oneOf("versioningConfiguration.status", ["Enabled", "Suspended", "Disabled"]),
            oneOf("versioningConfiguration.mfaDelete", ["Enabled", "Disabled"]),
        ],
    }),
    resource({
        type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        terraformType: "aws_s3_bucket_server_side_encryption_configuration",
        file: "internal/service/s3/bucket_server_side_encryption_configuration.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: ["bucket", "expectedBucketOwner"],
        rules: [
            lengthBetween("bucket", 1, 63),
            expectedBucketOwner,
            // The SDK's ServerSideEncryption enum (S3 API reference, ServerSideEncryptionByDefault).
            oneOf("rules[].applyServerSideEncryptionByDefault.sseAlgorithm", ["AES256", "aws:fsx", "aws:kms", "aws:kms:dsse"]),
        ],
    }),
    resource({
        type: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
        terraformType: "aws_s3_bucket_cors_configuration",
        file: "internal/service/s3/bucket_cors_configuration.go",
        commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
        olderCopy: OLDER,
        forceNew: ["bucket", "expectedBucketOwner"],
        rules: [lengthBetween("bucket", 1, 63), expectedBucketOwner, itemsBetween("corsRules", undefined, 100), lengthBetween("corsRules[].id", 0, 255)],
    }),
    resource({
        type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        terraformType: "aws_s3_bucket_lifecycle_configuration",
        file: "internal/service/s3/bucket_lifecycle_configuration.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: ["bucket", "expectedBucketOwner"],
        rules: [
            lengthBetween("bucket", 1, 63),
            expectedBucketOwner,
            itemsBetween("rules", 1, undefined),
            lengthBetween("rules[].id", 1, 255),
            oneOf("rules[].status", ["Enabled", "Disabled"]),
        ],
    }),
];
