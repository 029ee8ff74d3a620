// Throttling and quotas. API Gateway "throttles requests to your API using the token bucket
// algorithm, where a token counts for a request": the burst is the bucket's size, the rate
// refills it per second. Limits apply in this order: per-client per-method and per-client
// limits of the key's usage plan, then the stage's per-method limits (method settings, `*\/*`
// or the method's own), then account limits; exceeding any answers 429 THROTTLED. A usage
// plan's quota counts a key's requests per DAY, WEEK or MONTH; beyond it, 429 QUOTA_EXCEEDED.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
// Deliberately not modelled: account- and region-level limits (10,000 rps), the quota's
// offset (periods start at 00:00 UTC, weeks on Sunday, months on the 1st), and API Gateway's
// best-effort leniency (it may let a little more through than the bucket allows).

import type { ApiKeyDefinition, MethodSettings, Throttle, UsagePlanDefinition } from "./types";
import { GatewayFailure } from "./types";

export class TokenBucket {
    private tokens: number;
    private last: number;

    constructor(private readonly limit: Throttle, now: number) {
        this.tokens = limit.burstLimit;
        this.last = now;
    }

    /** Takes one token if there is one. */
    take(now: number): boolean {
        const elapsed = Math.max(0, now - this.last) / 1000;
        this.tokens = Math.min(this.limit.burstLimit, this.tokens + elapsed * this.limit.rateLimit);
        this.last = now;
        if (this.tokens < 1) return false;
        this.tokens -= 1;
        return true;
    }
}

/** The start of the quota period that contains `now` (UTC). */
export function quotaPeriodStart(period: "DAY" | "WEEK" | "MONTH", now: number): number {
    const d = new Date(now);
    const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    if (period === "DAY") return day;
    if (period === "WEEK") return day - d.getUTCDay() * 86_400_000;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The stage's limit for a method: its own method settings, else `*\/*`'s. */
export function stageLimit(settings: Record<string, MethodSettings>, methodPath: string): Throttle | undefined {
    const own = settings[methodPath];
    const pick = own?.throttlingRateLimit !== undefined ? own : settings["*/*"];
    if (pick?.throttlingRateLimit === undefined || pick.throttlingBurstLimit === undefined) return undefined;
    return { rateLimit: pick.throttlingRateLimit, burstLimit: pick.throttlingBurstLimit };
}

export interface ThrottleTarget {
    /** `~1orders~1{id}/GET`: the stage method settings key. */
    methodSettingsPath: string;
    /** `/orders/{id}/GET`: the usage plan key. */
    usagePlanPath: string;
    /** The caller's key and its plan, when the method uses API keys. */
    key?: { key: ApiKeyDefinition; plan: UsagePlanDefinition };
}

/** All the buckets and counters of one stage, kept for the life of the server. */
export class Throttles {
    private readonly buckets = new Map<string, TokenBucket>();
    private readonly quotas = new Map<string, { periodStart: number; used: number }>();

    constructor(private readonly settings: Record<string, MethodSettings>) {}

    private take(id: string, limit: Throttle | undefined, now: number): boolean {
        if (!limit) return true;
        let bucket = this.buckets.get(id);
        if (!bucket) this.buckets.set(id, (bucket = new TokenBucket(limit, now)));
        return bucket.take(now);
    }

    admit(target: ThrottleTarget, now: number): GatewayFailure | undefined {
        const throttled = new GatewayFailure("THROTTLED", "Too Many Requests");
        if (target.key) {
            const { key, plan } = target.key;
            const methodLimit = plan.methodThrottles[target.usagePlanPath] ?? plan.methodThrottles[target.usagePlanPath.replace(/\/[A-Z]+$/, "/*")];
            if (!this.take(`key:${key.id}:${target.usagePlanPath}`, methodLimit, now)) return throttled;
            if (!this.take(`key:${key.id}`, plan.throttle, now)) return throttled;
        }
        // `*\/*` sets the default limit of every method; each method has its own bucket.
        if (!this.take(`method:${target.methodSettingsPath}`, stageLimit(this.settings, target.methodSettingsPath), now)) return throttled;
        if (target.key?.plan.quota) {
            const { key, plan } = target.key;
            const start = quotaPeriodStart(plan.quota!.period, now);
            let counter = this.quotas.get(key.id);
            if (!counter || counter.periodStart !== start) this.quotas.set(key.id, (counter = { periodStart: start, used: 0 }));
            if (counter.used >= plan.quota!.limit) return new GatewayFailure("QUOTA_EXCEEDED", "Limit Exceeded");
            counter.used++;
        }
        return undefined;
    }
}
