// An optional custom domain in front of the stage.

import { z } from "zod";

export const certificateArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, "must be an ACM certificate ARN");

export const customDomainSchema = z.strictObject({
    domainName: z
        .string()
        .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS name such as api.example.com")
        .describe("The custom domain name, such as `api.example.com`."),
    certificateArn: certificateArnSchema.describe("ACM certificate of the stack's account: in us-east-1 for EDGE APIs, in the stack's region for REGIONAL ones."),
    basePath: z
        .string()
        .regex(/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/, "must be a path without leading or trailing /")
        .optional()
        .describe("Path under the domain the stage is mapped to; omit to map the domain root."),
    securityPolicy: z.literal("TLS_1_2").default("TLS_1_2").describe("Only TLS 1.2 is offered: TLS 1.0 is not acceptable for new endpoints."),
});

export type CustomDomainConfig = z.output<typeof customDomainSchema>;
