// Restore testing: AWS Backup restores recent recovery points on a schedule, keeps each
// restored resource for the validation window, then deletes it.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RestoreTestingConfig } from "../config/backup";
import { Partition } from "./arns";
import { restoreRolePolicies } from "./policies/service-role";
import { restoreSelectionSpec, restoreTestingPlanSpec } from "./restore-testing-spec";
import { BackupServiceRole } from "./service-role";

export interface RestoreTestingArgs {
    config: RestoreTestingConfig;
    /** Letters, digits and underscores, unique in the account and region. */
    planName: string;
    /** Vaults whose recovery points are tested. */
    includeVaults: pulumi.Input<string>[];
    partition: Partition;
    provider: aws.Provider;
}

export class RestoreTesting extends pulumi.ComponentResource {
    readonly plan: aws.backup.RestoreTestingPlan;
    readonly role: BackupServiceRole;
    readonly selections: aws.backup.RestoreTestingSelection[];
    readonly planName: pulumi.Output<string>;

    constructor(name: string, args: RestoreTestingArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:RestoreTesting", name, {}, opts);
        const provider = args.provider;

        this.role = new BackupServiceRole(
            `${name}-restore`,
            {
                provider,
                partition: args.partition,
                description: `gatevault: AWS Backup runs restore testing plan ${args.planName} with this role`,
                managedPolicies: restoreRolePolicies({ s3: args.config.selections.some((s) => s.resourceType === "S3") }),
            },
            { parent: this },
        );

        this.plan = new aws.backup.RestoreTestingPlan(
            `${name}-plan`,
            { name: args.planName, ...restoreTestingPlanSpec(args.config, args.includeVaults) },
            { parent: this, provider },
        );

        this.selections = args.config.selections.map((selection) => {
            const spec = restoreSelectionSpec(selection);
            return new aws.backup.RestoreTestingSelection(
                `${name}-${spec.name}`,
                { ...spec, restoreTestingPlanName: this.plan.name, iamRoleArn: this.role.arn },
                { parent: this, provider, dependsOn: this.role.ready },
            );
        });

        this.planName = this.plan.name;
        this.registerOutputs({ planName: this.planName });
    }
}
