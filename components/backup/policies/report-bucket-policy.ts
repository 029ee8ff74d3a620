// The bucket policy of the audit report bucket: TLS only, AWS Backup Audit Manager's
// service-linked role may write reports, and a recorder gatevault manages may deliver there.

import { backupReportsRoleArn, Partition } from "../arns";
import { policyDocument, PolicyDocument, PolicyStatement } from "./document";

export interface ReportBucketPolicyInput {
    bucketArn: string;
    partition: Partition;
    accountId: string;
    /** The key prefix a managed AWS Config recorder delivers to, when there is one. */
    configPrefix?: string;
}

/**
 * AWS Config's delivery to the bucket: it checks the ACL and that the bucket exists, then writes
 * owner-controlled objects under the prefix, for this account only (AWS Config Developer Guide,
 * s3-bucket-policy.html).
 */
function configDeliveryStatements(input: ReportBucketPolicyInput): PolicyStatement[] {
    if (input.configPrefix === undefined) return [];
    const service = { Service: "config.amazonaws.com" };
    const thisAccount = { "AWS:SourceAccount": input.accountId };
    return [
        { Sid: "AwsConfigBucketPermissionsCheck", Effect: "Allow", Principal: service, Action: "s3:GetBucketAcl", Resource: input.bucketArn, Condition: { StringEquals: thisAccount } },
        { Sid: "AwsConfigBucketExistenceCheck", Effect: "Allow", Principal: service, Action: "s3:ListBucket", Resource: input.bucketArn, Condition: { StringEquals: thisAccount } },
        {
            Sid: "AwsConfigBucketDelivery",
            Effect: "Allow",
            Principal: service,
            Action: "s3:PutObject",
            Resource: `${input.bucketArn}/${input.configPrefix}/AWSLogs/${input.accountId}/Config/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...thisAccount } },
        },
    ];
}

export function reportBucketPolicy(input: ReportBucketPolicyInput): PolicyDocument {
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
        ...configDeliveryStatements(input),
    ]);
}
