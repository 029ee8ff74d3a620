// gatevault: parse the stack config once, build the components, export what operators need.

import { createApiEndpoints } from "./components/api";
import { AccountBackup, assertBackupPlacement } from "./components/backup";
import { assertMemberBackupPlacement, deployMemberAccountBackups, deployOrgBackupPolicies } from "./components/backup/org-policy";
import { loadStackConfig } from "./components/config";
import { CognitoUserPool } from "./components/auth/cognito-user-pool";
import { JwtAuthorizer } from "./components/functions/jwt-authorizer";
import { ProviderSet } from "./components/shared/providers";
import { UploadBucket } from "./components/uploads/upload-bucket";
import { UploadFunction } from "./components/uploads/upload-function";

const config = loadStackConfig();
assertBackupPlacement(config.backup, config);
assertMemberBackupPlacement(config);
const providers = new ProviderSet(config);
const provider = providers.main;

// Lambda authorizers, the upload bucket and function, Cognito: API routes plug these in.
const jwtAuthorizers = config.jwtAuthorizers.map(({ name, ...args }) => new JwtAuthorizer(name, args, { provider }));
const uploadConfig = config.uploads;
const uploadBucket = uploadConfig && new UploadBucket(uploadConfig.name, { ...uploadConfig.bucket, keyPrefix: uploadConfig.keyPrefix }, { provider });
const uploadFunction = uploadConfig && uploadBucket && new UploadFunction(uploadConfig.name, { ...uploadConfig, bucket: uploadBucket }, { provider });
const cognitoPool = config.cognito && new CognitoUserPool(config.cognito.name, config.cognito, { provider });

// API endpoints: one REST API per entry of gatevault:apis.
const apiEndpoints = createApiEndpoints(config, { provider: providers.main });

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
export const authorizerFunctions = Object.fromEntries(jwtAuthorizers.map((a, i) => [config.jwtAuthorizers[i].name, a.functionName]));
/** The large-upload bucket and function (empty when the stack has no gatevault:uploads). */
export const uploads = uploadBucket && uploadFunction ? { bucketName: uploadBucket.bucketName, functionName: uploadFunction.functionName } : {};
/** The Cognito user pool, app client and scopes (empty when the stack has no gatevault:cognito). */
export const cognito = cognitoPool ? { userPoolId: cognitoPool.userPoolId, clientId: cognitoPool.clientId, scopes: cognitoPool.scopes } : {};
