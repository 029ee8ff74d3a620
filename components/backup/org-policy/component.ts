// BackupOrganisationPolicy: one AWS Organizations BACKUP_POLICY and its attachments to the
// root, OUs and accounts it targets, created through the provider of the management account
// (or of the delegated administrator for backup policies). The document comes from the pure
// builder; the component validates it again before registering anything.

import * as aws from "../../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { guardOptions } from "@gatevault/aws-model/backup/protection";
import { ConfigValidationError } from "../../config/errors";
import type { OrgBackupPoliciesConfig, OrgBackupPolicyConfig } from "../../config/org-backup-policies";
import type { KeyPath } from "../../config/problems";
import type { ProviderSet } from "../../shared/providers";
import { atKeyPath } from "../validation/problem";
import { backupPolicyTypeProblems } from "./organization-check";
import { policyContent } from "./render";
import { backupPolicyProblems } from "./validate";

export interface BackupOrganisationPolicyArgs {
    /** The policy: plans, targets and child restrictions, as in `gatevault:orgBackupPolicies.policies[]`. */
    policy: OrgBackupPolicyConfig;
    /** Provider for the management account, or the delegated administrator for backup policies. */
    provider: aws.Provider;
    /** Where the policy sits in the stack config, for error messages (default `orgBackupPolicies.policies.<name>`). */
    configPath?: KeyPath;
    /**
     * What must exist before the policy is created, changed or attached: the vaults and roles it
     * names in member accounts. (AWS accepts the policy without them; backup jobs then fail.)
     */
    after?: pulumi.Resource[];
    /**
     * Resolves once the organization is known to accept the policy (BACKUP_POLICY enabled on the
     * root); rejects with the problems otherwise, which stops the preview before the policy.
     */
    organizationReady?: pulumi.Input<string>;
    /** Production: the policy and its attachments are protected (packages/aws-model/backup/protection.ts). */
    production?: boolean;
}

export class BackupOrganisationPolicy extends pulumi.ComponentResource {
    readonly policy: aws.organizations.Policy;
    /** One attachment per target, keyed by the target id. */
    readonly attachments: Record<string, aws.organizations.PolicyAttachment>;
    readonly policyId: pulumi.Output<string>;
    readonly policyArn: pulumi.Output<string>;
    /** The document as sent to Organizations (minified JSON). */
    readonly content: string;
    /** The policy's name in Organizations. */
    readonly policyName: string;

    constructor(name: string, args: BackupOrganisationPolicyArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const configPath = args.configPath ?? ["orgBackupPolicies", "policies", args.policy.name];
        const content = policyContent(args.policy);
        const problems = backupPolicyProblems(args.policy, content);
        if (problems.length > 0) {
            throw new ConfigValidationError(atKeyPath(configPath, problems));
        }
        super("gatevault:backup:BackupOrganisationPolicy", name, {}, opts);
        this.content = content;
        this.policyName = args.policy.name;

        const childOpts = { parent: this, provider: args.provider };
        const ready = pulumi.output(args.organizationReady ?? "");
        this.policy = new aws.organizations.Policy(
            `${name}-policy`,
            {
                name: args.policy.name,
                description: args.policy.description ?? `AWS Backup plans for ${args.policy.targets.join(", ")} (managed by gatevault)`,
                type: "BACKUP_POLICY",
                content: ready.apply(() => content),
            },
            { ...childOpts, ...guardOptions("orgBackupPolicy", args.production ?? false), dependsOn: args.after ?? [] },
        );
        // Everything read from the policy goes through the organization check too, so a failed
        // check stops the plan at the policy instead of leaving its attachments waiting for it.
        const checked = (value: pulumi.Output<string>) => pulumi.all([ready, value]).apply(([, v]) => v);
        this.policyId = checked(this.policy.id);
        this.policyArn = checked(this.policy.arn);
        this.attachments = Object.fromEntries(
            args.policy.targets.map((target) => [
                target,
                // policyId carries the dependency on the policy.
                new aws.organizations.PolicyAttachment(
                    `${name}-${target}`,
                    { policyId: this.policyId, targetId: target },
                    { ...childOpts, ...guardOptions("orgBackupPolicyAttachment", args.production ?? false) },
                ),
            ]),
        );
        this.registerOutputs({ policyId: this.policyId, policyArn: this.policyArn, targets: args.policy.targets });
    }
}

/**
 * One BackupOrganisationPolicy per configured policy, all through the administrator account's
 * provider. `after`: what must exist before the policies are created, changed or attached
 * (the member accounts' backup resources).
 */
export function deployOrgBackupPolicies(
    config: OrgBackupPoliciesConfig | undefined,
    providers: ProviderSet,
    after: pulumi.Resource[] = [],
    opts: { production?: boolean } = {},
): BackupOrganisationPolicy[] {
    if (!config) return [];
    const provider = providers.get({ assumeRoleArn: config.administratorRoleArn });
    // Read at preview time through the same provider: a root without BACKUP_POLICY enabled
    // stops the plan with the fix, instead of failing the attachment during `pulumi up`.
    const organizationReady = aws.organizations.getOrganizationOutput({}, { provider }).apply((org) => {
        const problems = backupPolicyTypeProblems(org, config);
        if (problems.length > 0) throw new ConfigValidationError(problems);
        return org.id;
    });
    return config.policies.map(
        (policy, i) => new BackupOrganisationPolicy(policy.name, {
                policy,
                provider,
                configPath: ["orgBackupPolicies", "policies", i],
                after,
                organizationReady,
                production: opts.production,
            }),
    );
}
