// Usage-plan arguments for each tier: throttle, quota, and per-method throttles in the
// path form usage plans use.

import { usagePlanThrottlePath } from "@gatevault/aws-model/apigateway/paths";
import type { ApiConfig } from "../config/api";
import { parseRouteKey } from "../config/api/http";

export interface UsagePlanValues {
    tier: string;
    description?: string;
    throttle: { rateLimit: number; burstLimit: number };
    quota: { limit: number; period: string; offset: number };
    methodThrottles: { path: string; rateLimit: number; burstLimit: number }[];
}

export function usagePlanValues(api: ApiConfig): UsagePlanValues[] {
    return Object.entries(api.usagePlans).map(([tier, plan]) => ({
        tier,
        description: plan.description,
        throttle: { rateLimit: plan.throttle.rateLimit, burstLimit: plan.throttle.burstLimit },
        quota: { limit: plan.quota.limit, period: plan.quota.period, offset: plan.quota.offset },
        methodThrottles: Object.entries(plan.methodThrottles ?? {}).map(([key, t]) => {
            const route = parseRouteKey(key)!;
            return { path: usagePlanThrottlePath(route.method, route.path), rateLimit: t.rateLimit, burstLimit: t.burstLimit };
        }),
    }));
}
