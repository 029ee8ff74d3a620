// Lambda (TOKEN, REQUEST) and Cognito user pool authorizers, defined once per API and
// referenced by name from routes.

import { z } from "zod";
import { roleArnSchema } from "../primitives";
import { functionRefSchema, userPoolRefSchema } from "./references";

export const authorizerTypes = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"] as const;
export type AuthorizerType = (typeof authorizerTypes)[number];

export const MAX_AUTHORIZER_TTL_SECONDS = 3600;
export const DEFAULT_AUTHORIZER_TTL_SECONDS = 300;
export const DEFAULT_IDENTITY_SOURCE = "method.request.header.Authorization";

const identitySourceSchema = z
    .string()
    .regex(
        /^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[A-Za-z0-9._$-]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9._]+)$/,
        "must be method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>",
    );

const authorizerFields = {
    type: z.enum(authorizerTypes).describe("Lambda authorizer on a token (`TOKEN`) or on request parameters (`REQUEST`), or a Cognito user pool authorizer."),
    function: functionRefSchema
        .optional()
        .describe("TOKEN, REQUEST (required): the authorizer function's ARN, or the name of a `gatevault:jwtAuthorizers` entry (whose `type` must match)."),
    identitySources: z
        .array(identitySourceSchema)
        .min(1)
        .optional()
        .describe("Where the identity comes from: REQUEST (required) any parameters, which also key the result cache; TOKEN and COGNITO_USER_POOLS one header. Default: `method.request.header.Authorization`."),
    identityValidationExpression: z.string().min(1).optional().describe("TOKEN: regex the token must match before the function is called."),
    resultTtlSeconds: z
        .int()
        .min(0)
        .max(MAX_AUTHORIZER_TTL_SECONDS)
        .optional()
        .describe("TOKEN, REQUEST: how long API Gateway caches the policy for an identity. Default: 300, or the JWT authorizer's `resultTtlSeconds` when `function` names one."),
    credentialsRoleArn: roleArnSchema.optional().describe("TOKEN, REQUEST: role API Gateway assumes to invoke the function, instead of a Lambda permission."),
    userPoolArns: z
        .array(userPoolRefSchema)
        .min(1)
        .optional()
        .describe("COGNITO_USER_POOLS (required): user pools whose tokens are accepted, as ARNs or the `gatevault:cognito` name."),
};

type Field = Exclude<keyof typeof authorizerFields, "type">;
const LAMBDA: AuthorizerType[] = ["TOKEN", "REQUEST"];
const usage: Record<Field, AuthorizerType[]> = {
    function: LAMBDA,
    identitySources: [...authorizerTypes],
    identityValidationExpression: ["TOKEN"],
    resultTtlSeconds: LAMBDA,
    credentialsRoleArn: LAMBDA,
    userPoolArns: ["COGNITO_USER_POOLS"],
};
const required: Record<AuthorizerType, Field[]> = {
    TOKEN: ["function"],
    REQUEST: ["function", "identitySources"],
    COGNITO_USER_POOLS: ["userPoolArns"],
};

export const authorizerSchema = z.strictObject(authorizerFields).superRefine((a, ctx) => {
    for (const field of Object.keys(usage) as Field[]) {
        if (a[field] !== undefined && !usage[field].includes(a.type)) {
            ctx.addIssue({ code: "custom", path: [field], message: `is not used by ${a.type} authorizers (only by ${usage[field].join(", ")})`, input: a[field] });
        }
    }
    for (const field of required[a.type]) {
        if (a[field] === undefined) {
            ctx.addIssue({ code: "custom", path: [field], message: `is required for ${a.type} authorizers`, input: undefined });
        }
    }
    if (a.type !== "REQUEST" && a.identitySources) {
        const [first] = a.identitySources;
        if (a.identitySources.length !== 1 || !first.startsWith("method.request.header.")) {
            ctx.addIssue({
                code: "custom",
                path: ["identitySources"],
                message: `must be exactly one method.request.header.<name> for ${a.type} authorizers`,
                input: a.identitySources,
            });
        }
    }
});

export type AuthorizerConfig = z.output<typeof authorizerSchema>;
