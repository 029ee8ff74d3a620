// gatevault: parse the stack config once, build the components, export what operators need.

import { loadStackConfig } from "./components/config";
import { CognitoUserPool } from "./components/auth/cognito-user-pool";
import { JwtAuthorizer } from "./components/functions/jwt-authorizer";
import { ProviderSet } from "./components/shared/providers";
import { UploadBucket } from "./components/uploads/upload-bucket";
import { UploadFunction } from "./components/uploads/upload-function";

const config = loadStackConfig();
const providers = new ProviderSet(config);
const provider = providers.main;

// Lambda authorizers, the upload bucket and function, Cognito: API routes plug these in.
const jwtAuthorizers = config.jwtAuthorizers.map(({ name, ...args }) => new JwtAuthorizer(name, args, { provider }));
const uploads = config.uploads;
const uploadBucket = uploads && new UploadBucket(uploads.name, { ...uploads.bucket, keyPrefix: uploads.keyPrefix }, { provider });
const uploadFunction = uploads && uploadBucket && new UploadFunction(uploads.name, { ...uploads, bucket: uploadBucket }, { provider });
const cognito = config.cognito && new CognitoUserPool(config.cognito.name, config.cognito, { provider });

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;
export const authorizerFunctions = Object.fromEntries(jwtAuthorizers.map((a, i) => [config.jwtAuthorizers[i].name, a.functionName]));
export const uploadBucketName = uploadBucket?.bucketName;
export const uploadFunctionName = uploadFunction?.functionName;
export const cognitoUserPoolId = cognito?.userPoolId;
export const cognitoClientId = cognito?.clientId;
export const cognitoScopes = cognito?.scopes;
