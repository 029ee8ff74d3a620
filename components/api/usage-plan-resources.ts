// Usage plans per tier, an API key per client, and the key's place in its tier's plan,
// all named by tier and client id so that reordering config never replaces them.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ApiConfig } from "../config/api";
import { usagePlanValues } from "./usage-plans";

export interface UsagePlanResources {
    plans: Record<string, aws.apigateway.UsagePlan>;
    keys: Record<string, aws.apigateway.ApiKey>;
}

export function createUsagePlans(
    name: string,
    api: ApiConfig,
    stage: aws.apigateway.Stage,
    keyValues: Readonly<Record<string, string>>,
    parent: pulumi.Resource,
): UsagePlanResources {
    const plans: Record<string, aws.apigateway.UsagePlan> = {};
    for (const plan of usagePlanValues(api)) {
        plans[plan.tier] = new aws.apigateway.UsagePlan(
            `${name}-plan-${plan.tier}`,
            {
                name: `${api.name}-${plan.tier}`,
                description: plan.description,
                apiStages: [
                    {
                        apiId: stage.restApi,
                        stage: stage.stageName,
                        throttles: plan.methodThrottles.length > 0 ? plan.methodThrottles : undefined,
                    },
                ],
                throttleSettings: plan.throttle,
                quotaSettings: plan.quota,
            },
            // "Invalid API Stage" otherwise: the plan must not be created before the stage.
            { parent, dependsOn: [stage] },
        );
    }
    const keys: Record<string, aws.apigateway.ApiKey> = {};
    for (const [client, config] of Object.entries(api.clients)) {
        const value = keyValues[client];
        keys[client] = new aws.apigateway.ApiKey(
            `${name}-key-${client}`,
            {
                name: `${api.name}-${client}`,
                description: config.description ?? `${client} (${config.tier} tier)`,
                enabled: config.enabled,
                // Omitted: API Gateway generates the value.
                value: value === undefined ? undefined : pulumi.secret(value),
            },
            { parent, additionalSecretOutputs: ["value"] },
        );
        new aws.apigateway.UsagePlanKey(
            `${name}-plan-key-${client}`,
            { keyId: keys[client].id, keyType: "API_KEY", usagePlanId: plans[config.tier].id },
            { parent },
        );
    }
    return { plans, keys };
}
