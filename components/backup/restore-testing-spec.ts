// Restore testing plan and selections as `aws.backup.RestoreTesting*` inputs.

import type { RestoreSelectionConfig, RestoreTestingConfig } from "../config/backup";
import { restoreSelectionName } from "./names";
import { SCHEDULE_TIMEZONE } from "./plan-rules";
import { TagCondition, tagConditions } from "./selection";

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
    protectedResourceArns: string[];
    protectedResourceConditions?: { stringEquals?: TagCondition[]; stringNotEquals?: TagCondition[] };
    validationWindowHours: number;
    restoreMetadataOverrides?: Record<string, string>;
}

export function restoreSelectionSpec(selection: RestoreSelectionConfig): RestoreSelectionSpec {
    const spec: RestoreSelectionSpec = {
        name: restoreSelectionName(selection.resourceType),
        protectedResourceType: selection.resourceType,
        protectedResourceArns: [...selection.resources],
        validationWindowHours: selection.validationWindowHours,
    };
    const equals = tagConditions(selection.matchTags);
    const notEquals = tagConditions(selection.excludeTags);
    if (equals.length > 0 || notEquals.length > 0) {
        spec.protectedResourceConditions = {
            ...(equals.length > 0 ? { stringEquals: equals } : {}),
            ...(notEquals.length > 0 ? { stringNotEquals: notEquals } : {}),
        };
    }
    if (selection.restoreMetadataOverrides) spec.restoreMetadataOverrides = { ...selection.restoreMetadataOverrides };
    return spec;
}
