// BackupOrganisationPolicy: one AWS Organizations BACKUP_POLICY and its attachments to the
// root, OUs and accounts it targets, created through the provider of the management account
// (or of the delegated administrator for backup policies). The document comes from the pure
// builder; the component validates it again before registering anything.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, formatKeyPath } from "../../config/errors";
import type { OrgBackupPoliciesConfig, OrgBackupPolicyConfig } from "../../config/org-backup-policies";
import type { ProviderSet } from "../../shared/providers";
import { policyContent } from "./render";
import { backupPolicyProblems } from "./validate";

export interface BackupOrganisationPolicyArgs {
    /** The policy: plans, targets and child restrictions, as in `gatevault:orgBackupPolicies.policies[]`. */
    policy: OrgBackupPolicyConfig;
    /** Provider for the management account, or the delegated administrator for backup policies. */
    provider: aws.Provider;
    /** Where the policy sits in the stack config, for error messages (default `orgBackupPolicies.policies.<name>`). */
    configPath?: ReadonlyArray<PropertyKey>;
    /**
     * What must exist before the policy is created, changed or attached: the vaults and roles it
     * names in member accounts. (AWS accepts the policy without them; backup jobs then fail.)
     */
    after?: pulumi.Resource[];
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
            throw new ConfigValidationError(problems.map((p) => ({ path: formatKeyPath([...configPath, ...p.path]), message: p.message })));
        }
        super("gatevault:backup:BackupOrganisationPolicy", name, {}, opts);
        this.content = content;
        this.policyName = args.policy.name;

        const childOpts = { parent: this, provider: args.provider };
        this.policy = new aws.organizations.Policy(
            `${name}-policy`,
            {
                name: args.policy.name,
                description: args.policy.description ?? `AWS Backup plans for ${args.policy.targets.join(", ")} (managed by gatevault)`,
                type: "BACKUP_POLICY",
                content,
            },
            { ...childOpts, dependsOn: args.after ?? [] },
        );
        this.attachments = Object.fromEntries(
            args.policy.targets.map((target) => [
                target,
                new aws.organizations.PolicyAttachment(
                    `${name}-${target}`,
                    { policyId: this.policy.id, targetId: target },
                    { ...childOpts, dependsOn: [this.policy] },
                ),
            ]),
        );
        this.policyId = this.policy.id;
        this.policyArn = this.policy.arn;
        this.registerOutputs({ policyId: this.policyId, policyArn: this.policyArn, targets: args.policy.targets });
    }
}

/**
 * One BackupOrganisationPolicy per configured policy, all through the administrator account's
 * provider. `after`: what must exist before the policies are created, changed or attached
 * (the member accounts' backup resources).
 */
export function deployOrgBackupPolicies(config: OrgBackupPoliciesConfig | undefined, providers: ProviderSet, after: pulumi.Resource[] = []): BackupOrganisationPolicy[] {
    if (!config) return [];
    const provider = providers.get({ assumeRoleArn: config.administratorRoleArn });
    return config.policies.map(
        (policy, i) => new BackupOrganisationPolicy(policy.name, { policy, provider, configPath: ["orgBackupPolicies", "policies", i], after }),
    );
}
