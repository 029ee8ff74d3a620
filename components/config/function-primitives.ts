// Schemas shared by the parts of the config that deploy Lambda functions.

import { z } from "zod";
import { logRetentionProblem } from "../shared/lambda-limits";

/** Days a function's log group keeps events; default 30. */
export const logRetentionSchema = z
    .int()
    .superRefine((days, ctx) => {
        const problem = logRetentionProblem(days);
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: days });
    })
    .default(30)
    .describe("Retention of the function's log group in days: a period CloudWatch Logs accepts.");
