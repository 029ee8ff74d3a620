// Stack config for JWT authorizers (`gatevault:jwtAuthorizers`): one Lambda authorizer each,
// verifying bearer tokens of one issuer. The rules are the handler's own (functions/authorizer),
// so a stack file is refused for exactly what the function would refuse at cold start.

import { z } from "zod";
import { AUDIENCE_CLAIMS, authorizerEnvironment, CLOCK_TOLERANCE_MAX_SECONDS, grantProblem, JWKS_TIMEOUT_MS, JWT_ALGORITHMS, urlProblem } from "../../functions/authorizer/settings";
import { parseRoute } from "../../functions/authorizer/routes";
import { environmentSizeProblem } from "../functions/limits";
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
        /** Token scopes (any of them) that grant the route. */
        scopes: nameList.optional(),
        /** Groups (any of them, from `groupsClaim`) that grant the route. */
        groups: nameList.optional(),
    })
    .superRefine((grant, ctx) => {
        const problem = grantProblem(grant);
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: grant });
    });

export const jwtAuthorizerSchema = z
    .strictObject({
        name: resourceNameSchema,
        /** TOKEN reads the identity-source header; REQUEST gets the whole request (same header). */
        type: z.enum(["TOKEN", "REQUEST"]).default("TOKEN"),
        issuer: urlSchema,
        audience: z.array(z.string().min(1)).min(1).max(10),
        audienceClaim: z.enum(AUDIENCE_CLAIMS).default("aud"),
        jwksUrl: urlSchema,
        algorithms: z.array(z.enum(JWT_ALGORITHMS)).min(1).default([...JWT_ALGORITHMS]),
        clockToleranceSeconds: z.int().min(0).max(CLOCK_TOLERANCE_MAX_SECONDS).default(30),
        groupsClaim: z.string().min(1).default("cognito:groups"),
        jwksTimeoutMs: z.int().min(JWKS_TIMEOUT_MS.min).max(JWKS_TIMEOUT_MS.max).default(JWKS_TIMEOUT_MS.default),
        /** "METHOD /path" → the scopes or groups that may call it. */
        routes: z.record(routeKeySchema, routeGrantSchema).refine((r) => Object.keys(r).length > 0, "must grant at least one route"),
        /** How long API Gateway caches a decision per token (0-3600 s). */
        resultTtlSeconds: z.int().min(0).max(MAX_AUTHORIZER_TTL_SECONDS).default(DEFAULT_AUTHORIZER_TTL_SECONDS),
        logRetentionDays: logRetentionSchema,
    })
    .superRefine((a, ctx) => {
        const problem = environmentSizeProblem(authorizerEnvironment(a));
        if (problem) ctx.addIssue({ code: "custom", path: ["routes"], message: `${problem}; grant fewer, broader routes`, input: undefined });
    });

export const jwtAuthorizersSchema = z.array(jwtAuthorizerSchema).default([]).superRefine(uniqueNames("jwtAuthorizers"));

export type JwtAuthorizerConfig = z.output<typeof jwtAuthorizerSchema>;
