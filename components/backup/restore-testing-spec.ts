// Restore testing plan and selections as `aws.backup.RestoreTesting*` inputs.

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

export interface RestoreSelectionSpec {
    name: string;
    protectedResourceType: string;
    protectedResourceArns?: string[];
    protectedResourceConditions?: SelectionConditions;
    validationWindowHours: number;
    restoreMetadataOverrides?: Record<string, string>;
}

export function restoreSelectionSpec(selection: RestoreSelectionConfig): RestoreSelectionSpec {
    const spec: RestoreSelectionSpec = {
        name: restoreSelectionName(selection.resourceType),
        protectedResourceType: selection.resourceType,
        validationWindowHours: selection.validationWindowHours,
    };
    // The provider accepts exactly one of the two (ExactlyOneOf in hashicorp/terraform-provider-aws
    // internal/service/backup/restore_testing_selection.go); tag conditions come only with
    // `resources: ["*"]` (config schema), so they stand for "every resource of the type with these tags".
    const conditions = conditionsOf(tagConditions(selection.matchTags), tagConditions(selection.excludeTags));
    if (conditions) spec.protectedResourceConditions = conditions;
    else spec.protectedResourceArns = [...selection.resources];
    if (selection.restoreMetadataOverrides) spec.restoreMetadataOverrides = { ...selection.restoreMetadataOverrides };
    return spec;
}
