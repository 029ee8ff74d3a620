// gatevault:api:ApiEndpoint — one API Gateway REST API from one OpenAPI document. Routes
// live in the document (RestApi `body`), so adding one adds no Pulumi resource and costs
// no extra control-plane calls; around it: deployment, stage, logs, method settings, usage
// plans and keys, Lambda permissions, WAF and the custom domain.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ApiConfig } from "../config/api";
import type { KeyPath } from "../config/problems";
import { deploymentTrigger } from "./deployment-trigger";
import { ApiDocument, buildApiDocument, methodSettingsPath } from "./openapi";
import { createLambdaPermissions, routeSlug } from "./permissions";
import { projectDirectory, projectFileReader } from "./project-files";
import { ACCESS_LOG_FORMAT, methodSettings } from "./stage-settings";
import { ApiTargets, availableNames, referencedResources, resolveDocument, vpcEndpointIds } from "./targets";
import { createUsagePlans } from "./usage-plan-resources";

export interface ApiEndpointArgs extends ApiTargets {
    /** One entry of `gatevault:apis`, as parsed. */
    api: ApiConfig;
    /** Where the API sits in the stack file, for error messages, e.g. ["apis", 0]. */
    keyPath: KeyPath;
    /** The stack's region: AWS service integrations default to it. */
    region: string;
    /** Resolves template, model and OpenAPI file paths; default: the Pulumi project directory. */
    projectDir?: string;
    /** `gatevault:apiKeys`: key values by client id; clients without one get a generated key. */
    apiKeyValues?: Readonly<Record<string, string>>;
    /** The stack's ApiGatewayAccountSettings: stages cannot log before it exists. */
    accountSettings?: pulumi.Resource;
    /** Other resources the deployment must wait for (VPC links passed by name are added automatically). */
    dependsOn?: pulumi.Resource[];
    /** The API's document, already built from these args (createApiEndpoints plans every API first); built here when absent. */
    document?: ApiDocument;
}

export interface CustomDomainOutputs {
    url: pulumi.Output<string>;
    /** Point a DNS alias (or CNAME) at this name. */
    targetDomainName: pulumi.Output<string>;
    hostedZoneId: pulumi.Output<string>;
}

/** Validates an API's config against the program's targets and builds its document, without Pulumi. */
export function planApiEndpoint(args: Pick<ApiEndpointArgs, "api" | "keyPath" | "region" | "projectDir" | keyof ApiTargets>): ApiDocument {
    return buildApiDocument({
        api: args.api,
        at: args.keyPath,
        region: args.region,
        available: availableNames(args),
        readFile: projectFileReader(args.projectDir ?? projectDirectory()),
    });
}

export class ApiEndpoint extends pulumi.ComponentResource {
    readonly restApi: aws.apigateway.RestApi;
    readonly deployment: aws.apigateway.Deployment;
    readonly stage: aws.apigateway.Stage;
    /** The deployed OpenAPI document. */
    readonly document: pulumi.Output<string>;
    readonly invokeUrl: pulumi.Output<string>;
    /** API key values by client id; secret. */
    readonly apiKeys: pulumi.Output<Record<string, string>>;
    readonly customDomain?: CustomDomainOutputs;

