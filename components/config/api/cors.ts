// Cross-origin access for browsers: the preflight and the headers on API Gateway's own errors.

import { z } from "zod";
import { httpMethodSchema } from "./http";

const originSchema = z
    .string()
    .regex(/^(\*|https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)$/, "must be an origin such as https://app.example.com (scheme and host, no path or trailing /) or *");
const headerNameSchema = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "must be an HTTP header name");

export const DEFAULT_CORS_HEADERS = ["Content-Type", "Authorization", "X-Api-Key", "X-Amz-Date", "X-Amz-Security-Token"];

export const corsSchema = z
    .strictObject({
        allowOrigins: z.array(originSchema).min(1).describe("Origins allowed to call the API; `*` only on its own and never with credentials. Several origins are matched against the request's `Origin`."),
        allowMethods: z.array(httpMethodSchema).min(1).optional().describe("Methods the preflight allows. Default: the methods each path has."),
        allowHeaders: z
            .array(headerNameSchema)
            .default(DEFAULT_CORS_HEADERS)
            .describe("Request headers the preflight allows, besides those each path's methods declare or need (parameters, the authorizer's token header, `x-api-key`, `Content-Type` for JSON bodies)."),
        exposeHeaders: z.array(headerNameSchema).default([]).describe("Response headers browsers may read (`Access-Control-Expose-Headers`)."),
        allowCredentials: z.boolean().default(false).describe("Send `Access-Control-Allow-Credentials: true`; never with origin `*`."),
        maxAgeSeconds: z.int().min(0).max(86_400).default(600).describe("How long browsers may cache a preflight answer."),
    })
    .superRefine((cors, ctx) => {
        const wildcard = cors.allowOrigins.indexOf("*");
        if (wildcard >= 0 && cors.allowOrigins.length > 1) {
            ctx.addIssue({ code: "custom", path: ["allowOrigins", wildcard], message: "must be the only origin when it is *", input: "*" });
        }
        if (wildcard >= 0 && cors.allowCredentials) {
            ctx.addIssue({
                code: "custom",
                path: ["allowCredentials"],
                message: "must be false when allowOrigins is * (browsers refuse credentials with a wildcard origin)",
                input: true,
            });
        }
        const seen = new Set<string>();
        cors.allowOrigins.forEach((origin, i) => {
            if (seen.has(origin)) {
                ctx.addIssue({ code: "custom", path: ["allowOrigins", i], message: "is listed twice", input: origin });
            }
            seen.add(origin);
        });
    });

export type CorsConfig = z.output<typeof corsSchema>;
