// gatevault: parse the stack config once, build the components, export what operators need.

import { createApiEndpoints, validateApiEndpoints } from "./components/api";
import { AccountBackup, assertBackupPlacement } from "./components/backup";
import { deployOrgBackupPolicies } from "./components/backup/org-policy";
import { loadStackConfig } from "./components/config";
import { CognitoUserPool } from "./components/auth/cognito-user-pool";
import { JwtAuthorizer } from "./components/functions/jwt-authorizer";
import { createPrivateNetwork, networkTargetNames, privateApiUrls } from "./components/network";
import { ProviderSet } from "./components/shared/providers";
import { UploadBucket } from "./components/uploads/upload-bucket";
import { UploadFunction } from "./components/uploads/upload-function";

const config = loadStackConfig();
assertBackupPlacement(config.backup, config);
const providers = new ProviderSet(config);
const provider = providers.main;

// Lambda authorizers, the upload bucket and function, Cognito: API routes plug these in.
const jwtAuthorizers = config.jwtAuthorizers.map(({ name, ...args }) => new JwtAuthorizer(name, args, { provider }));
const uploadConfig = config.uploads;
const uploadBucket = uploadConfig && new UploadBucket(uploadConfig.name, { ...uploadConfig.bucket, keyPrefix: uploadConfig.keyPrefix }, { provider });
const uploadFunction = uploadConfig && uploadBucket && new UploadFunction(uploadConfig.name, { ...uploadConfig, bucket: uploadBucket }, { provider });
const cognitoPool = config.cognito && new CognitoUserPool(config.cognito.name, config.cognito, { provider });

// Private connectivity (gatevault:network): VPC, internal NLBs, VPC links, execute-api endpoints,
// endpoint services. The APIs are checked against the names it supplies before any of it exists.
const apiOptions = { provider: providers.main };
validateApiEndpoints(config, { ...apiOptions, ...networkTargetNames(config) });
const network = createPrivateNetwork(config, providers);

// API endpoints: one REST API per entry of gatevault:apis.
const apiEndpoints = createApiEndpoints(config, { ...apiOptions, ...network?.apiTargets });

// AWS Backup in this account (gatevault:backup): vault ARNs, plan ids, audit and restore testing names.
const accountBackup = config.backup
    ? new AccountBackup("backup", { config: config.backup, environment: config.environment, accountId: config.accountId, region: config.region, providers })
    : undefined;

// AWS Organizations backup policies (gatevault:orgBackupPolicies), through the management account.
const orgBackupPolicies = deployOrgBackupPolicies(config.orgBackupPolicies, providers);

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;
export const apis = apiEndpoints.outputs;
/** API key values by API and client: secret, read with `pulumi stack output apiKeys --show-secrets`. */
export const apiKeys = apiEndpoints.keys;
export const backup = accountBackup?.outputs ?? {};
/** Organizations policy id per backup policy name (empty when the stack attaches none). */
export const orgBackupPolicyIds = Object.fromEntries(orgBackupPolicies.map((p) => [p.policyName, p.policyId]));
export const authorizerFunctions = Object.fromEntries(jwtAuthorizers.map((a, i) => [config.jwtAuthorizers[i].name, a.functionName]));
/** The large-upload bucket and function (empty when the stack has no gatevault:uploads). */
export const uploads = uploadBucket && uploadFunction ? { bucketName: uploadBucket.bucketName, functionName: uploadFunction.functionName } : {};
/** The Cognito user pool, app client and scopes (empty when the stack has no gatevault:cognito). */
export const cognito = cognitoPool ? { userPoolId: cognitoPool.userPoolId, clientId: cognitoPool.clientId, scopes: cognitoPool.scopes } : {};
/** VPC, load balancers, VPC links, execute-api endpoints and endpoint services (empty without gatevault:network). */
export const privateNetwork = network?.outputs ?? {};
/** PRIVATE APIs: the invoke URL forms that work from inside a VPC (README "Private connectivity"). */
export const privateApis = privateApiUrls(config, apiEndpoints, network);
