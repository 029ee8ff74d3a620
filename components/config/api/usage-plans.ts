// Usage-plan tiers (throttle, quota, per-method throttles) and the clients assigned to them.

import { z } from "zod";
import { resourceNameSchema } from "../primitives";
import { routeKeySchema } from "./http";
import { throttleSchema } from "./throttle";

const quotaOffsetMax = { DAY: 0, WEEK: 6, MONTH: 27 } as const;

export const quotaSchema = z
    .strictObject({
        limit: z.int().min(1).describe("Requests allowed per period."),
        period: z.enum(["DAY", "WEEK", "MONTH"]).describe("The quota's period."),
        offset: z.int().min(0).default(0).describe("Days into the period the quota resets: WEEK 0-6, MONTH 0-27, DAY 0."),
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
    description: z.string().max(1024).optional().describe("Shown in the API Gateway console."),
    throttle: throttleSchema.describe("Rate and burst per API key of this tier."),
    quota: quotaSchema.describe("Requests per key and period."),
    methodThrottles: z.record(routeKeySchema, throttleSchema).optional().describe('Tighter limits for some methods, keyed `"GET /orders/{id}"`.'),
});

/** Client ids name API keys and resources, so they follow resource-name rules. */
export const clientIdSchema = resourceNameSchema;

export const clientSchema = z.strictObject({
    tier: resourceNameSchema.describe("The usage-plan tier (a key of `usagePlans`) this client's key belongs to."),
    description: z.string().max(1024).optional().describe("Shown on the API key."),
    enabled: z.boolean().default(true).describe("A disabled key is refused by API Gateway."),
});

export type UsagePlanConfig = z.output<typeof usagePlanSchema>;
export type ClientConfig = z.output<typeof clientSchema>;
