import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { throttleBounds, ThrottleBounds, throttleProblems } from "../common/parameters";
import type { GatevaultResourcePolicy } from "../types";

const PERIODS = ["DAY", "WEEK", "MONTH"];

export const usagePlanLimits: GatevaultResourcePolicy = {
    name: "apigateway-usage-plan-limits",
    description: "Usage plans set a throttle and a quota, within the allowed bounds.",
    severity: "medium",
    controls: [],
    remediationSteps:
        "Set `throttleSettings { rateLimit, burstLimit }` and `quotaSettings { limit, period }` on the aws.apigateway.UsagePlan, " +
        "with rate and burst (and any per-stage or per-method `throttles`) at most the policy config's maxRateLimit and maxBurstLimit.",
    configSchema: { properties: { ...throttleBounds } },
    validateResource: validateResourceOfType(aws.apigateway.UsagePlan, (plan, args, report) => {
        const bounds = args.getConfig<ThrottleBounds>();
        if (!plan.throttleSettings) {
            report("The usage plan has no throttleSettings.");
        } else {
            for (const p of throttleProblems(plan.throttleSettings.rateLimit, plan.throttleSettings.burstLimit, bounds)) {
                report(`Usage plan throttle: ${p}.`);
            }
        }
        const quota = plan.quotaSettings;
        if (!quota) {
            report("The usage plan has no quotaSettings.");
        } else {
            if (!(typeof quota.limit === "number" && quota.limit > 0)) {
                report(`The quota limit must be above 0 (got ${quota.limit}).`);
            }
            if (!PERIODS.includes(String(quota.period).toUpperCase())) {
                report(`The quota period must be one of ${PERIODS.join(", ")} (got ${quota.period}).`);
            }
        }
        for (const stage of plan.apiStages ?? []) {
            for (const t of stage.throttles ?? []) {
                // Per-method overrides may set only one of the two limits; judge what is set.
                const problems = throttleProblems(t.rateLimit ?? bounds.maxRateLimit, t.burstLimit ?? bounds.maxBurstLimit, bounds);
                for (const p of problems) report(`Throttle for ${t.path} on stage ${stage.stage}: ${p}.`);
            }
        }
    }),
};
