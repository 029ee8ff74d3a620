// Usage-plan tiers (throttle, quota, per-method throttles) and the clients assigned to them.

import { z } from "zod";
import { resourceNameSchema } from "../primitives";
import { routeKeySchema } from "./http";
import { throttleSchema } from "./throttle";

const quotaOffsetMax = { DAY: 0, WEEK: 6, MONTH: 27 } as const;

export const quotaSchema = z
    .strictObject({
        /** Requests allowed per period. */
        limit: z.int().min(1),
        period: z.enum(["DAY", "WEEK", "MONTH"]),
        /** Days into the period the quota resets (WEEK 0-6, MONTH 0-27, DAY 0). */
        offset: z.int().min(0).default(0),
    })
    .superRefine((q, ctx) => {
        const max = quotaOffsetMax[q.period];
        if (q.offset > max) {
            ctx.addIssue({
                code: "custom",
                path: ["offset"],
                message: `must be <= ${max} for a ${q.period} quota (got ${q.offset})`,
                input: q.offset,
            });
        }
    });

export const usagePlanSchema = z.strictObject({
    description: z.string().max(1024).optional(),
    throttle: throttleSchema,
    quota: quotaSchema,
    /** Tighter limits for some methods, keyed "GET /orders/{id}". */
    methodThrottles: z.record(routeKeySchema, throttleSchema).optional(),
});

/** Client ids name API keys and resources, so they follow resource-name rules. */
export const clientIdSchema = resourceNameSchema;

export const clientSchema = z.strictObject({
    /** The usage-plan tier this client's key belongs to. */
    tier: resourceNameSchema,
    description: z.string().max(1024).optional(),
    enabled: z.boolean().default(true),
});

export type UsagePlanConfig = z.output<typeof usagePlanSchema>;
export type ClientConfig = z.output<typeof clientSchema>;
