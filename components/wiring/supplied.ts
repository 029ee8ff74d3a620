// The names under which the program supplies what it builds to the APIs: each JWT
// authorizer's and the upload function's name (`functions`), the Cognito pool's
// (`userPools`), and gatevault:network's VPC links and execute-api endpoints. Derived from
// config alone, so APIs can be checked before anything exists.

import type { GatevaultConfig } from "../config";
import { isLambdaArn } from "../config/api/references";
import type { JwtAuthorizerConfig } from "../config/authorizers";
import type { CognitoConfig } from "../config/cognito";
import type { Problems } from "../config/problems";
import type { UploadsConfig } from "../config/uploads";

export type SuppliedFunction =
    | { kind: "jwt-authorizer"; index: number; config: JwtAuthorizerConfig }
    | { kind: "uploads"; config: UploadsConfig };

export interface SuppliedNames {
    functions: ReadonlyMap<string, SuppliedFunction>;
    userPools: ReadonlyMap<string, CognitoConfig>;
    vpcLinks: readonly string[];
    vpcEndpoints: readonly string[];
}

/** `gatevault:jwtAuthorizers[0] ("orders-jwt")`, for messages. */
export function describeFunction(name: string, f: SuppliedFunction): string {
    return f.kind === "uploads" ? `the upload function ("${name}", gatevault:uploads)` : `gatevault:jwtAuthorizers[${f.index}] ("${name}")`;
}

export function suppliedNames(config: GatevaultConfig, problems: Problems): SuppliedNames {
    const functions = new Map<string, SuppliedFunction>();
    config.jwtAuthorizers.forEach((a, index) => functions.set(a.name, { kind: "jwt-authorizer", index, config: a }));
    if (config.uploads) {
        const clash = functions.get(config.uploads.name);
        if (clash) {
            // Both would answer to the same name in gatevault:apis (and their resources would collide).
            problems.add(
                ["uploads", "name"],
                `duplicates the name of ${describeFunction(config.uploads.name, clash)}; APIs name functions by these names, so they must be unique (got "${config.uploads.name}")`,
            );
        } else {
            functions.set(config.uploads.name, { kind: "uploads", config: config.uploads });
        }
    }
    const userPools = new Map<string, CognitoConfig>(config.cognito ? [[config.cognito.name, config.cognito]] : []);
    const vpcLinks = Object.keys(config.network?.vpcLinks ?? {});
    const vpcEndpoints = Object.keys(config.network?.executeApiEndpoints ?? {});
    return { functions, userPools, vpcLinks, vpcEndpoints };
}

/** What a config reference (`function: <ARN or name>`) names among the functions the program builds. */
export function suppliedFunction(ref: string | undefined, supplied: SuppliedNames): SuppliedFunction | undefined {
    return ref === undefined || isLambdaArn(ref) ? undefined : supplied.functions.get(ref);
}
