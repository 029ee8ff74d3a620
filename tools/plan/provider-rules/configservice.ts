// AWS Config, from hashicorp/terraform-provider-aws internal/service/configservice/*.go
// (@pulumi/aws module `cfg`). Terraform's `recording_strategy` and `exclusion_by_resource_types`
// blocks are the lists `recordingStrategies` and `exclusionByResourceTypes`; `recording_group`,
// `recording_mode`, `recording_mode_override` and `snapshot_delivery_properties` are objects.
//
// Enum members (enum.Validate over aws-sdk-go-v2's types) as the AWS Config API reference lists
// them: RecordingStrategy.useOnly, RecordingMode.recordingFrequency,
// ConfigSnapshotDeliveryProperties.deliveryFrequency (MaximumExecutionFrequency).
//
// gatevault registers these three only when `audit.resourceTracking` is `managed`
// (components/backup/audit.ts), which no shipped stack does.

import { configValidator, itemsBetween, lengthBetween, oneOf, resource, validArn } from "./define";
import { isObject, isUnknown } from "./paths";
import type { Finding, ResourceRules } from "./types";

const ALL = "ALL_SUPPORTED_RESOURCE_TYPES";
const INCLUSION = "INCLUSION_BY_RESOURCE_TYPES";
const EXCLUSION = "EXCLUSION_BY_RESOURCE_TYPES";
const RECORDING_FREQUENCIES = ["CONTINUOUS", "DAILY"];

/** A list that holds something: Terraform's `len(v) > 0`. */
function nonEmpty(v: unknown): boolean {
    return Array.isArray(v) && v.length > 0;
}

/** Unknown during preview, or holding an unknown element: its length cannot be trusted. */
function unknownList(v: unknown): boolean {
    return isUnknown(v) || (Array.isArray(v) && v.some(isUnknown));
}

/**
 * resourceConfigurationRecorderCustomizeDiff, for a new recorder: `all_supported` (default true),
 * the first recording strategy's `use_only`, `resource_types` and `exclusion_by_resource_types`
 * must agree. The checks run in the provider's order and the first failure is reported, as the
 * provider returns on the first error; a check that needs an unknown value ends the walk.
 */
function recordingGroupAgrees(inputs: Record<string, unknown>): Finding[] {
    const group = inputs.recordingGroup;
    if (!isObject(group)) return [];
    const { allSupported, recordingStrategies: strategies, resourceTypes, exclusionByResourceTypes: exclusion } = group;
    const strategy: unknown = Array.isArray(strategies) ? strategies[0] : undefined;
    // The checks only run when a strategy is given.
    if ([allSupported, strategies, strategy].some(isUnknown) || !isObject(strategy) || isUnknown(strategy.useOnly)) return [];
    const all = allSupported ?? true;
    const useOnly = typeof strategy.useOnly === "string" ? strategy.useOnly : "";
    const at = (field: string, message: string): Finding[] => [{ path: `recordingGroup.${field}`, message }];

    if (all === true && useOnly !== ALL) {
        const why = allSupported === undefined ? "unset, so true (the provider's default)" : "true";
        return at("allSupported", `is ${why}, which needs recordingStrategies[0].useOnly ${ALL}, not ${JSON.stringify(useOnly)}; set allSupported: false to record a chosen list`);
    }
    if (unknownList(exclusion)) return [];
    const firstExclusion: unknown = Array.isArray(exclusion) ? exclusion[0] : undefined;
    if (firstExclusion !== undefined && firstExclusion !== null) {
        if (all === true) return at("allSupported", "must be false when exclusionByResourceTypes is set");
        if (useOnly !== EXCLUSION) return at("recordingStrategies[0].useOnly", `must be ${EXCLUSION} when exclusionByResourceTypes is set`);
        if (unknownList(resourceTypes)) return [];
        if (nonEmpty(resourceTypes)) return at("resourceTypes", "must not be set when exclusionByResourceTypes is set");
    }
    if (unknownList(resourceTypes) || !nonEmpty(resourceTypes)) return [];
    if (all === true) return at("allSupported", "must be false when resourceTypes is set");
    if (useOnly !== INCLUSION) return at("recordingStrategies[0].useOnly", `must be ${INCLUSION} when resourceTypes is set`);
    if (nonEmpty(exclusion)) return at("exclusionByResourceTypes", "must not be set when resourceTypes is set");
    return [];
}

export const configServiceRules: ResourceRules[] = [
    resource({
        type: "aws:cfg/recorder:Recorder",
        terraformType: "aws_config_configuration_recorder",
        file: "internal/service/configservice/configuration_recorder.go",
        // The index answered this copy by file id and did not report its commit; it is the
        // aws-sdk-go-v2 copy with recording_strategy, recording_mode and the CustomizeDiff.
        commit: "not reported by the index (file id 2273521081)",
        forceNew: ["name"],
        rules: [
            lengthBetween("name", 0, 256),
            validArn("roleArn"),
            oneOf("recordingGroup.recordingStrategies[].useOnly", [ALL, EXCLUSION, INCLUSION]),
            oneOf("recordingMode.recordingFrequency", RECORDING_FREQUENCIES),
            oneOf("recordingMode.recordingModeOverride.recordingFrequency", RECORDING_FREQUENCIES),
            itemsBetween("recordingMode.recordingModeOverride.resourceTypes", 1, undefined),
            configValidator({
                name: "resourceConfigurationRecorderCustomizeDiff",
                fields: ["recordingGroup.allSupported", "recordingGroup.recordingStrategies[].useOnly", "recordingGroup.resourceTypes", "recordingGroup.exclusionByResourceTypes"],
                description: "a new recorder's recording group agrees with its strategy",
                check: recordingGroupAgrees,
                examples: {
                    accepted: { recordingGroup: { allSupported: false, resourceTypes: ["AWS::Backup::BackupPlan"], recordingStrategies: [{ useOnly: INCLUSION }] } },
                    // allSupported left out is true, the provider's Default.
                    refused: { recordingGroup: { resourceTypes: ["AWS::Backup::BackupPlan"], recordingStrategies: [{ useOnly: INCLUSION }] } },
                },
            }),
        ],
    }),
    resource({
        type: "aws:cfg/deliveryChannel:DeliveryChannel",
        terraformType: "aws_config_delivery_channel",
        file: "internal/service/configservice/delivery_channel.go",
        commit: "0593466d96e383de3f75587805537f6e590ebf4e",
        forceNew: ["name"],
        rules: [
            lengthBetween("name", 0, 256),
            validArn("s3KmsKeyArn"),
            oneOf("snapshotDeliveryProperties.deliveryFrequency", ["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"]),
            validArn("snsTopicArn"),
        ],
    }),
    resource({
        type: "aws:cfg/recorderStatus:RecorderStatus",
        terraformType: "aws_config_configuration_recorder_status",
        file: "internal/service/configservice/configuration_recorder_status.go",
        commit: "013f1736b90439e5a19567a87d3e5cd11858c420",
        // is_enabled and name, both Required, neither ForceNew nor validated.
        forceNew: [],
        rules: [],
    }),
];
