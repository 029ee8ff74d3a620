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
    /** Method response status code this maps to. */
    statusCode: z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status code in quotes, such as "200"'),
    /** Regex over the backend status (HTTP) or error message (Lambda, AWS); omit for the default response. */
    selectionPattern: z.string().min(1).optional(),
    templates: templatesSchema.optional(),
    headers: z.record(methodResponseHeader, responseHeaderSource).optional(),
    contentHandling: z.enum(contentHandlings).optional(),
});

const integrationFields = {
    type: z.enum(integrationTypes),
    /** HTTP, HTTP_PROXY: backend URL; {name} placeholders map from the route's path variables. */
    uri: httpUrlSchema.optional(),
    /** HTTP, HTTP_PROXY, AWS: method used towards the backend (default: the route's method; POST for AWS). */
    httpMethod: httpMethodSchema.optional(),
    /** LAMBDA: function ARN or the name of a function the program supplies. */
    function: functionRefSchema.optional(),
    /** AWS: service name as in its ARN, e.g. sqs, dynamodb, states. */
    service: z.string().regex(/^[a-z0-9-]+$/, "must be an AWS service name such as sqs").optional(),
    /** AWS: API action (action-style URI), e.g. SendMessage. */
    action: z.string().regex(/^[A-Za-z0-9]+$/, "must be an API action name such as SendMessage").optional(),
    /** AWS: resource path (path-style URI), e.g. 123456789012/orders-queue. */
    path: z.string().regex(/^[^\s/][^\s]*$/, "must be a service path without a leading /").optional(),
    /** AWS: region of the service (default: the stack's region). */
    region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, "must be an AWS region code").optional(),
    /** AWS: role API Gateway assumes to call the service. */
    credentialsRoleArn: roleArnSchema.optional(),
    /** HTTP, HTTP_PROXY: INTERNET (default) or VPC_LINK for a private backend. */
    connectionType: z.enum(["INTERNET", "VPC_LINK"]).optional(),
    /** VPC_LINK: the name of a VPC link the program supplies. */
    vpcLink: resourceNameSchema.optional(),
    /** VPC_LINK: the id of an existing VPC link. */
    vpcLinkId: vpcLinkIdSchema.optional(),
    timeoutMs: z.int().min(50).max(MAX_INTEGRATION_TIMEOUT_MS).optional(),
    requestParameters: z.record(integrationRequestParameter, parameterSource).optional(),
    requestTemplates: templatesSchema.optional(),
    responses: z.array(integrationResponseSchema).min(1).optional(),
    passthroughBehavior: z.enum(passthroughBehaviors).optional(),
    contentHandling: z.enum(contentHandlings).optional(),
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
