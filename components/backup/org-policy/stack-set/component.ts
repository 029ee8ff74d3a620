// MemberStackSet: for one OU that opts in, a service-managed StackSet whose template (pure,
// template.ts) holds the vaults and roles the OU's effective policy names, and one stack
// instance per region targeting the OU. Created through the provider of the management account
// or of a delegated administrator for StackSets (`callAs`).
//
// AWS and provider rules it follows:
// - Service-managed permissions with automatic deployment: accounts that join the OU later get
//   the stacks too; with retain stacks (prod), an account that leaves keeps its stack's resources
//   (AWS CloudFormation User Guide, stacksets-orgs-manage-auto-deployment.html). The provider's
//   `auto_deployment` conflicts with `administration_role_arn` and `execution_role_name`, which
//   are left unset (internal/service/cloudformation/stack_set.go).
// - The template names IAM roles, so the StackSet acknowledges CAPABILITY_NAMED_IAM (API
//   Reference, API_CreateStackSet.html, Capabilities).
// - "Only one operation can be performed for a stack set at a given time": each region's
//   instance waits for the one before it (API_CreateStackInstances.html, OperationInProgress),
//   which is also the configured region order.
// - Instances target the OU; listed accounts that take the per-account path are left out with
//   AccountFilterType DIFFERENCE (API_DeploymentTargets.html). Deployment targets are ForceNew
//   (internal/service/cloudformation/stack_set_instance.go), so they come from config only,
//   never from what the organization looks like at preview time.

import * as aws from "../../../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardOptions } from "@gatevault/aws-model/backup/protection";
import type { GatevaultConfig } from "../../../config";
import { ConfigValidationError } from "../../../config/errors";
import type { StackSetsConfig } from "../../../config/org-backup-policies";
import type { ProviderSet } from "../../../shared/providers";
import { stackSetDeployments } from "./deployments";
import type { OuStackSet } from "./layout";
import { STACKSETS_SERVICE_PRINCIPAL, StackSetOrganizationView, stackSetPrerequisiteProblems } from "./prerequisites";
import { stackSetsAdministratorRole } from "./problems";

export interface MemberStackSetArgs {
    set: OuStackSet;
    /** The TemplateBody (template.ts `templateBody`). */
    templateBody: string;
    /** Regions in deployment order. */
    regions: string[];
    settings: Pick<StackSetsConfig, "callAs" | "operationPreferences">;
    /** Management account or delegated administrator for StackSets. */
    provider: aws.Provider;
    /** Resolves once the organization is known to accept the StackSet; rejects with the problems otherwise. */
    organizationReady?: pulumi.Input<string>;
    /** Prod: stacks are retained when accounts leave the OU or an instance is deleted, and everything is protected. */
    production: boolean;
}

export class MemberStackSet extends pulumi.ComponentResource {
    readonly stackSet: aws.cloudformation.StackSet;
    /** One instance per region, by region. */
    readonly instances: Record<string, aws.cloudformation.StackSetInstance>;
    readonly stackSetName: pulumi.Output<string>;

