// Backup Audit Manager: a framework with the configured controls, and report plans that
// deliver to a private, encrypted, TLS-only bucket owned by this account.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardOptions } from "@gatevault/aws-model/backup/protection";
import type { AuditConfig } from "../config/backup";
import { Partition } from "./arns";
import { ControlDefaults, frameworkControls, reportPlanSpecs } from "./audit-controls";
import { policyJson } from "./policies/document";
import { reportBucketPolicy } from "./policies/report-bucket-policy";
import { configDeliveryRolePolicy, configRecorderTrustPolicy, recordingTypes } from "./config-recording";

/** Where a managed recorder delivers, inside the report bucket. */
const CONFIG_PREFIX = "aws-config";

export interface BackupAuditArgs {
    audit: AuditConfig;
    /** Letters, digits and underscores. */
    frameworkName: string;
    /** Where control parameters left out of config come from. */
    controlDefaults: ControlDefaults;
    accountId: string;
    partition: Partition;
    provider: aws.Provider;
    /** Production: framework, report plans and the report bucket are guarded (packages/aws-model/backup/protection.ts). */
    production?: boolean;
}

export class BackupAudit extends pulumi.ComponentResource {
    readonly framework: aws.backup.Framework;
    readonly bucket: aws.s3.Bucket;
    readonly reportPlans: aws.backup.ReportPlan[];
    readonly frameworkArn: pulumi.Output<string>;
    readonly reportBucketName: pulumi.Output<string>;
    /** The account's AWS Config recorder, when `resourceTracking: managed`. */
    readonly recorder?: aws.cfg.Recorder;

    constructor(name: string, args: BackupAuditArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:BackupAudit", name, {}, opts);
        const provider = args.provider;
        const child = { parent: this, provider };
        const production = args.production ?? false;
        const bucketGuard = { ...child, ...guardOptions("reportBucketSettings", production) };

        const controls = frameworkControls(args.audit.controls, args.controlDefaults);
        const tracked = recordingTypes(controls);
        if (args.audit.resourceTracking === undefined && tracked.length > 0) {
            pulumi.log.warn(
                `${name}: Backup Audit Manager evaluates only what AWS Config records, and these controls need ${tracked.join(", ")} recorded in ` +
                    `account ${args.accountId}: confirm a recorder does ("aws configservice describe-configuration-recorders") and set ` +
                    `audit.resourceTracking: existing, or set managed to have gatevault create the account's recorder (docs/organisation-policies.md: prerequisites)`,
                this,
            );
        }
        this.framework = new aws.backup.Framework(
            `${name}-framework`,
            { name: args.frameworkName, description: "gatevault: backup compliance controls", controls },
            { ...child, ...guardOptions("auditFramework", production) },
        );

        this.bucket = new aws.s3.Bucket(`${name}-reports`, { forceDestroy: false }, { ...child, ...guardOptions("reportBucket", production) });
        const ownership = new aws.s3.BucketOwnershipControls(`${name}-reports-ownership`, { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, bucketGuard);
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-reports-public-access`,
            { bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            bucketGuard,
        );
        // SSE-S3: the service-linked role that writes reports only exists once AWS Backup creates
        // it for the framework, too late to be named in a KMS key policy created beforehand.
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-reports-encryption`,
            { bucket: this.bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
            bucketGuard,
        );
        const versioning = new aws.s3.BucketVersioning(`${name}-reports-versioning`, { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }, bucketGuard);
        const configPrefix = args.audit.resourceTracking === "managed" ? CONFIG_PREFIX : undefined;
        // The policy names the service-linked role, which S3 checks exists: AWS Backup creates it with the framework.
        const policy = new aws.s3.BucketPolicy(
            `${name}-reports-policy`,
            {
                bucket: this.bucket.id,
                policy: this.bucket.arn.apply((bucketArn) => policyJson(reportBucketPolicy({ bucketArn, partition: args.partition, accountId: args.accountId, configPrefix }))),
            },
            { ...bucketGuard, dependsOn: [this.framework, publicAccess] },
        );
        if (configPrefix) {
            this.recorder = this.configRecorder(name, tracked, configPrefix, policy, args);
        }

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
                    { ...child, ...guardOptions("reportPlan", production), dependsOn: [policy, ownership, encryption, versioning] },
                ),
        );

        this.frameworkArn = this.framework.arn;
        this.reportBucketName = this.bucket.id;
        this.registerOutputs({ frameworkArn: this.frameworkArn, reportBucketName: this.reportBucketName });
    }

    /**
     * The account's one recorder ("default"), recording only the types the controls evaluate
     * (resourceTypes needs allSupported: false, which conflicts with it otherwise), delivering
     * to the report bucket, then started. Only where the stack owns the account's AWS Config:
     * an account has at most one recorder per Region.
     */
    private configRecorder(name: string, types: string[], prefix: string, bucketPolicy: aws.s3.BucketPolicy, args: BackupAuditArgs): aws.cfg.Recorder {
        const child = { parent: this, provider: args.provider };
        const role = new aws.iam.Role(`${name}-config-role`, { description: "gatevault: AWS Config records AWS Backup resources for Audit Manager", assumeRolePolicy: policyJson(configRecorderTrustPolicy()) }, child);
        const managed = new aws.iam.RolePolicyAttachment(`${name}-config-role-managed`, { role: role.name, policyArn: `arn:${args.partition}:iam::aws:policy/service-role/AWS_ConfigRole` }, child);
        const delivery = new aws.iam.RolePolicy(
            `${name}-config-role-delivery`,
            { role: role.name, policy: this.bucket.arn.apply((bucketArn) => policyJson(configDeliveryRolePolicy({ bucketArn, prefix, accountId: args.accountId }))) },
            child,
        );
        const recorder = new aws.cfg.Recorder(
            `${name}-config-recorder`,
            {
                name: "default",
                roleArn: role.arn,
                recordingGroup: { allSupported: false, resourceTypes: types, recordingStrategies: [{ useOnly: "INCLUSION_BY_RESOURCE_TYPES" }] },
            },
            { ...child, dependsOn: [managed, delivery] },
        );
        const channel = new aws.cfg.DeliveryChannel(`${name}-config-delivery`, { name: "default", s3BucketName: this.bucket.id, s3KeyPrefix: prefix }, { ...child, dependsOn: [recorder, bucketPolicy] });
        new aws.cfg.RecorderStatus(`${name}-config-recorder-status`, { name: recorder.name, isEnabled: true }, { ...child, dependsOn: [channel] });
        return recorder;
    }
}