// Reporting helpers for the cross-field rules, which run in superRefine on the innermost
// object holding every field a rule relates.

import type { z } from "zod";

export type Ctx = z.core.$RefinementCtx<unknown>;

export function issue(ctx: Ctx, path: (string | number)[], message: string, input: unknown): void {
    ctx.addIssue({ code: "custom", path, message, input });
}

/** Names for a message: "a, b", or "none". */
export const listOf = (names: readonly string[]): string => names.join(", ") || "none";