    constructor(name: string, args: MemberStackSetArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:backup:MemberStackSet", name, {}, opts);
        const { set, settings } = args;
        const childOpts = { parent: this, provider: args.provider };
        const ready = pulumi.output(args.organizationReady ?? "");
        const prefs = settings.operationPreferences;
        const operationPreferences = {
            maxConcurrentPercentage: prefs.maxConcurrentPercentage,
            failureTolerancePercentage: prefs.failureTolerancePercentage,
            regionConcurrencyType: prefs.regionConcurrencyType,
            regionOrders: args.regions,
        };
        this.stackSet = new aws.cloudformation.StackSet(
            name,
            {
                name: set.stackSetName,
                description: `gatevault: backup vaults and roles for every account of OU ${set.ouName} (${set.ouId})`,
                permissionModel: "SERVICE_MANAGED",
                callAs: settings.callAs,
                autoDeployment: { enabled: true, retainStacksOnAccountRemoval: args.production },
                capabilities: ["CAPABILITY_NAMED_IAM"],
                templateBody: ready.apply(() => args.templateBody),
                operationPreferences,
            },
            { ...childOpts, ...guardOptions("memberStackSet", args.production) },
        );
        this.stackSetName = this.stackSet.name;
        this.instances = {};
        let previous: pulumi.Resource | undefined;
        for (const region of args.regions) {
            const instance = new aws.cloudformation.StackSetInstance(
                `${name}-${region}`,
                {
                    stackSetName: this.stackSet.name,
                    stackSetInstanceRegion: region,
                    callAs: settings.callAs,
                    deploymentTargets: {
                        organizationalUnitIds: [set.ouId],
                        ...(set.excludedAccounts.length > 0 ? { accounts: set.excludedAccounts, accountFilterType: "DIFFERENCE" } : {}),
                    },
                    operationPreferences,
                    retainStack: args.production,
                },
                { ...childOpts, ...guardOptions("memberStackSetInstance", args.production), dependsOn: previous ? [previous] : [] },
            );
            this.instances[region] = instance;
            previous = instance;
        }
        this.registerOutputs({ stackSetName: this.stackSetName, regions: args.regions });
    }
}

/**
 * One MemberStackSet per OU with `stackSet`, through the StackSets administrator's provider,
 * after the organization has been read at preview time: trusted access, callAs, and where the
 * management account sits (prerequisites.ts). Returns the StackSets and, per StackSet name,
 * its OU and regions.
 */
export function deployMemberStackSets(
    config: Pick<GatevaultConfig, "orgBackupPolicies" | "environment" | "region">,
    providers: ProviderSet,
): { stackSets: MemberStackSet[]; summary: Record<string, { organizationalUnitId: string; regions: string[] }> } {
    const org = config.orgBackupPolicies;
    const deployments = org ? stackSetDeployments(org, config.region) : [];
    if (!org || deployments.length === 0) return { stackSets: [], summary: {} };
    const provider = providers.get({ assumeRoleArn: stackSetsAdministratorRole(org) });
    const sets = deployments.map((d) => d.set);
    const organization = aws.organizations.getOrganizationOutput({}, { provider });
    const view = pulumi
        .all([
            organization,
            aws.organizations.getDelegatedAdministratorsOutput({ servicePrincipal: STACKSETS_SERVICE_PRINCIPAL }, { provider }),
            aws.organizations.getEntityPathOutput({ entityId: organization.masterAccountId }, { provider }),
        ])
        .apply(([org, delegated, path]): StackSetOrganizationView => ({
            masterAccountId: org.masterAccountId,
            awsServiceAccessPrincipals: org.awsServiceAccessPrincipals,
            delegatedAdministrators: delegated.delegatedAdministrators.map((a) => a.id),
            managementAccountPath: path.entityPath,
        }));
    const organizationReady = view.apply((v) => {
        const problems = stackSetPrerequisiteProblems(v, org, sets);
        if (problems.length > 0) throw new ConfigValidationError(problems);
        return v.masterAccountId;
    });
    const settings = org.stackSets ?? DEFAULT_STACK_SETS;
    const production = config.environment === "prod";
    const stackSets = deployments.map(
        (d) =>
            new MemberStackSet(`member-stackset-${d.set.ouId}`, {
                set: d.set,
                templateBody: d.body,
                regions: d.regions,
                settings,
                provider,
                organizationReady,
                production,
            }),
    );
    return { stackSets, summary: Object.fromEntries(deployments.map((d) => [d.set.stackSetName, { organizationalUnitId: d.set.ouId, regions: d.regions }])) };
}

const DEFAULT_STACK_SETS: Pick<StackSetsConfig, "callAs" | "operationPreferences"> = {
    callAs: "SELF",
    operationPreferences: { maxConcurrentPercentage: 25, failureTolerancePercentage: 0, regionConcurrencyType: "SEQUENTIAL" },
};
