// The offline plan of each shipped stack, run once per test process and shared by the test
// files that only read it (planning a stack takes a second or more; results are plain data).

import { PlanResult, runPlan } from "../../tools/plan/index";

const plans = new Map<string, Promise<PlanResult>>();

export function shippedPlan(stack: "dev" | "prod"): Promise<PlanResult> {
    let plan = plans.get(stack);
    if (!plan) {
        plan = runPlan({ stack });
        plans.set(stack, plan);
    }
    return plan;
}
