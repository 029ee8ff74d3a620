// Schemas shared by the parts of the config that deploy Lambda functions.

import { z } from "zod";
import { logRetentionProblem } from "../functions/limits";

/** A string checked by a rule shared with the handlers (`problemOf` returns the message, if any). */
export function checkedString(problemOf: (value: string) => string | undefined) {
    return z.string().superRefine((value, ctx) => {
        const problem = problemOf(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
    });
}

/** Days a function's log group keeps events; default 30. */
export const logRetentionSchema = z
    .int()
    .superRefine((days, ctx) => {
        const problem = logRetentionProblem(days);
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: days });
    })
    .default(30);

/** An array refinement: `name` must be unique across the list. */
export function uniqueNames(listKey: string) {
    return (items: { name: string }[], ctx: z.RefinementCtx) => {
        const seen = new Map<string, number>();
        items.forEach((item, i) => {
            const first = seen.get(item.name);
            if (first !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: [i, "name"],
                    message: `duplicates the name of ${listKey}[${first}] ("${item.name}"); names must be unique in a stack`,
                    input: item.name,
                });
            } else {
                seen.set(item.name, i);
            }
        });
    };
}
