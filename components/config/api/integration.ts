// How API Gateway reaches a route's backend. One object for every integration type, with
// the fields each type uses checked by a table, so a misplaced field gets a message that
// says which types use it.

import { z } from "zod";
import { roleArnSchema } from "../primitives";
import { templatesSchema } from "./files";
import { httpMethodSchema } from "./http";
import { functionRefSchema, vpcLinkIdSchema } from "./references";
import { resourceNameSchema } from "../primitives";

export const integrationTypes = ["HTTP", "HTTP_PROXY", "LAMBDA", "MOCK", "AWS"] as const;
export type IntegrationType = (typeof integrationTypes)[number];

export const passthroughBehaviors = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"] as const;
export const contentHandlings = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"] as const;

/** API Gateway's integration timeout: 50 ms to 29 s (higher needs a quota increase gatevault does not assume). */
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;

const httpUrlSchema = z.string().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/, "must be an http:// or https:// URL");

const integrationRequestParameter = z
    .string()
    .regex(/^integration\.request\.(header|querystring|path)\.[A-Za-z0-9._$-]+$/, "must be integration.request.<header|querystring|path>.<name>");
const parameterSource = z
    .string()
    .regex(
        /^(method\.request\.(header|querystring|multivaluequerystring|multivalueheader|path)\.[A-Za-z0-9._$-]+|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+|'[^']*')$/,
        "must be method.request.<header|querystring|path>.<name>, context.<var>, stageVariables.<name> or a 'static value' in single quotes",
    );
const methodResponseHeader = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "must be an HTTP header name");
const responseHeaderSource = z
    .string()
    .regex(
        /^(integration\.response\.(header|body)\.?[A-Za-z0-9._$-]*|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+|'[^']*')$/,
        "must be integration.response.header.<name>, integration.response.body[.<field>], context.<var>, stageVariables.<name> or a 'static value'",
    );

export const integrationResponseSchema = z.strictObject({
    statusCode: z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status code in quotes, such as "200"').describe('Method response status code this maps to, quoted (`"200"`).'),
    selectionPattern: z
        .string()
        .min(1)
        .optional()
        .describe("Regex over the backend's status code (HTTP, AWS) or error message (Lambda); omit on exactly one response, the default. On HTTP and AWS integrations the patterns must cover every status 400-599."),
    templates: templatesSchema.optional().describe("Response mapping templates by content type: inline VTL or `{ file }`. A response without one passes the body through."),
    headers: z.record(methodResponseHeader, responseHeaderSource).optional().describe("Method response headers and where their values come from."),
    contentHandling: z.enum(contentHandlings).optional().describe("Convert the response body between binary and text."),
});

const integrationFields = {
    type: z
        .enum(integrationTypes)
        .describe("`HTTP` and `HTTP_PROXY` (a URL), `LAMBDA` (Lambda proxy), `MOCK`, or `AWS` (a service action). A field the type does not use is an error that names the types using it."),
    uri: httpUrlSchema.optional().describe("HTTP, HTTP_PROXY (required): backend URL; `{name}` placeholders map from the route's path variables."),
    httpMethod: httpMethodSchema.optional().describe("HTTP, HTTP_PROXY, AWS: method used towards the backend. Default: the route's method; POST for AWS."),
    function: functionRefSchema.optional().describe("LAMBDA (required): function ARN, or the name of a function the stack creates (`gatevault:uploads.name`)."),
    service: z.string().regex(/^[a-z0-9-]+$/, "must be an AWS service name such as sqs").optional().describe("AWS (required): service name as in its ARN, such as `sqs`, `dynamodb`, `states`."),
    action: z.string().regex(/^[A-Za-z0-9]+$/, "must be an API action name such as SendMessage").optional().describe("AWS: API action (action-style URI), such as `SendMessage`. Exactly one of `action` and `path`."),
    path: z.string().regex(/^[^\s/][^\s]*$/, "must be a service path without a leading /").optional().describe("AWS: resource path (path-style URI), such as `123456789012/orders-queue`."),
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, "must be an AWS region code").optional().describe("AWS: region of the service. Default: the stack's region."),
    credentialsRoleArn: roleArnSchema.optional().describe("AWS (required): role API Gateway assumes to call the service."),
    connectionType: z.enum(["INTERNET", "VPC_LINK"]).optional().describe("HTTP, HTTP_PROXY: `INTERNET` (default) or `VPC_LINK` for a private backend behind a network load balancer."),
    vpcLink: resourceNameSchema.optional().describe("VPC_LINK: the name of a VPC link in `gatevault:network.vpcLinks`. Exactly one of `vpcLink` and `vpcLinkId`."),
    vpcLinkId: vpcLinkIdSchema.optional().describe("VPC_LINK: the id of an existing VPC link."),
    timeoutMs: z.int().min(50).max(MAX_INTEGRATION_TIMEOUT_MS).optional().describe("Integration timeout in milliseconds. Default: 29000, API Gateway's maximum."),
    requestParameters: z
        .record(integrationRequestParameter, parameterSource)
        .optional()
        .describe("Parameter mapping: `integration.request.<header|querystring|path>.<name>` from a method request parameter, `context.<var>`, a stage variable or a `'static value'`."),
    requestTemplates: templatesSchema.optional().describe("Non-proxy types: request mapping templates by content type, inline VTL or `{ file }`."),
    responses: z
        .array(integrationResponseSchema)
        .min(1)
        .optional()
        .describe("Non-proxy types: integration responses; exactly one without `selectionPattern`."),
    passthroughBehavior: z.enum(passthroughBehaviors).optional().describe("Non-proxy types: what happens to a body no request template matches. Default: `WHEN_NO_TEMPLATES`."),
    contentHandling: z.enum(contentHandlings).optional().describe("Non-proxy types: convert the request body between binary and text."),
};

