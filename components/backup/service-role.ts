// The IAM role AWS Backup assumes for a plan's backups or a restore testing plan's restores.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagedPolicy, managedPolicyArn, Partition } from "./arns";
import { policyJson } from "./policies/document";
import { backupServiceTrustPolicy } from "./policies/service-role";

export interface BackupServiceRoleArgs {
    provider: aws.Provider;
    partition: Partition;
    description: string;
    /** AWS-managed policies to attach (see `backupRolePolicies`, `restoreRolePolicies`). */
    managedPolicies: ManagedPolicy[];
    /** An exact role name, for roles others refer to by ARN (an org backup policy's `iam_role_arn`); default: generated. */
    roleName?: string;
    /** IAM path with the exact name, `/` by default. */
    path?: string;
}

export class BackupServiceRole extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    readonly arn: pulumi.Output<string>;
    /** The role and its policy attachments: depend on these before AWS Backup uses the role. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: BackupServiceRoleArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:BackupServiceRole", name, {}, opts);
        const provider = args.provider;
        this.role = new aws.iam.Role(
            `${name}-role`,
            { name: args.roleName, path: args.path, description: args.description, assumeRolePolicy: policyJson(backupServiceTrustPolicy()) },
            { parent: this, provider },
        );
        const attachments = args.managedPolicies.map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(`${name}-${policy}`, { role: this.role.name, policyArn: managedPolicyArn(args.partition, policy) }, { parent: this, provider }),
        );
        this.ready = [this.role, ...attachments];
        this.arn = this.role.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
