// The Lambda functions and user pool the stack config asks for, created under the given
// provider, and the maps the APIs resolve config names through (`functions`, `userPools`).

import type * as aws from "../shared/aws";
import type { ApiTargets, FunctionTarget } from "../api";
import { CognitoUserPool } from "../auth/cognito-user-pool";
import type { GatevaultConfig } from "../config";
import { JwtAuthorizer } from "../functions/jwt-authorizer";
import { UploadBucket } from "../uploads/upload-bucket";
import { UploadFunction } from "../uploads/upload-function";
import { uploadFunctionCors } from "./uploads";

export interface StackFunctions {
    jwtAuthorizers: { name: string; authorizer: JwtAuthorizer }[];
    uploads?: { name: string; bucket: UploadBucket; function: UploadFunction };
    cognito?: { name: string; pool: CognitoUserPool };
    /** For `createApiEndpoints`: the same names `planStackWiring` checked the APIs against. */
    targets: Required<Pick<ApiTargets, "functions" | "userPools">>;
}

export function createStackFunctions(config: GatevaultConfig, provider: aws.Provider): StackFunctions {
    const jwtAuthorizers = config.jwtAuthorizers.map(({ name, ...args }) => ({ name, authorizer: new JwtAuthorizer(name, args, { provider }) }));
    let uploads: StackFunctions["uploads"];
    if (config.uploads) {
        const u = config.uploads;
        const bucket = new UploadBucket(u.name, { ...u.bucket, keyPrefix: u.keyPrefix }, { provider });
        // The function answers proxy routes itself, so it sends the CORS headers of the APIs that reach it.
        uploads = { name: u.name, bucket, function: new UploadFunction(u.name, { ...u, bucket, cors: uploadFunctionCors(config) }, { provider }) };
    }
    const cognito = config.cognito && { name: config.cognito.name, pool: new CognitoUserPool(config.cognito.name, config.cognito, { provider }) };
    const functions: Record<string, FunctionTarget> = {};
    for (const { name, authorizer } of jwtAuthorizers) functions[name] = { arn: authorizer.arn };
    if (uploads) functions[uploads.name] = { arn: uploads.function.arn };
    return {
        jwtAuthorizers,
        uploads,
        cognito,
        targets: { functions, userPools: cognito ? { [cognito.name]: { arn: cognito.pool.userPoolArn } } : {} },
    };
}
