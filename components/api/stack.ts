// The program's API wiring: validate every API (and gatevault:apiKeys) before creating
// anything, create the account's logging role once, then one ApiEndpoint per API.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GatevaultConfig } from "../config";
import { ConfigProblem, ConfigValidationError, isConfigValidationError } from "../config/errors";
import { ApiGatewayAccountSettings } from "./account-settings";
import { apiKeyProblems } from "./api-keys";
import { ApiEndpoint, planApiEndpoint } from "./api-endpoint";
import { partitionOf } from "./openapi/context";
import { projectDirectory } from "./project-files";
import type { ApiTargets } from "./targets";

export interface ApiEndpointsOptions extends ApiTargets {
    provider: aws.Provider;
    projectDir?: string;
    /** Resources every deployment waits for. */
    dependsOn?: pulumi.Resource[];
}

export interface ApiEndpoints {
    endpoints: ApiEndpoint[];
    accountSettings?: ApiGatewayAccountSettings;
    /** Stack output: per API, where to call it. */
    outputs: Record<string, { url: pulumi.Output<string>; restApiId: pulumi.Output<string>; customDomainUrl?: pulumi.Output<string> }>;
    /** Stack output: API key values per API and client; secret. */
    keys: pulumi.Output<Record<string, Record<string, string>>>;
}

/**
 * Checks every API (and gatevault:apiKeys) against the names of the targets, creating nothing.
 * Programs that build targets first (VPC links, endpoints) call it before building them.
 */
export function validateApiEndpoints(config: GatevaultConfig, options: ApiTargets & { projectDir?: string }): void {
    const projectDir = options.projectDir ?? projectDirectory();
    const problems: ConfigProblem[] = apiKeyProblems(config);
    config.apis.forEach((api, i) => {
        try {
            planApiEndpoint({ ...options, api, keyPath: ["apis", i], region: config.region, projectDir });
        } catch (err) {
            if (!isConfigValidationError(err)) throw err;
            problems.push(...err.problems);
        }
    });
    if (problems.length > 0) {
        throw new ConfigValidationError(problems);
    }
}

export function createApiEndpoints(config: GatevaultConfig, options: ApiEndpointsOptions): ApiEndpoints {
    const projectDir = options.projectDir ?? projectDirectory();
    // One bad API stops them all before any is created: nothing is left half-deployed.
    validateApiEndpoints(config, { ...options, projectDir });
    if (config.apis.length === 0) {
        return { endpoints: [], outputs: {}, keys: pulumi.secret(pulumi.output<Record<string, Record<string, string>>>({})) };
    }
    const providers = { providers: [options.provider] };
    const accountSettings = new ApiGatewayAccountSettings("apigateway-account", { partition: partitionOf(config.region) }, providers);
    const endpoints = config.apis.map(
        (api, i) =>
            new ApiEndpoint(
                api.name,
                {
                    ...options,
                    api,
                    keyPath: ["apis", i],
                    region: config.region,
                    projectDir,
                    apiKeyValues: config.apiKeys,
                    accountSettings,
                },
                providers,
            ),
    );
    return {
        endpoints,
        accountSettings,
        outputs: Object.fromEntries(
            endpoints.map((e, i) => [
                config.apis[i].name,
                { url: e.invokeUrl, restApiId: e.restApi.id, ...(e.customDomain ? { customDomainUrl: e.customDomain.url } : {}) },
            ]),
        ),
        keys: pulumi.secret(pulumi.all(Object.fromEntries(endpoints.map((e, i) => [config.apis[i].name, e.apiKeys])))),
    };
}
