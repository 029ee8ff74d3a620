// A backup plan: its rules (with copy actions to the destination vaults it is given), the
// selections that assign resources to it, and the role AWS Backup uses for them.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardOptions } from "@gatevault/aws-model/backup/protection";
import type { PlanConfig } from "../config/backup";
import { Partition } from "./arns";
import { advancedBackupSettings, planRuleArgs } from "./plan-rules";
import { backupRolePolicies } from "./policies/service-role";
import { CopyTarget, effectiveRule } from "./presets";
import { selectionSpecs, selectsS3 } from "./selection";
import { BackupServiceRole } from "./service-role";

export interface BackupPlanArgs {
    /** Validated plan config (`gatevault:backup.plans[]`). */
    plan: PlanConfig;
    /** The vault the plan's rules back up into. */
    vaultName: pulumi.Input<string>;
    /** The ARN of each copy destination the rules name. */
    destinationArn: (target: CopyTarget) => pulumi.Input<string>;
    /** The tag whose value puts a resource in a tier (`Backup`). */
    tierTagKey: string;
    partition: Partition;
    provider: aws.Provider;
    /** Production: the plan is protected (packages/aws-model/backup/protection.ts). */
    production?: boolean;
}

export class BackupPlan extends pulumi.ComponentResource {
    readonly plan: aws.backup.Plan;
    readonly role: BackupServiceRole;
    readonly selections: aws.backup.Selection[];
    readonly planId: pulumi.Output<string>;
    readonly planArn: pulumi.Output<string>;

    constructor(name: string, args: BackupPlanArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:BackupPlan", name, {}, opts);
        const provider = args.provider;
        const config = args.plan;

        this.role = new BackupServiceRole(
            `${name}-backup`,
            {
                provider,
                partition: args.partition,
                description: `gatevault: AWS Backup runs plan ${config.name} with this role`,
                managedPolicies: backupRolePolicies({ s3: selectsS3(config.selection) }),
            },
            { parent: this },
        );

        this.plan = new aws.backup.Plan(
            `${name}-plan`,
            {
                name: config.name,
                rules: config.rules.map((rule) => planRuleArgs(effectiveRule(rule), args.vaultName, args.destinationArn)),
                advancedBackupSettings: advancedBackupSettings(config),
            },
            { parent: this, provider, ...guardOptions("backupPlan", args.production ?? false) },
        );

        this.selections = selectionSpecs(config, args.tierTagKey).map(
            (spec) =>
                new aws.backup.Selection(
                    `${name}-${spec.key}`,
                    {
                        name: spec.name,
                        planId: this.plan.id,
                        iamRoleArn: this.role.arn,
                        resources: spec.resources,
                        notResources: spec.notResources,
                        conditions: spec.conditions ? [spec.conditions] : [],
                    },
                    // AWS Backup checks the role when the selection is created; its policies must be attached by then.
                    { parent: this, provider, dependsOn: this.role.ready },
                ),
        );

        this.planId = this.plan.id;
        this.planArn = this.plan.arn;
        this.registerOutputs({ planId: this.planId, planArn: this.planArn });
    }
}
