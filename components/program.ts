// The whole program for one stack: every cross-part check first (so a bad stack file leaves
// nothing half-created), then the components, in dependency order. index.ts calls this with
// the parsed stack config and exports what it returns; tests call it under the offline mocks.

import { createApiEndpoints } from "./api";
import { AccountBackup, placementProblems } from "./backup";
import { deployMemberAccountBackups, deployMemberStackSets, deployOrgBackupPolicies, memberPlacementProblems, stackSetDeploymentProblems } from "./backup/org-policy";
import { backupRuleProblems, deployBackupStackSettings } from "./backup/stack";
import { ConfigProblem, ConfigValidationError, GatevaultConfig, isConfigValidationError } from "./config";
import { createPrivateNetwork, networkRegionProblems, privateApiUrls } from "./network";
import { ProviderSet } from "./shared/providers";
import { createStackFunctions, planStackWiring, StackWiring } from "./wiring";

export interface ProgramOptions {
    /** Where template, model and OpenAPI files are; default: the Pulumi project directory. */
    projectDir?: string;
}

/**
 * The checks the schema leaves to the layers above it: the backup rules that need the backup
 * layer's knowledge (presets, vault locks, the organization tree), and the checks that need
 * more than one part of the config, or the stack's region and account. All run, and all their
 * problems are reported together, before the first resource is registered.
 */
export function checkStack(config: GatevaultConfig, options: ProgramOptions = {}): StackWiring {
    // The config layer parsed shapes and each field on its own; the backup rules come first.
    const ruleProblems = backupRuleProblems(config);
    const problems: ConfigProblem[] = [...ruleProblems];
    if (config.backup) problems.push(...placementProblems(config.backup, config));
    // Member accounts' vaults and roles come from the effective policies, which are only
    // computed from backup config that follows the rules.
    if (ruleProblems.length === 0) {
        problems.push(...memberPlacementProblems(config));
        problems.push(...stackSetDeploymentProblems(config.orgBackupPolicies, config.region));
    }
    if (config.network) problems.push(...networkRegionProblems(config.network, config.region));
    // Every API checked against the functions, user pool, VPC links and endpoints this config
    // creates, by name.
    let wiring: StackWiring | undefined;
    try {
        wiring = planStackWiring(config, { projectDir: options.projectDir });
    } catch (err) {
        if (!isConfigValidationError(err)) throw err;
        problems.push(...err.problems);
    }
    if (problems.length > 0 || wiring === undefined) {
        throw new ConfigValidationError(problems);
    }
    return wiring;
}

/** Builds the stack; returns its outputs (for index.ts to export) and the providers it used. */
export function deployGatevault(config: GatevaultConfig, options: ProgramOptions = {}) {
    const wiring = checkStack(config, options);
    const providers = new ProviderSet(config);
    const provider = providers.main;

    // JWT authorizers, the upload bucket and function, Cognito: APIs name them in their config.
    const built = createStackFunctions(config, provider);

    // Private connectivity (gatevault:network): VPC, internal NLBs, VPC links, execute-api
    // endpoints, endpoint services.
    const network = createPrivateNetwork(config, providers);

    // API endpoints: one REST API per entry of gatevault:apis.
    const apiEndpoints = createApiEndpoints(wiring.config, {
        provider,
        projectDir: options.projectDir,
        documents: wiring.documents,
        ...built.targets,
        ...network?.apiTargets,
    });

    // AWS Backup in this account (gatevault:backup).
    const accountBackup = config.backup
        ? new AccountBackup("backup", { config: config.backup, environment: config.environment, accountId: config.accountId, region: config.region, providers })
        : undefined;

    // Vaults and roles the org policies name, in member accounts marked deployBackupResources;
    // the policies are created, changed and attached only after these, so no backup job finds them missing.
    const memberBackups = deployMemberAccountBackups(config, providers);
    // The same vaults and roles in every account of the OUs that opt in, through one StackSet per OU.
    const memberStackSets = deployMemberStackSets(config, providers);

    // AWS Organizations backup policies (gatevault:orgBackupPolicies), through the management account.
    const orgBackupPolicies = deployOrgBackupPolicies(config.orgBackupPolicies, providers, [...memberBackups, ...memberStackSets.stackSets], {
        production: config.environment === "prod",
    });

    // What spans both backup parts: cross-account backup in the management account, and the
    // warnings about tag conventions, the central vault's account and emptied policy settings.
    deployBackupStackSettings(config, providers);

    const outputs = {
        environment: config.environment,
        region: config.region,
        deployAccount: providers.target.accountId,
        apis: apiEndpoints.outputs,
        apiKeys: apiEndpoints.keys,
        backup: accountBackup?.outputs ?? {},
        orgBackupPolicyIds: Object.fromEntries(orgBackupPolicies.map((p) => [p.policyName, p.policyId])),
        memberAccountBackups: Object.fromEntries(memberBackups.map((m) => [m.accountId, m.outputs])),
        memberStackSets: memberStackSets.summary,
        authorizerFunctions: Object.fromEntries(built.jwtAuthorizers.map(({ name, authorizer }) => [name, authorizer.functionName])),
        uploads: built.uploads ? { bucketName: built.uploads.bucket.bucketName, functionName: built.uploads.function.functionName } : {},
        cognito: built.cognito
            ? { userPoolId: built.cognito.pool.userPoolId, clientId: built.cognito.pool.clientId, scopes: built.cognito.pool.scopes }
            : {},
        privateNetwork: network?.outputs ?? {},
        privateApis: privateApiUrls(config, apiEndpoints, network),
    };
    return { outputs, providers };
}
