// The BACKUP_POLICY document AWS Organizations expects, built from a policy's typed config:
// every leaf value a string under `@@assign` (or `@@append` / `@@remove` where the config asks
// for it), copy actions keyed by their exact target vault ARN, and
// `@@operators_allowed_for_child_policies` where the config restricts lower policies.

import { isJsonObject, Json, JsonObject } from "@gatevault/aws-model/org-policy/json";
import { ALL_OPERATORS, APPEND, ASSIGN, CHILD_CONTROL, NO_OPERATORS, REMOVE } from "@gatevault/aws-model/org-policy/operators";
import type {
    BackupPlanConfig,
    BackupRuleConfig,
    ChildOperatorsConfig,
    ConditionsConfig,
    LifecycleConfig,
    ListSetting,
    OrgBackupPolicyConfig,
} from "../../config/org-backup-policies";

const assign = (value: string | number | boolean | string[]): JsonObject => ({
    [ASSIGN]: Array.isArray(value) ? value : String(value),
});

function list(setting: ListSetting<string>): JsonObject {
    if (Array.isArray(setting)) return { [ASSIGN]: setting };
    return "append" in setting ? { [APPEND]: setting.append } : { [REMOVE]: setting.remove };
}

/** Drops keys whose value is undefined, so optional settings leave no trace in the document. */
function compact(entries: Record<string, Json | undefined>): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(entries)) {
        if (value !== undefined) out[key] = value;
    }
    return out;
}

/** Policy keys for names AWS treats case-insensitively: lowercase, and only characters names allow. */
export function settingName(raw: string): string {
    return raw.toLowerCase().replace(/[^a-z0-9_.-]/g, "_");
}

function lifecycle(config: LifecycleConfig | undefined): JsonObject | undefined {
    if (!config || (config.moveToColdStorageAfterDays === undefined && config.deleteAfterDays === undefined)) return undefined;
    return compact({
        move_to_cold_storage_after_days: config.moveToColdStorageAfterDays === undefined ? undefined : assign(config.moveToColdStorageAfterDays),
        delete_after_days: config.deleteAfterDays === undefined ? undefined : assign(config.deleteAfterDays),
    });
}

function tags(map: Record<string, string>): JsonObject | undefined {
    const entries = Object.entries(map);
    if (entries.length === 0) return undefined;
    return Object.fromEntries(entries.map(([key, value]) => [settingName(key), { tag_key: assign(key), tag_value: assign(value) }]));
}

const CONDITION_OPERATORS: [keyof ConditionsConfig, string][] = [
    ["stringEquals", "string_equals"],
    ["stringNotEquals", "string_not_equals"],
    ["stringLike", "string_like"],
    ["stringNotLike", "string_not_like"],
];

/** The policy key of a condition: its name, or one derived from its condition key. */
export function conditionName(condition: { name?: string; key: string }): string {
    return settingName(condition.name ?? condition.key);
}

function conditions(config: ConditionsConfig | undefined): JsonObject | undefined {
    if (!config) return undefined;
    const out: JsonObject = {};
    for (const [field, key] of CONDITION_OPERATORS) {
        if (config[field].length === 0) continue;
        out[key] = Object.fromEntries(
            config[field].map((c) => [conditionName(c), { condition_key: assign(c.key), condition_value: assign(c.value) }]),
        );
    }
    return Object.keys(out).length > 0 ? out : undefined;
}

function rule(config: BackupRuleConfig): JsonObject {
    const copies = config.copyActions.map((c) => [
        c.targetVaultArn,
        compact({ target_backup_vault_arn: assign(c.targetVaultArn), lifecycle: lifecycle(c.lifecycle) }),
    ]);
    return compact({
        schedule_expression: assign(config.schedule),
        start_backup_window_minutes: config.startWindowMinutes === undefined ? undefined : assign(config.startWindowMinutes),
        complete_backup_window_minutes: config.completionWindowMinutes === undefined ? undefined : assign(config.completionWindowMinutes),
        enable_continuous_backup: config.continuousBackup === undefined ? undefined : assign(config.continuousBackup),
        target_backup_vault_name: assign(config.targetVaultName),
        lifecycle: lifecycle(config.lifecycle),
        recovery_point_tags: tags(config.recoveryPointTags),
        copy_actions: copies.length > 0 ? Object.fromEntries(copies) : undefined,
    });
}

function selections(config: BackupPlanConfig["selections"]): JsonObject {
    const byTags = config.tags.map((s) => [
        s.name,
        compact({ iam_role_arn: assign(s.roleArn), tag_key: assign(s.tagKey), tag_value: list(s.tagValues), conditions: conditions(s.conditions) }),
    ]);
    const byResources = config.resources.map((s) => [
        s.name,
        compact({
            iam_role_arn: assign(s.roleArn),
            resource_types: list(s.resourceTypes),
            not_resource_types: s.notResourceTypes ? list(s.notResourceTypes) : undefined,
            conditions: conditions(s.conditions),
        }),
    ]);
    return compact({
        tags: byTags.length > 0 ? Object.fromEntries(byTags) : undefined,
        resources: byResources.length > 0 ? Object.fromEntries(byResources) : undefined,
    });
}

function advanced(config: BackupPlanConfig["advancedBackupSettings"]): JsonObject | undefined {
    if (!config) return undefined;
    // EC2 only: the config schema refuses S3 settings, which backup policies do not support.
    const out = compact({ ec2: config.ec2 ? { windows_vss: assign(config.ec2.windowsVss) } : undefined });
    return Object.keys(out).length > 0 ? out : undefined;
}

export function childControl(config: ChildOperatorsConfig): string[] {
    if (config === "all") return [ALL_OPERATORS];
    if (config === "none") return [NO_OPERATORS];
    return config.map((op) => `@@${op}`);
}

/** Puts the restriction first on this object and on every object nested in it. */
function restrictEverywhere(node: JsonObject, operators: string[]): JsonObject {
    const out: JsonObject = { [CHILD_CONTROL]: operators };
    for (const [key, value] of Object.entries(node)) {
        out[key] = isJsonObject(value) ? restrictEverywhere(value, operators) : value;
    }
    return out;
}

function plan(config: BackupPlanConfig): JsonObject {
    const body = compact({
        regions: list(config.regions),
        rules: Object.fromEntries(config.rules.map((r) => [r.name, rule(r)])),
        selections: selections(config.selections),
        advanced_backup_settings: advanced(config.advancedBackupSettings),
        backup_plan_tags: tags(config.backupPlanTags),
    });
    return config.childOperators ? restrictEverywhere(body, childControl(config.childOperators)) : body;
}

/** The policy document, as an object; `policyContent` gives the string Organizations stores. */
export function renderBackupPolicy(config: OrgBackupPolicyConfig): JsonObject {
    const plans: JsonObject = config.childPlans ? { [CHILD_CONTROL]: childControl(config.childPlans) } : {};
    for (const p of config.plans) plans[p.name] = plan(p);
    return { plans };
}

/** Minified JSON: what is sent to Organizations and what its 10,000-character limit counts. */
export function policyContent(config: OrgBackupPolicyConfig): string {
    return JSON.stringify(renderBackupPolicy(config));
}
