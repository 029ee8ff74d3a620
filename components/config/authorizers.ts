// Stack config for JWT authorizers (`gatevault:jwtAuthorizers`): one Lambda authorizer each,
// verifying bearer tokens of one issuer. The rules are the handler's own (functions/authorizer),
// so a stack file is refused for exactly what the function would refuse at cold start.

import { z } from "zod";
import { AUDIENCE_CLAIMS, authorizerEnvironment, CLOCK_TOLERANCE_MAX_SECONDS, grantProblem, JWKS_TIMEOUT_MS, JWT_ALGORITHMS, urlProblem } from "../../functions/authorizer/settings";
import { parseRoute } from "../../functions/authorizer/routes";
import { environmentSizeProblem } from "../shared/lambda-limits";
import { DEFAULT_AUTHORIZER_TTL_SECONDS, MAX_AUTHORIZER_TTL_SECONDS } from "./api/authorizers";
import { logRetentionSchema } from "./function-primitives";
import { checkedString, resourceNameSchema, uniqueNames } from "./primitives";

const urlSchema = checkedString(urlProblem);

const routeKeySchema = checkedString((route) => {
    const parsed = parseRoute(route);
    return "problem" in parsed ? parsed.problem : undefined;
});

const nameList = z.array(z.string().min(1).max(256)).min(1);

export const routeGrantSchema = z
    .strictObject({
        scopes: nameList.optional().describe("Token scopes (from `scope` and `scp`) that grant the route: any one of them does."),
        groups: nameList.optional().describe("Groups (from `groupsClaim`) that grant the route: any one of them does."),
    })
    .superRefine((grant, ctx) => {
        const problem = grantProblem(grant);
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: grant });
    });

export const jwtAuthorizerSchema = z
    .strictObject({
        name: resourceNameSchema.describe("Resource names (`<name>-fn-*`), the function name `<name>-<stack>`, and how APIs name it (`authorizers.<x>.function`). Unique among the stack's functions."),
        type: z
            .enum(["TOKEN", "REQUEST"])
            .default("TOKEN")
            .describe("TOKEN reads the identity-source header; REQUEST gets the whole request (the same header). The API's authorizer must use the same type."),
        issuer: urlSchema.describe("The token's `iss` must equal it. `https://` (plain `http://` only for loopback)."),
        audience: z.array(z.string().min(1)).min(1).max(10).describe("Accepted audiences: the token's `audienceClaim` must hold one."),
        audienceClaim: z.enum(AUDIENCE_CLAIMS).default("aud").describe("`client_id` for Cognito access tokens, which carry no `aud`."),
        jwksUrl: urlSchema.describe("The issuer's key set (`https://`); fetched once per function instance and cached for 10 minutes."),
        algorithms: z.array(z.enum(JWT_ALGORITHMS)).min(1).default([...JWT_ALGORITHMS]).describe("Allowed signature algorithms; nothing else is accepted."),
        clockToleranceSeconds: z.int().min(0).max(CLOCK_TOLERANCE_MAX_SECONDS).default(30).describe("Skew allowed on `exp`, `nbf` and `iat`."),
        groupsClaim: z.string().min(1).default("cognito:groups").describe("Claim holding the caller's groups (a list or a space-separated string)."),
        jwksTimeoutMs: z
            .int()
            .min(JWKS_TIMEOUT_MS.min)
            .max(JWKS_TIMEOUT_MS.max)
            .default(JWKS_TIMEOUT_MS.default)
            .describe("Timeout of a JWKS fetch; the function's timeout follows it."),
        routes: z
            .record(routeKeySchema, routeGrantSchema)
            .refine((r) => Object.keys(r).length > 0, "must grant at least one route")
            .describe(
                '`"METHOD /path"` → the scopes or groups that may call it (methods GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE, ANY). `{param}` and `{proxy+}` parts become `*` in the policy; routes a grant would also reach get an explicit Deny. Every route the authorizer guards must be granted here, and the whole map must fit Lambda\'s 4 KB environment.',
            ),
        resultTtlSeconds: z
            .int()
            .min(0)
            .max(MAX_AUTHORIZER_TTL_SECONDS)
            .default(DEFAULT_AUTHORIZER_TTL_SECONDS)
            .describe("How long API Gateway caches a decision per token; the API's authorizer takes this value."),
        logRetentionDays: logRetentionSchema,
    })
    .superRefine((a, ctx) => {
        const problem = environmentSizeProblem(authorizerEnvironment(a));
        if (problem) ctx.addIssue({ code: "custom", path: ["routes"], message: `${problem}; grant fewer, broader routes`, input: undefined });
    });

export const jwtAuthorizersSchema = z.array(jwtAuthorizerSchema).default([]).superRefine(uniqueNames("jwtAuthorizers"));

export type JwtAuthorizerConfig = z.output<typeof jwtAuthorizerSchema>;