    constructor(name: string, args: ApiEndpointArgs, opts: pulumi.ComponentResourceOptions = {}) {
        // Everything that can be wrong with the config is found before anything is registered.
        const built = args.document ?? planApiEndpoint(args);
        super("gatevault:api:ApiEndpoint", name, {}, opts);
        // Config that deploys but does not behave as it reads (pulumi preview prints these).
        for (const warning of built.warnings) {
            pulumi.log.warn(`${warning.path}: ${warning.message}`, this);
        }
        const api = args.api;
        const parent = { parent: this };

        const body = resolveDocument(built.text, built.references, args);
        const endpointIds = api.endpointType === "PRIVATE" ? vpcEndpointIds(api.vpcEndpointIds ?? [], args) : [];
        this.restApi = new aws.apigateway.RestApi(
            `${name}-rest-api`,
            {
                name: api.name,
                description: api.description,
                body,
                putRestApiMode: "overwrite",
                failOnWarnings: api.failOnWarnings ?? api.openApi === undefined,
                endpointConfiguration: { types: api.endpointType, vpcEndpointIds: endpointIds.length > 0 ? endpointIds : undefined },
                binaryMediaTypes: api.binaryMediaTypes.length > 0 ? api.binaryMediaTypes : undefined,
                minimumCompressionSize: api.minimumCompressionSize !== undefined ? String(api.minimumCompressionSize) : undefined,
                apiKeySource: api.apiKeySource,
                disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
            },
            parent,
        );
        this.document = pulumi.output(body);

        const trigger = pulumi.all([body, pulumi.all(endpointIds)]).apply(([document, ids]) =>
            deploymentTrigger({
                document,
                endpointType: api.endpointType,
                vpcEndpointIds: ids,
                binaryMediaTypes: api.binaryMediaTypes,
                minimumCompressionSize: api.minimumCompressionSize,
                apiKeySource: api.apiKeySource,
                disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
            }),
        );
        this.deployment = new aws.apigateway.Deployment(
            `${name}-deployment`,
            { restApi: this.restApi.id, description: `gatevault ${api.name}`, triggers: { redeployment: trigger } },
            {
                parent: this,
                // The resource policy is part of the body, so depending on the API is depending on the policy.
                dependsOn: [this.restApi, ...referencedResources(built.references, args), ...(args.dependsOn ?? [])],
                replaceOnChanges: ["triggers"],
                // The new deployment exists before the stage moves to it and the old one goes.
                deleteBeforeReplace: false,
            },
        );

        const stageWaitsFor: pulumi.Resource[] = args.accountSettings ? [args.accountSettings] : [];
        const accessLogs = new aws.cloudwatch.LogGroup(
            `${name}-access-logs`,
            { namePrefix: `/aws/apigateway/${api.name}-access-`, retentionInDays: api.stage.logRetentionDays },
            parent,
        );
        if (api.stage.executionLogging !== "OFF") {
            // API Gateway would create this group itself, with no retention.
            stageWaitsFor.push(
                new aws.cloudwatch.LogGroup(
                    `${name}-execution-logs`,
                    {
                        name: pulumi.interpolate`API-Gateway-Execution-Logs_${this.restApi.id}/${api.stage.name}`,
                        retentionInDays: api.stage.logRetentionDays,
                    },
                    parent,
                ),
            );
        }
        const cache = api.stage.cache;
        this.stage = new aws.apigateway.Stage(
            `${name}-stage`,
            {
                restApi: this.restApi.id,
                deployment: this.deployment.id,
                stageName: api.stage.name,
                description: api.stage.description,
                variables: Object.keys(api.stage.variables).length > 0 ? api.stage.variables : undefined,
                xrayTracingEnabled: api.stage.tracing,
                accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
                cacheClusterEnabled: cache !== undefined,
                cacheClusterSize: cache?.size,
            },
            { parent: this, dependsOn: stageWaitsFor },
        );
        this.invokeUrl = this.stage.invokeUrl;

        const settingsWaitFor = args.accountSettings ? [this.stage, args.accountSettings] : [this.stage];
        new aws.apigateway.MethodSettings(
            `${name}-method-settings`,
            { restApi: this.restApi.id, stageName: this.stage.stageName, methodPath: "*/*", settings: methodSettings(api) },
            { parent: this, dependsOn: settingsWaitFor },
        );
        for (const route of built.methodOverrides) {
            new aws.apigateway.MethodSettings(
                `${name}-method-settings-${routeSlug(route.method, route.path)}`,
                {
                    restApi: this.restApi.id,
                    stageName: this.stage.stageName,
                    methodPath: methodSettingsPath(route.method, route.path),
                    settings: methodSettings(api, { throttle: route.throttle, cachingEnabled: route.cachingEnabled }),
                },
                { parent: this, dependsOn: settingsWaitFor },
            );
        }

        createLambdaPermissions(name, built, this.restApi.executionArn, args, this);
        const { keys } = createUsagePlans(name, api, this.stage, args.apiKeyValues ?? {}, this);
        this.apiKeys = pulumi.secret(pulumi.all(Object.fromEntries(Object.entries(keys).map(([client, key]) => [client, key.value]))));

        if (api.wafWebAclArn) {
            new aws.wafv2.WebAclAssociation(`${name}-waf`, { resourceArn: this.stage.arn, webAclArn: api.wafWebAclArn }, parent);
        }
        if (api.customDomain) {
            this.customDomain = this.createCustomDomain(name, api);
        }

        this.registerOutputs({
            restApiId: this.restApi.id,
            stageName: this.stage.stageName,
            invokeUrl: this.invokeUrl,
            customDomainUrl: this.customDomain?.url,
            apiKeys: this.apiKeys,
        });
    }

    private createCustomDomain(name: string, api: ApiConfig): CustomDomainOutputs {
        const domain = api.customDomain!;
        const edge = api.endpointType === "EDGE";
        const domainName = new aws.apigateway.DomainName(
            `${name}-domain`,
            {
                domainName: domain.domainName,
                securityPolicy: domain.securityPolicy,
                endpointConfiguration: { types: api.endpointType },
                ...(edge ? { certificateArn: domain.certificateArn } : { regionalCertificateArn: domain.certificateArn }),
            },
            { parent: this },
        );
        new aws.apigateway.BasePathMapping(
            `${name}-base-path`,
            { restApi: this.restApi.id, stageName: this.stage.stageName, domainName: domainName.domainName, basePath: domain.basePath },
            { parent: this },
        );
        return {
            url: pulumi.interpolate`https://${domainName.domainName}/${domain.basePath ?? ""}`,
            targetDomainName: edge ? domainName.cloudfrontDomainName : domainName.regionalDomainName,
            hostedZoneId: edge ? domainName.cloudfrontZoneId : domainName.regionalZoneId,
        };
    }
}
