// Restore testing plan and selections as `aws.backup.RestoreTesting*` inputs.
//
// A selection names its resources in exactly one way: `protectedResourceArns` (ARNs, or
// `["*"]` for every protected resource of the type) or `protectedResourceConditions` (tag
// conditions over every protected resource of the type). The AWS API takes conditions beside
// `["*"]`, but the Terraform provider that @pulumi/aws wraps refuses the pair in its config
// validators (`resourcevalidator.ExactlyOneOf(protected_resource_arns,
// protected_resource_conditions)`, hashicorp/terraform-provider-aws
// internal/service/backup/restore_testing_selection.go), so a selection that sets both fails
// every `pulumi up`. Conditions alone mean "every resource of the type that matches".

import type { RestoreSelectionConfig, RestoreTestingConfig } from "../config/backup";
import { restoreSelectionName } from "./names";
import { SCHEDULE_TIMEZONE } from "./plan-rules";
import { conditionsOf, SelectionConditions, tagConditions } from "./selection";

export interface RestoreTestingPlanSpec<V> {
    scheduleExpression: string;
    scheduleExpressionTimezone: string;
    startWindowHours: number;
    recoveryPointSelection: {
        algorithm: string;
        includeVaults: V[];
        recoveryPointTypes: string[];
        selectionWindowDays: number;
    };
}

export function restoreTestingPlanSpec<V>(rt: RestoreTestingConfig, includeVaults: V[]): RestoreTestingPlanSpec<V> {
    return {
        scheduleExpression: rt.schedule,
        scheduleExpressionTimezone: SCHEDULE_TIMEZONE,
        startWindowHours: rt.startWindowHours,
        recoveryPointSelection: {
            algorithm: rt.recoveryPointSelection,
            includeVaults,
            recoveryPointTypes: [...rt.recoveryPointTypes],
            selectionWindowDays: rt.selectionWindowDays,
        },
    };
}

/** Exactly one of `protectedResourceArns` and `protectedResourceConditions`, by type. */
export type ProtectedResources = { protectedResourceArns: string[]; protectedResourceConditions?: never } | { protectedResourceArns?: never; protectedResourceConditions: SelectionConditions };

export type RestoreSelectionSpec = ProtectedResources & {
    name: string;
    protectedResourceType: string;
    validationWindowHours: number;
    restoreMetadataOverrides?: Record<string, string>;
};

export function restoreSelectionSpec(selection: RestoreSelectionConfig): RestoreSelectionSpec {
    // Tag conditions only narrow `resources: ["*"]` (restoreTestingProblems refuses them beside
    // ARNs), so sending the conditions alone selects the same resources.
    const conditions = conditionsOf(tagConditions(selection.matchTags), tagConditions(selection.excludeTags));
    const spec: RestoreSelectionSpec = {
        name: restoreSelectionName(selection.resourceType),
        protectedResourceType: selection.resourceType,
        ...(conditions ? { protectedResourceConditions: conditions } : { protectedResourceArns: [...selection.resources] }),
        validationWindowHours: selection.validationWindowHours,
    };
    if (selection.restoreMetadataOverrides) spec.restoreMetadataOverrides = { ...selection.restoreMetadataOverrides };
    return spec;
}
