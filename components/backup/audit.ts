// Backup Audit Manager: a framework with the configured controls, and report plans that
// deliver to a private, encrypted, TLS-only bucket owned by this account.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditConfig } from "../config/backup";
import { Partition } from "./arns";
import { ControlDefaults, frameworkControls, reportPlanSpecs } from "./audit-controls";
import { policyJson } from "./policies/document";
import { reportBucketPolicy } from "./policies/report-bucket-policy";

export interface BackupAuditArgs {
    audit: AuditConfig;
    /** Letters, digits and underscores. */
    frameworkName: string;
    /** Where control parameters left out of config come from. */
    controlDefaults: ControlDefaults;
    accountId: string;
    partition: Partition;
    provider: aws.Provider;
}

export class BackupAudit extends pulumi.ComponentResource {
    readonly framework: aws.backup.Framework;
    readonly bucket: aws.s3.Bucket;
    readonly reportPlans: aws.backup.ReportPlan[];
    readonly frameworkArn: pulumi.Output<string>;
    readonly reportBucketName: pulumi.Output<string>;

    constructor(name: string, args: BackupAuditArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:BackupAudit", name, {}, opts);
        const provider = args.provider;
        const child = { parent: this, provider };

        this.framework = new aws.backup.Framework(
            `${name}-framework`,
            {
                name: args.frameworkName,
                description: "gatevault: backup compliance controls",
                controls: frameworkControls(args.audit.controls, args.controlDefaults),
            },
            child,
        );

        this.bucket = new aws.s3.Bucket(`${name}-reports`, { forceDestroy: false }, child);
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-reports-ownership`, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-reports-public-access`,
            { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            child,
        );
        // SSE-S3: the service-linked role that writes reports only exists once AWS Backup creates
        // it for the framework, too late to be named in a KMS key policy created beforehand.
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-reports-encryption`,
            { bucket: this.bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            child,
        );
        const versioning = new aws.s3.BucketVersioning(`${name}-reports-versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
        // The policy names the service-linked role, which S3 checks exists: AWS Backup creates it with the framework.
        const policy = new aws.s3.BucketPolicy(
            `${name}-reports-policy`,
            {
                bucket: this.bucket.id,
                policy: this.bucket.arn.apply((bucketArn) => policyJson(reportBucketPolicy({ bucketArn, partition: args.partition, accountId: args.accountId }))),
            },
            { ...child, dependsOn: [this.framework, publicAccess] },
        );

        this.reportPlans = reportPlanSpecs(args.audit.reports, args.frameworkName).map(
            (spec) =>
                new aws.backup.ReportPlan(
                    `${name}-${spec.template.toLowerCase().replace(/_/g, "-")}`,
                    {
                        name: spec.name,
                        description: `gatevault: ${spec.template} for ${args.frameworkName}`,
                        reportDeliveryChannel: { s3BucketName: this.bucket.id, s3KeyPrefix: args.audit.reports.keyPrefix, formats: [...args.audit.reports.formats] },
                        reportSetting: spec.usesFramework
                            ? { reportTemplate: spec.template, frameworkArns: [this.framework.arn], numberOfFrameworks: 1 }
                            : { reportTemplate: spec.template },
                    },
                    { ...child, dependsOn: [policy, ownership, encryption, versioning] },
                ),
        );

        this.frameworkArn = this.framework.arn;
        this.reportBucketName = this.bucket.id;
        this.registerOutputs({ frameworkArn: this.frameworkArn, reportBucketName: this.reportBucketName });
    }
}
