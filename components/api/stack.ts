// The program's API wiring: validate every API (and gatevault:apiKeys) before creating
// anything, create the account's logging role once, then one ApiEndpoint per API.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GatevaultConfig } from "../config";
import { ConfigProblem, ConfigValidationError, isConfigValidationError } from "../config/errors";
import { ApiGatewayAccountSettings } from "./account-settings";
import { apiKeyProblems } from "./api-keys";
import { ApiEndpoint } from "./api-endpoint";
import { apiPlacementProblems } from "./placement";
import { ApiDocument, AvailableTargets, buildApiDocument } from "./openapi";
import { partitionOf } from "./openapi/context";
import { projectDirectory, projectFileReader } from "./project-files";
import { ApiTargets, availableNames } from "./targets";

export interface ApiEndpointsOptions extends ApiTargets {
    provider: aws.Provider;
    projectDir?: string;
    /** Resources every deployment waits for. */
    dependsOn?: pulumi.Resource[];
    /**
     * Per API (in config order), its document as planStackWiring built it against these same
     * names: the APIs are then not validated again.
     */
    documents?: readonly (ApiDocument | undefined)[];
}

export interface ApiEndpoints {
    endpoints: ApiEndpoint[];
    accountSettings?: ApiGatewayAccountSettings;
    /** Stack output: per API, where to call it. */
    outputs: Record<string, { url: pulumi.Output<string>; restApiId: pulumi.Output<string>; customDomainUrl?: pulumi.Output<string> }>;
    /** Stack output: API key values per API and client; secret. */
    keys: pulumi.Output<Record<string, Record<string, string>>>;
}

export interface PlannedApis {
    /** Per API (in config order), its document, or undefined when it has problems. */
    documents: (ApiDocument | undefined)[];
    problems: ConfigProblem[];
}

/**
 * Builds every API's document against the names of what the program will supply, without
 * Pulumi: the program runs this before creating anything, so a bad API stops it early.
 */
export function planApiEndpoints(config: GatevaultConfig, available: Partial<AvailableTargets>, projectDir = projectDirectory()): PlannedApis {
    const problems: ConfigProblem[] = [...apiKeyProblems(config), ...apiPlacementProblems(config)];
    const documents = config.apis.map((api, i) => {
        try {
            return buildApiDocument({ api, at: ["apis", i], region: config.region, available, readFile: projectFileReader(projectDir) });
        } catch (err) {
            if (!isConfigValidationError(err)) throw err;
            problems.push(...err.problems);
            return undefined;
        }
    });
    return { documents, problems };
}

function validateAll(config: GatevaultConfig, options: ApiEndpointsOptions, projectDir: string): (ApiDocument | undefined)[] {
    const { documents, problems } = planApiEndpoints(config, availableNames(options), projectDir);
    if (problems.length > 0) {
        throw new ConfigValidationError(problems);
    }
    return documents;
}

export function createApiEndpoints(config: GatevaultConfig, options: ApiEndpointsOptions): ApiEndpoints {
    const { documents: planned, ...targets } = options;
    const projectDir = options.projectDir ?? projectDirectory();
    // One bad API stops them all before any is created: nothing is left half-deployed.
    const documents = planned ?? validateAll(config, options, projectDir);
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
                    ...targets,
                    api,
                    document: documents[i],
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
