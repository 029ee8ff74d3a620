// The program's wiring, checked before anything is registered: which functions, user pool,
// VPC links and execute-api endpoints the config creates (by name), what the APIs' config
// says about them, and every API's document built against those names. One
// ConfigValidationError lists every problem.

import type { GatevaultConfig } from "../config";
import { ConfigValidationError } from "../config/errors";
import { Problems } from "../config/problems";
import { ApiDocument, AvailableTargets, planApiEndpoints } from "../api";
import { cognitoScopeProblems } from "./cognito";
import { jwtCoverageProblems, linkJwtAuthorizers } from "./jwt-authorizers";
import { suppliedNames } from "./supplied";
import { uploadFunctionCors, uploadRouteProblems } from "./uploads";

export interface StackWiring {
    /** The config with each API authorizer that names a gatevault JWT authorizer completed from it. */
    config: GatevaultConfig;
    /** The names the program will supply to the APIs. */
    available: AvailableTargets;
    /** Per API (in config order), its document built against `available`, for createApiEndpoints to deploy. */
    documents: (ApiDocument | undefined)[];
}

export interface StackWiringOptions {
    /** Where template, model and OpenAPI files are; default: the Pulumi project directory. */
    projectDir?: string;
}

export function planStackWiring(config: GatevaultConfig, options: StackWiringOptions = {}): StackWiring {
    const problems = new Problems();
    const supplied = suppliedNames(config, problems);
    const linked: GatevaultConfig = { ...config, apis: linkJwtAuthorizers(config.apis, supplied, problems) };
    uploadRouteProblems(linked, supplied, problems);
    uploadFunctionCors(linked, problems);
    cognitoScopeProblems(linked, supplied, problems);
    const available = {
        functions: [...supplied.functions.keys()],
        userPools: [...supplied.userPools.keys()],
        vpcLinks: [...supplied.vpcLinks],
        vpcEndpoints: [...supplied.vpcEndpoints],
    };
    const planned = planApiEndpoints(linked, available, options.projectDir);
    jwtCoverageProblems(linked.apis, planned.documents, supplied, problems);
    const all = [...planned.problems, ...problems.list];
    if (all.length > 0) {
        throw new ConfigValidationError(all);
    }
    return { config: linked, available, documents: planned.documents };
}
