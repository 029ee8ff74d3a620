// Stack config for API endpoints (`gatevault:apis`) and their client keys (`gatevault:apiKeys`).
// Each part lives in api/; this file composes one API and the list.

import { z } from "zod";
import { resourceNameSchema } from "./primitives";
import { apiKeysSchema } from "./api/api-keys";
import { authorizerNameSchema, modelNameSchema, routeSchema } from "./api/route";
import { authorizerSchema } from "./api/authorizers";
import { checkApi } from "./api/checks";
import { corsSchema } from "./api/cors";
import { customDomainSchema } from "./api/domain";
import { mediaTypeSchema } from "./api/files";
import { modelSchema } from "./api/models";
import { openApiSourceSchema } from "./api/openapi";
import { vpcEndpointRefSchema } from "./api/references";
import { stageSchema } from "./api/stage";
import { throttleSchema } from "./api/throttle";
import { clientIdSchema, clientSchema, usagePlanSchema } from "./api/usage-plans";

export { throttleSchema, apiKeysSchema };

/**
 * API Gateway's default quota of resources per REST API (the root plus each distinct path prefix),
 * a per-API quota that can be raised for one API
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html).
 */
export const DEFAULT_RESOURCE_QUOTA = 300;

const wafWebAclArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]+\/[0-9a-f-]+$/, "must be a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)");

export const apiSchema = z
    .strictObject({
        name: resourceNameSchema,
        description: z.string().max(1024).optional(),
        /** info.version of the generated document. */
        version: z.string().min(1).max(64).default("1.0"),
        endpointType: z.enum(["EDGE", "REGIONAL", "PRIVATE"]).default("REGIONAL"),
        /** PRIVATE only: VPC endpoints allowed to invoke the API (ids, or names the program supplies). */
        vpcEndpointIds: z.array(vpcEndpointRefSchema).min(1).optional(),
        /** Turn off the default execute-api URL (clients must use the custom domain). */
        disableExecuteApiEndpoint: z.boolean().default(false),
        /** Stage-wide throttle, applied to every method (`*` / `*`). */
        throttle: throttleSchema,
        stage: stageSchema.prefault({}),
        /** Regional WAFv2 web ACL associated with the stage. */
        wafWebAclArn: wafWebAclArnSchema.optional(),
        apiKeySource: z.enum(["HEADER", "AUTHORIZER"]).default("HEADER"),
        binaryMediaTypes: z.array(mediaTypeSchema).default([]),
        /** Force `*` / `*` as a binary media type (almost never what you want). */
        allowAnyBinaryMediaType: z.boolean().default(false),
        /** Compress responses at least this large (bytes, 0-10485760); omit for no compression. */
        minimumCompressionSize: z.int().min(0).max(10_485_760).optional(),
        /** Fail the deployment on OpenAPI import warnings (default: true for generated documents, false for your own). */
        failOnWarnings: z.boolean().optional(),
        cors: corsSchema.optional(),
        authorizers: z.record(authorizerNameSchema, authorizerSchema).default({}),
        /** Authorizer for routes that do not name one. */
        defaultAuthorizer: z.string().optional(),
        /** Require an API key on routes that do not say otherwise. */
        requireApiKey: z.boolean().default(false),
        models: z.record(modelNameSchema, modelSchema).default({}),
        usagePlans: z.record(resourceNameSchema, usagePlanSchema).default({}),
        clients: z.record(clientIdSchema, clientSchema).default({}),
        customDomain: customDomainSchema.optional(),
        openApi: openApiSourceSchema.optional(),
        routes: z.array(routeSchema).default([]),
        /** This API's "Resources per API" quota: 300 unless it was raised for this API. */
        resourceQuota: z
            .int()
            .superRefine((quota, ctx) => {
                if (quota < DEFAULT_RESOURCE_QUOTA) {
                    ctx.addIssue({
                        code: "custom",
                        message: `must be at least ${DEFAULT_RESOURCE_QUOTA}, API Gateway's default quota of resources per API (got ${quota}); set it only to a quota raised for this API`,
                        input: quota,
                    });
                }
            })
            .default(DEFAULT_RESOURCE_QUOTA),
    })
    .superRefine(checkApi);

export const apisSchema = z
    .array(apiSchema)
    .default([])
    .superRefine((apis, ctx) => {
        const names = new Map<string, number>();
        const clients = new Map<string, number>();
        apis.forEach((api, i) => {
            const first = names.get(api.name);
            if (first !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: [i, "name"],
                    message: `duplicates the name of apis[${first}] ("${api.name}"); API names must be unique in a stack`,
                    input: api.name,
                });
            } else {
                names.set(api.name, i);
            }
            for (const client of Object.keys(api.clients)) {
                const owner = clients.get(client);
                if (owner !== undefined && owner !== i) {
                    ctx.addIssue({
                        code: "custom",
                        path: [i, "clients", client],
                        message: `is also a client of apis[${owner}]; client ids name API keys (gatevault:apiKeys) and must be unique in a stack`,
                        input: client,
                    });
                } else {
                    clients.set(client, i);
                }
            }
        });
    });

export type { ThrottleConfig } from "./api/throttle";
export type { RouteConfig } from "./api/route";
export type { IntegrationConfig, IntegrationResponseConfig, IntegrationType } from "./api/integration";
export type { AuthorizerConfig } from "./api/authorizers";
export type { CorsConfig } from "./api/cors";
export type { UsagePlanConfig, ClientConfig } from "./api/usage-plans";
export type { StageConfig } from "./api/stage";
export type { CustomDomainConfig } from "./api/domain";
export type { OpenApiSourceConfig } from "./api/openapi";
export type { ModelConfig } from "./api/models";
export type { TemplateConfig, FileRef } from "./api/files";
export type { ApiKeysConfig } from "./api/api-keys";
export type ApiConfig = z.output<typeof apiSchema>;
