// Reporting helpers shared by the network's cross-field rules.

import type { z } from "zod";

export type Ctx = z.core.$RefinementCtx<unknown>;

export function issue(ctx: Ctx, path: (string | number)[], message: string, input: unknown): void {
    ctx.addIssue({ code: "custom", path, message, input });
}

/** Names for a message: "a, b", or "none". */
export const listOf = (names: readonly string[]): string => names.join(", ") || "none";
