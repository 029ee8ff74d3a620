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
        name: resourceNameSchema.describe("The API's name: resource names, stack outputs, and how other keys refer to it. Unique in the stack."),
        description: z.string().max(1024).optional().describe("Shown in the API Gateway console."),
        version: z.string().min(1).max(64).default("1.0").describe("`info.version` of the generated OpenAPI document."),
        endpointType: z.enum(["EDGE", "REGIONAL", "PRIVATE"]).default("REGIONAL").describe("Where the API is reachable from. PRIVATE APIs are reachable only through VPC endpoints (`vpcEndpointIds`)."),
        vpcEndpointIds: z
            .array(vpcEndpointRefSchema)
            .min(1)
            .optional()
            .describe(
                "PRIVATE only, and required there: the VPC endpoints allowed to invoke the API, as endpoint ids (`vpce-…`) or names of `gatevault:network.executeApiEndpoints`. The resource policy in the document denies every other source.",
            ),
        disableExecuteApiEndpoint: z.boolean().default(false).describe("Turn off the default `execute-api` URL (clients must use the custom domain)."),
        throttle: throttleSchema.describe("Stage-wide throttle, applied to every method (`*/*`)."),
        stage: stageSchema.prefault({}).describe("The one stage the API is deployed to."),
        wafWebAclArn: wafWebAclArnSchema.optional().describe("Regional WAFv2 web ACL associated with the stage (the pack's `apigateway-waf` rule asks for one on public prod APIs)."),
        apiKeySource: z.enum(["HEADER", "AUTHORIZER"]).default("HEADER").describe("Where API Gateway reads the API key: the `x-api-key` header, or the `usageIdentifierKey` a Lambda authorizer returns (needs one)."),
        binaryMediaTypes: z.array(mediaTypeSchema).default([]).describe("Media types API Gateway treats as binary. `*/*` is refused unless `allowAnyBinaryMediaType` is true."),
        allowAnyBinaryMediaType: z.boolean().default(false).describe("Allow `*/*` in `binaryMediaTypes` (almost never what you want: every body becomes binary)."),
        minimumCompressionSize: z.int().min(0).max(10_485_760).optional().describe("Compress responses at least this many bytes large; omit for no compression."),
        failOnWarnings: z.boolean().optional().describe("Fail the deployment on OpenAPI import warnings. Default: true for generated documents, false with `openApi`."),
        cors: corsSchema.optional().describe("Cross-origin access for browsers: preflights, and CORS headers on integration and gateway responses."),
        authorizers: z
            .record(authorizerNameSchema, authorizerSchema)
            .default({})
            .describe("Authorizers by name (at most 10 per API); routes name one, or `defaultAuthorizer` applies."),
        defaultAuthorizer: z.string().optional().describe("Authorizer (a key of `authorizers`) for routes that do not name one."),
        requireApiKey: z.boolean().default(false).describe("Require an API key on routes that do not say otherwise; needs `usagePlans`."),
        models: z.record(modelNameSchema, modelSchema).default({}).describe("Request models by name: JSON Schema draft 4, inline or `{ file }`."),
        usagePlans: z.record(resourceNameSchema, usagePlanSchema).default({}).describe("Usage plans by tier name; each client's API key belongs to one."),
        clients: z.record(clientIdSchema, clientSchema).default({}).describe("API clients by id (unique in the stack): each gets an API key in its tier's usage plan."),
        customDomain: customDomainSchema.optional().describe("A custom domain name in front of the stage (not for PRIVATE APIs)."),
        openApi: openApiSourceSchema.optional().describe("Bring your own OpenAPI 3.0 document instead of generated paths; routes then overlay its operations."),
        routes: z.array(routeSchema).default([]).describe("The API's routes; at least one unless `openApi` is set."),
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
            .default(DEFAULT_RESOURCE_QUOTA)
            .describe("This API's \"Resources per API\" quota in API Gateway: 300 unless it was raised for this API through Service Quotas. The program refuses an API whose paths need more resources than this."),
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
