// Rate and burst limits, used for the stage, per-method overrides and usage-plan tiers.

import { z } from "zod";

export const throttleSchema = z
    .strictObject({
        rateLimit: z.number().min(0).describe("Steady-state requests per second."),
        burstLimit: z.int().min(0).describe("Bucket size: requests allowed in a burst above the rate; at least `rateLimit`."),
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
