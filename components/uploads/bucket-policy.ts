// The upload bucket's policy and lifecycle rules as plain data.

/** Denies every request not made over TLS (Security Hub S3.5 / cdk-nag AwsSolutions-S10). */
export function tlsOnlyBucketPolicy(bucketArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                // A Deny on every action is the point here; it grants nothing.
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}

export interface LifecycleSettings {
    abortIncompleteMultipartUploadDays: number;
    versioning: boolean;
    noncurrentVersionExpirationDays: number;
    expireObjectsAfterDays?: number;
    keyPrefix: string;
}

export interface LifecycleRule {
    id: string;
    status: "Enabled";
    filter: { prefix: string };
    abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
    expiration?: { days: number };
    noncurrentVersionExpiration?: { noncurrentDays: number };
}

export function lifecycleRules(s: LifecycleSettings): LifecycleRule[] {
    const rules: LifecycleRule[] = [
        // Parts of abandoned multipart uploads are billed until deleted, and invisible in listings.
        { id: "abort-incomplete-multipart-uploads", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: s.abortIncompleteMultipartUploadDays } },
    ];
    if (s.expireObjectsAfterDays !== undefined) {
        rules.push({ id: "expire-uploads", status: "Enabled", filter: { prefix: s.keyPrefix }, expiration: { days: s.expireObjectsAfterDays } });
    }
    if (s.versioning) {
        rules.push({ id: "expire-noncurrent-versions", status: "Enabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: s.noncurrentVersionExpirationDays } });
    }
    return rules;
}
