// The bucket policy of the audit report bucket: TLS only, and AWS Backup Audit Manager's
// service-linked role may write reports.

import { backupReportsRoleArn, Partition } from "../arns";
import { policyDocument, PolicyDocument } from "./document";

export function reportBucketPolicy(input: { bucketArn: string; partition: Partition; accountId: string }): PolicyDocument {
    return policyDocument([
        {
            // A Deny on every S3 action is what "TLS only" means; a list of actions would leave gaps.
            Sid: "DenyRequestsWithoutTls",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "s3:*",
            Resource: [input.bucketArn, `${input.bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "AwsBackupAuditManagerDeliversReports",
            Effect: "Allow",
            Principal: { AWS: backupReportsRoleArn(input.partition, input.accountId) },
            Action: "s3:PutObject",
            Resource: `${input.bucketArn}/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        },
    ]);
}
