// gatevault: parse the stack config once, build the components, export what operators need.

import { createApiEndpoints } from "./components/api";
import { AccountBackup, assertBackupPlacement } from "./components/backup";
import { assertMemberBackupPlacement, deployMemberAccountBackups, deployOrgBackupPolicies } from "./components/backup/org-policy";
import { loadStackConfig } from "./components/config";
import { ProviderSet } from "./components/shared/providers";
import { createStackFunctions, planStackWiring } from "./components/wiring";

const config = loadStackConfig();
assertBackupPlacement(config.backup, config);
assertMemberBackupPlacement(config);
// Every API checked against the functions and user pool this config creates, before anything
// (provider included) is registered: a bad API leaves nothing half-created.
const wiring = planStackWiring(config);
const providers = new ProviderSet(config);
const provider = providers.main;

// JWT authorizers, the upload bucket and function, Cognito: APIs name them in their config.
const built = createStackFunctions(config, provider);

// API endpoints: one REST API per entry of gatevault:apis.
const apiEndpoints = createApiEndpoints(wiring.config, { provider, ...built.targets });

// AWS Backup in this account (gatevault:backup): vault ARNs, plan ids, audit and restore testing names.
const accountBackup = config.backup
    ? new AccountBackup("backup", { config: config.backup, environment: config.environment, accountId: config.accountId, region: config.region, providers })
    : undefined;

// Vaults and roles the org policies name, in member accounts marked deployBackupResources;
// the policies are created, changed and attached only after these, so no backup job finds them missing.
const memberBackups = deployMemberAccountBackups(config, providers);

// AWS Organizations backup policies (gatevault:orgBackupPolicies), through the management account.
const orgBackupPolicies = deployOrgBackupPolicies(config.orgBackupPolicies, providers, memberBackups);

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;
export const apis = apiEndpoints.outputs;
/** API key values by API and client: secret, read with `pulumi stack output apiKeys --show-secrets`. */
export const apiKeys = apiEndpoints.keys;
export const backup = accountBackup?.outputs ?? {};
/** Organizations policy id per backup policy name (empty when the stack attaches none). */
export const orgBackupPolicyIds = Object.fromEntries(orgBackupPolicies.map((p) => [p.policyName, p.policyId]));
/** Vault ARNs (by `<region>/<name>`) and role ARNs gatevault deployed in member accounts, by account id. */
export const memberAccountBackups = Object.fromEntries(memberBackups.map((m) => [m.accountId, m.outputs]));
export const authorizerFunctions = Object.fromEntries(built.jwtAuthorizers.map(({ name, authorizer }) => [name, authorizer.functionName]));
/** The large-upload bucket and function (empty when the stack has no gatevault:uploads). */
export const uploads = built.uploads ? { bucketName: built.uploads.bucket.bucketName, functionName: built.uploads.function.functionName } : {};
/** The Cognito user pool, app client and scopes (empty when the stack has no gatevault:cognito). */
export const cognito = built.cognito ? { userPoolId: built.cognito.pool.userPoolId, clientId: built.cognito.pool.clientId, scopes: built.cognito.pool.scopes } : {};
