// What every gatevault policy carries beyond @pulumi/policy's own fields.

import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

interface GatevaultPolicyExtras {
    /**
     * External controls the rule corresponds to, as `<framework>:<id>`, for example
     * `SecurityHub:APIGateway.1`, `AWSConfig:api-gw-execution-logging-enabled`,
     * `Checkov:CKV_AWS_76`, `cdk-nag:AwsSolutions-APIG1`.
     */
    controls: readonly string[];
    remediationSteps: string;
}

export type GatevaultResourcePolicy = ResourceValidationPolicy & GatevaultPolicyExtras;
export type GatevaultStackPolicy = StackValidationPolicy & GatevaultPolicyExtras;
export type GatevaultPolicy = GatevaultResourcePolicy | GatevaultStackPolicy;

/** A stack rule (judges the resources together) rather than a resource rule. */
export function isStackPolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}
