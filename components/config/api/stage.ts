// The one stage each API is deployed to: variables, tracing, logs, metrics, cache.

import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../../functions/limits";

export const cacheSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;

export const stageSchema = z.strictObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be 1-128 letters, digits, _ or -").default("v1"),
    description: z.string().max(1024).optional(),
    variables: z
        .record(
            z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "must be 1-64 letters, digits or _"),
            z.string().regex(/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/, "must be 1-512 characters of A-Z a-z 0-9 - . _ ~ : / ? # & = ,"),
        )
        .default({}),
    /** X-Ray tracing. */
    tracing: z.boolean().default(true),
    /** CloudWatch metrics per method. */
    metrics: z.boolean().default(true),
    /** Execution logging level; access logs (JSON) are always on. */
    executionLogging: z.enum(["OFF", "ERROR", "INFO"]).default("ERROR"),
    /** Full request and response bodies in execution logs: sensitive data, keep off outside debugging. */
    dataTrace: z.boolean().default(false),
    /** Retention of the access and execution log groups. */
    logRetentionDays: z
        .int()
        .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be a period CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`)
        .default(90),
    /** Presence turns the stage cache on. */
    cache: z
        .strictObject({
            size: z.enum(cacheSizes).default("0.5"),
            ttlSeconds: z.int().min(0).max(3600).default(300),
            encrypted: z.boolean().default(true),
        })
        .optional(),
});

export type StageConfig = z.output<typeof stageSchema>;