type Field = Exclude<keyof typeof integrationFields, "type">;

const ALL: IntegrationType[] = [...integrationTypes];
const NON_PROXY: IntegrationType[] = ["HTTP", "AWS", "MOCK"];
const HTTP_TYPES: IntegrationType[] = ["HTTP", "HTTP_PROXY"];

/** Which integration types use each field. */
export const fieldUsage: Record<Field, IntegrationType[]> = {
    uri: HTTP_TYPES,
    httpMethod: ["HTTP", "HTTP_PROXY", "AWS"],
    function: ["LAMBDA"],
    service: ["AWS"],
    action: ["AWS"],
    path: ["AWS"],
    region: ["AWS"],
    credentialsRoleArn: ["AWS"],
    connectionType: HTTP_TYPES,
    vpcLink: HTTP_TYPES,
    vpcLinkId: HTTP_TYPES,
    timeoutMs: ALL.filter((t) => t !== "MOCK"),
    requestParameters: ["HTTP", "HTTP_PROXY", "AWS"],
    requestTemplates: NON_PROXY,
    responses: NON_PROXY,
    passthroughBehavior: NON_PROXY,
    contentHandling: NON_PROXY,
};

const requiredFields: Record<IntegrationType, Field[]> = {
    HTTP: ["uri"],
    HTTP_PROXY: ["uri"],
    LAMBDA: ["function"],
    MOCK: [],
    AWS: ["service", "credentialsRoleArn"],
};

export const integrationSchema = z.strictObject(integrationFields).superRefine((integration, ctx) => {
    const type = integration.type;
    for (const field of Object.keys(fieldUsage) as Field[]) {
        if (integration[field] !== undefined && !fieldUsage[field].includes(type)) {
            ctx.addIssue({
                code: "custom",
                path: [field],
                message: `is not used by ${type} integrations (only by ${fieldUsage[field].join(", ")})`,
                input: integration[field],
            });
        }
    }
    for (const field of requiredFields[type]) {
        if (integration[field] === undefined) {
            ctx.addIssue({ code: "custom", path: [field], message: `is required for ${type} integrations`, input: undefined });
        }
    }
    if (type === "AWS" && (integration.action === undefined) === (integration.path === undefined)) {
        ctx.addIssue({
            code: "custom",
            path: [integration.action === undefined ? "action" : "path"],
            message: "AWS integrations need exactly one of action (action-style URI) or path (path-style URI)",
            input: integration.action ?? integration.path,
        });
    }
    const viaLink = integration.connectionType === "VPC_LINK";
    const links = [integration.vpcLink, integration.vpcLinkId].filter((v) => v !== undefined);
    if (viaLink && links.length !== 1) {
        ctx.addIssue({
            code: "custom",
            path: ["vpcLink"],
            message: "VPC_LINK integrations need exactly one of vpcLink (a name the program supplies) or vpcLinkId",
            input: undefined,
        });
    }
    if (!viaLink && links.length > 0) {
        ctx.addIssue({
            code: "custom",
            path: [integration.vpcLink !== undefined ? "vpcLink" : "vpcLinkId"],
            message: "is only used with connectionType: VPC_LINK",
            input: links[0],
        });
    }
});

export type IntegrationConfig = z.output<typeof integrationSchema>;
export type IntegrationResponseConfig = z.output<typeof integrationResponseSchema>;
