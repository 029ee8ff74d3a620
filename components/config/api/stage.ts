// The one stage each API is deployed to: variables, tracing, logs, metrics, cache.

import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../../shared/lambda-limits";

export const cacheSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;

export const stageSchema = z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be 1-128 letters, digits, _ or -").default("v1").describe("The stage's name: the first path part of the invoke URL."),
    description: z.string().max(1024).optional().describe("Shown in the API Gateway console."),
    variables: z
        .record(
            z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "must be 1-64 letters, digits or _"),
            z.string().regex(/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/, "must be 1-512 characters of A-Z a-z 0-9 - . _ ~ : / ? # & = ,"),
        )
        .default({})
        .describe("Stage variables (`$stageVariables` in templates, `${stageVariables.x}` in URIs)."),
    tracing: z.boolean().default(true).describe("X-Ray tracing."),
    metrics: z.boolean().default(true).describe("CloudWatch metrics per method."),
    executionLogging: z.enum(["OFF", "ERROR", "INFO"]).default("ERROR").describe("Execution logging level; access logs (JSON) are always on."),
    dataTrace: z.boolean().default(false).describe("Full request and response bodies in execution logs: sensitive data, keep it off outside debugging."),
    logRetentionDays: z
        .int()
        .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be a period CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`)
        .default(90)
        .describe(`Retention of the access and execution log groups: one of CloudWatch Logs' periods (${LOG_RETENTION_DAYS.join(", ")}).`),
    cache: z
        .strictObject({
            size: z.enum(cacheSizes).default("0.5").describe("Cache cluster size in GB."),
            ttlSeconds: z.int().min(0).max(3600).default(300).describe("How long a cached answer is served."),
            encrypted: z.boolean().default(true).describe("Encrypt cached answers at rest (the pack's `apigateway-cache-encrypted` rule asks for it)."),
        })
        .optional()
        .describe("Presence turns the stage cache on. GET (and ANY) methods are cached by default; a route's `cache` opts others in or out."),
});

export type StageConfig = z.output<typeof stageSchema>;
