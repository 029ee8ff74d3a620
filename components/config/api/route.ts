// One method on one path: its integration, who may call it, what it accepts.

import { z } from "zod";
import { mediaTypeSchema } from "./files";
import { httpMethodSchema, routePathSchema } from "./http";
import { integrationSchema } from "./integration";
import { throttleSchema } from "./throttle";

/** Authorizer names double as OpenAPI security scheme names. */
export const authorizerNameSchema = z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, "must be 1-64 letters, digits, _ or -, starting with a letter");

/** Route opt-out of the API's defaultAuthorizer. */
export const NO_AUTHORIZER = "NONE";

export const modelNameSchema = z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, "must be 1-64 letters and digits, starting with a letter (API Gateway model names)");

const parameterNameSchema = z.string().regex(/^[A-Za-z0-9._$-]+$/, "must be a query string or header name");
const requirementSchema = z.enum(["required", "optional"]);

export const routeSchema = z.strictObject({
    path: routePathSchema.describe("Resource path such as `/orders/{id}`; `{proxy+}` (greedy) only as the last part."),
    method: httpMethodSchema.describe("HTTP method; `ANY` matches every method."),
    integration: integrationSchema.optional().describe("How API Gateway reaches the backend. Required, unless the API brings its own OpenAPI document whose operation (or `defaultIntegration`) provides one."),
    summary: z.string().max(512).optional().describe("The operation's summary in the document."),
    authorizer: z.string().optional().describe("Name of an authorizer in `authorizers`, or `NONE` to opt out of `defaultAuthorizer`."),
    scopes: z
        .array(z.string().regex(/^\S+$/, "must be an OAuth scope without spaces"))
        .min(1)
        .optional()
        .describe("OAuth scopes the caller's access token must carry (Cognito authorizers only)."),
    apiKeyRequired: z.boolean().optional().describe("Require an API key. Default: the API's `requireApiKey`."),
    requestBody: z
        .strictObject({
            model: modelNameSchema.describe("Name of a model in `models`; the body is validated against it."),
            contentType: mediaTypeSchema.default("application/json").describe("The body's media type."),
        })
        .optional()
        .describe("The body the method takes, validated before the integration runs."),
    parameters: z
        .strictObject({
            query: z.record(parameterNameSchema, requirementSchema).optional().describe("Query string parameters by name: `required` ones are validated."),
            headers: z.record(parameterNameSchema, requirementSchema).optional().describe("Headers by name: `required` ones are validated; each is allowed by the CORS preflight."),
        })
        .optional()
        .describe("Parameters the method declares."),
    throttle: throttleSchema.optional().describe("Per-method override of the stage-wide throttle."),
    cache: z
        .boolean()
        .optional()
        .describe(
            "Answer this method from the stage cache (needs `stage.cache`). Default: GET (and ANY, which serves GET) only, as API Gateway does; `true` caches another method, `false` stops one being cached. Cached methods are keyed by their path, query and header parameters and by the caller.",
        ),
});

export type RouteConfig = z.output<typeof routeSchema>;
