// Small schemas shared by every part of the stack config.

import { z } from "zod";

export const ACCOUNT_ID = /^\d{12}$/;

export const accountIdSchema = z.string().regex(ACCOUNT_ID, "must be a 12-digit AWS account id, quoted in YAML so it stays a string");

export const regionSchema = z
    .string()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, "must be an AWS region code such as eu-west-1");

/** Names that end up in resource names, URNs and ARNs: lower-case, digits and hyphens. */
export const resourceNameSchema = z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, "must be 2-40 characters of lower-case letters, digits and hyphens, starting with a letter");

/** AWS tag rules: keys up to 128 characters, values up to 256, no `aws:` prefix. */
export const tagsSchema = z
    .record(
        z
            .string()
            .min(1)
            .max(128)
            .refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys starting with aws: are reserved by AWS"),
        z.string().max(256),
    )
    .default({});

export const roleArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)");

/** A string checked by a rule that returns its message, if any (rules shared with the handlers, for one). */
export function checkedString(problemOf: (value: string) => string | undefined) {
    return z.string().superRefine((value, ctx) => {
        const problem = problemOf(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem, input: value });
    });
}

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

/**
 * Top-level scalar config values arrive from the engine as strings ("true", "42");
 * these accept both the string and the typed form.
 */
export const configBoolean = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());
export const configNumber = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v), z.number());

/**
 * A key the schema recognises only to refuse it with the fix (a setting that moved, or one AWS
 * does not support there), instead of zod's bare "unknown key".
 */
export function refusedKey(message: string) {
    return z
        .unknown()
        .optional()
        .superRefine((value, ctx) => {
            if (value !== undefined) ctx.addIssue({ code: "custom", message, input: undefined });
        });
}
