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
    path: routePathSchema,
    method: httpMethodSchema,
    /** Required, unless the API brings its own OpenAPI document with a defaultIntegration. */
    integration: integrationSchema.optional(),
    summary: z.string().max(512).optional(),
    /** Name of an authorizer in `authorizers`, or NONE to opt out of `defaultAuthorizer`. */
    authorizer: z.string().optional(),
    /** OAuth scopes the caller's access token must carry (Cognito authorizers only). */
    scopes: z.array(z.string().regex(/^\S+$/, "must be an OAuth scope without spaces")).min(1).optional(),
    /** Require an API key (default: the API's `requireApiKey`). */
    apiKeyRequired: z.boolean().optional(),
    requestBody: z
        .strictObject({
            /** Name of a model in `models`; the body is validated against it. */
            model: modelNameSchema,
            contentType: mediaTypeSchema.default("application/json"),
        })
        .optional(),
    parameters: z
        .strictObject({
            query: z.record(parameterNameSchema, requirementSchema).optional(),
            headers: z.record(parameterNameSchema, requirementSchema).optional(),
        })
        .optional(),
    /** Per-method override of the stage-wide throttle. */
    throttle: throttleSchema.optional(),
    /**
     * Cache this method's responses in the stage cache (needs stage.cache). Default: GET methods
     * only, as API Gateway does; any other method only when true. Cached methods are keyed by
     * their path, query and header parameters and by the caller (see README "Caching").
     */
    cache: z.boolean().optional(),
});

export type RouteConfig = z.output<typeof routeSchema>;
