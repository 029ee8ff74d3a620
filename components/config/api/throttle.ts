// Rate and burst limits, used for the stage, per-method overrides and usage-plan tiers.

import { z } from "zod";

export const throttleSchema = z
    .strictObject({
        /** Steady-state requests per second. */
        rateLimit: z.number().min(0),
        /** Bucket size: requests allowed in a burst above the rate. */
        burstLimit: z.int().min(0),
    })
    .superRefine((t, ctx) => {
        if (t.burstLimit < t.rateLimit) {
            ctx.addIssue({
                code: "custom",
                path: ["burstLimit"],
                message: `must be >= rateLimit (got ${t.burstLimit} < ${t.rateLimit})`,
                input: t.burstLimit,
            });
        }
    });

export type ThrottleConfig = z.output<typeof throttleSchema>;
