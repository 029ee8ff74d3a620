// Configuration parameters several rules share, defined once so that their names, bounds and
// defaults agree (a stack's policy config sets them per rule).

import type { PolicyConfigSchema } from "@pulumi/policy";
import { MAX_RETENTION_DAYS } from "@gatevault/aws-model/backup/lifecycle";

type ParameterSchema = PolicyConfigSchema["properties"][string];

const DEFAULT_MIN_RETENTION_DAYS = 90;

export const minRetentionDays: ParameterSchema = {
    type: "integer",
    minimum: 1,
    maximum: MAX_RETENTION_DAYS,
    default: DEFAULT_MIN_RETENTION_DAYS,
    description: "Shortest retention, in days, a recovery point may have.",
};

/** API Gateway's default account-level limits (requests per second, burst). */
const DEFAULT_MAX_RATE_LIMIT = 10_000;
const DEFAULT_MAX_BURST_LIMIT = 5_000;

export const throttleBounds: Record<"maxRateLimit" | "maxBurstLimit", ParameterSchema> = {
    maxRateLimit: {
        type: "number",
        exclusiveMinimum: 0,
        default: DEFAULT_MAX_RATE_LIMIT,
        description: "Highest steady-state rate (requests per second) a throttle may allow.",
    },
    maxBurstLimit: {
        type: "integer",
        minimum: 1,
        default: DEFAULT_MAX_BURST_LIMIT,
        description: "Highest burst (bucket size) a throttle may allow.",
    },
};

export interface ThrottleBounds {
    maxRateLimit: number;
    maxBurstLimit: number;
}

/**
 * Problems with a throttle's rate and burst. API Gateway treats a missing or negative limit
 * (-1 is what the console writes) as "not throttled", so both must be set and positive.
 */
export function throttleProblems(rate: unknown, burst: unknown, bounds: ThrottleBounds): string[] {
    const out: string[] = [];
    if (typeof rate !== "number" || rate <= 0) {
        out.push(`rate limit must be set above 0 (got ${rate ?? "none"})`);
    } else if (rate > bounds.maxRateLimit) {
        out.push(`rate limit must be <= ${bounds.maxRateLimit} (got ${rate})`);
    }
    if (typeof burst !== "number" || burst <= 0) {
        out.push(`burst limit must be set above 0 (got ${burst ?? "none"})`);
    } else if (burst > bounds.maxBurstLimit) {
        out.push(`burst limit must be <= ${bounds.maxBurstLimit} (got ${burst})`);
    }
    return out;
}
