// Stack config for API endpoints (`gatevault:apis`).

import { z } from "zod";
import { resourceNameSchema } from "./primitives";

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

export const apiSchema = z.strictObject({
    name: resourceNameSchema,
    description: z.string().max(1024).optional(),
    endpointType: z.enum(["EDGE", "REGIONAL", "PRIVATE"]).default("REGIONAL"),
    throttle: throttleSchema,
});

export const apisSchema = z
    .array(apiSchema)
    .default([])
    .superRefine((apis, ctx) => {
        const seen = new Map<string, number>();
        apis.forEach((api, i) => {
            const first = seen.get(api.name);
            if (first !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: [i, "name"],
                    message: `duplicates the name of apis[${first}] ("${api.name}"); API names must be unique in a stack`,
                    input: api.name,
                });
            } else {
                seen.set(api.name, i);
            }
        });
    });

export type ThrottleConfig = z.output<typeof throttleSchema>;
export type ApiConfig = z.output<typeof apiSchema>;
