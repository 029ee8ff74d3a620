// Runs a resource's provider rules over its inputs, with Terraform's semantics for values that
// are unknown during preview (terraform-plugin-sdk helper/schema/schema.go and the
// terraform-plugin-framework-validators): a check that would need an unknown value is skipped,
// never guessed, so an unknown can only delay a refusal, not cause one.
//  - ExactlyOneOf / AtLeastOneOf: with any field unknown, nothing is decided.
//  - ConflictsWith: both sides must be known and set.
//  - RequiredWith: only when the field is present; an unknown or empty partner counts as present.
//  - Value validators judge known values only.

import type { ConfigRule, GroupRule, PairRule, ProviderRule, ResourceRules, RuleViolation, ValueRule } from "./types";
import { commonParent, isUnknown, locate, presenceAt } from "./paths";
import { arnProblem, iamPolicyJsonProblem, jsonProblem } from "./validators";

function join(prefix: string, relative: string): string {
    return prefix ? `${prefix}.${relative}` : relative;
}

export function ruleLabel(rule: ProviderRule): string {
    switch (rule.kind) {
        case "ExactlyOneOf":
        case "AtLeastOneOf":
            return `${rule.kind}(${rule.fields.join(", ")})`;
        case "ConflictsWith":
        case "RequiredWith":
            return `${rule.field} ${rule.kind}(${rule.others.join(", ")})`;
        case "ConfigValidator":
            return `ConfigValidator ${rule.name}`;
        case "OneOf":
            return `${rule.field} OneOf(${(rule.values ?? []).join(", ")})`;
        case "StringMatch":
        case "StringDoesNotMatch":
            return `${rule.field} ${rule.kind}(${rule.pattern})`;
        case "StringLenBetween":
        case "IntBetween":
        case "ItemsBetween":
            return `${rule.field} ${rule.kind}(${rule.min ?? "-"}, ${rule.max ?? "-"})`;
        default:
            return `${rule.field} ${rule.kind}`;
    }
}

type Emit = (fields: string[], message: string) => void;

function checkGroup(rule: GroupRule, inputs: unknown, emit: Emit): void {
    const { parent, relative } = commonParent(rule.fields);
    for (const instance of locate(inputs, parent).found) {
        const presences = relative.map((r) => presenceAt(instance.value, r));
        if (presences.includes("unknown")) continue;
        const names = relative.map((r) => join(instance.path, r));
        const set = names.filter((_, i) => presences[i] === "set");
        const empty = names.filter((_, i) => presences[i] === "empty");
        if (rule.kind === "ExactlyOneOf" && set.length > 1) {
            emit(set, `only one of ${names.join(", ")} can be set, but ${set.join(" and ")} are`);
        } else if (set.length === 0 && empty.length === 0) {
            emit(names, `one of ${names.join(", ")} must be set`);
        }
    }
}

function checkPair(rule: PairRule, inputs: unknown, emit: Emit): void {
    const { parent, relative } = commonParent([rule.field, ...rule.others]);
    const [field, ...others] = relative;
    for (const instance of locate(inputs, parent).found) {
        const mine = presenceAt(instance.value, field);
        const fieldPath = join(instance.path, field);
        if (rule.kind === "ConflictsWith") {
            if (mine !== "set") continue;
            for (const other of others) {
                if (presenceAt(instance.value, other) === "set") {
                    emit([fieldPath, join(instance.path, other)], `${fieldPath} conflicts with ${join(instance.path, other)}; set only one of them`);
                }
            }
        } else {
            if (mine === "absent") continue;
            const missing = others.filter((o) => presenceAt(instance.value, o) === "absent").map((o) => join(instance.path, o));
            if (missing.length > 0) {
                emit([fieldPath, ...missing], `${fieldPath} is set, so ${missing.join(", ")} must be set too`);
            }
        }
    }
}

function describe(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The problem with one known value, or undefined. */
function valueProblem(rule: ValueRule, value: unknown): string | undefined {
    switch (rule.kind) {
        case "OneOf": {
            // IntInSlice tables are written as strings too, so numbers compare by their text.
            const values = rule.values ?? [];
            const text = typeof value === "number" ? String(value) : value;
            const ok = typeof text === "string" && (rule.ignoreCase ? values.some((v) => v.toLowerCase() === text.toLowerCase()) : values.includes(text));
            return ok ? undefined : `${describe(value)} is not one of ${values.join(", ")}`;
        }
        case "StringMatch":
            return typeof value === "string" && rule.pattern!.test(value) ? undefined : `${describe(value)}: ${rule.message}`;
        case "StringDoesNotMatch":
            return typeof value === "string" && !rule.pattern!.test(value) ? undefined : `${describe(value)}: ${rule.message}`;
        case "StringLenBetween": {
            // Go's len() counts bytes, as validation.StringLenBetween does.
            const length = typeof value === "string" ? Buffer.byteLength(value, "utf8") : NaN;
            return length >= rule.min! && length <= rule.max! ? undefined : `length ${length} is outside ${rule.min}..${rule.max}`;
        }
        case "IntBetween": {
            // Nullable integers (`TypeNullableInt`) travel as strings; "" means unset.
            if (value === "") return undefined;
            const n = typeof value === "string" ? Number(value) : value;
            if (typeof n !== "number" || !Number.isInteger(n)) return `${describe(value)} is not an integer`;
            if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
                return `${n} is outside ${rule.min ?? "-∞"}..${rule.max ?? "∞"}`;
            }
            return undefined;
        }
        case "ItemsBetween": {
            // An explicitly empty list is sent as one and counts as 0 items (MinItems refuses it).
            if (!Array.isArray(value)) return undefined;
            const n = value.length;
            return (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)
                ? `${n} items; the provider allows ${rule.min ?? 0}..${rule.max ?? "any"}`
                : undefined;
        }
        case "ValidARN":
            return typeof value === "string" && !(rule.values ?? []).includes(value) ? arnProblem(value) : undefined;
        case "ValidIAMPolicyJSON":
            return typeof value === "string" ? iamPolicyJsonProblem(value) : undefined;
        case "StringIsJSON":
            return typeof value === "string" ? jsonProblem(value) : undefined;
    }
}

function checkValue(rule: ValueRule, inputs: unknown, emit: Emit): void {
    const { found } = locate(inputs, rule.field);
    for (const { path, value } of found) {
        // A list of strings is judged element by element, as the provider's Elem validators are.
        const items = Array.isArray(value) && rule.kind !== "ItemsBetween" ? value.map((v, i) => ({ path: `${path}[${i}]`, value: v })) : [{ path, value }];
        for (const item of items) {
            if (isUnknown(item.value) || item.value === undefined || item.value === null) continue;
            const problem = valueProblem(rule, item.value);
            if (problem) emit([item.path], `${item.path}: ${problem}`);
        }
    }
}

function checkConfig(rule: ConfigRule, inputs: Record<string, unknown>, emit: Emit): void {
    for (const finding of rule.check(inputs)) emit([finding.path], `${finding.path}: ${finding.message}`);
}

/** Every rule of the resource type the inputs break. */
export function checkResource(rules: ResourceRules, inputs: Record<string, unknown>): RuleViolation[] {
    const out: RuleViolation[] = [];
    for (const rule of rules.rules) {
        const emit: Emit = (fields, message) =>
            out.push({ type: rules.type, kind: rule.kind, rule: ruleLabel(rule), fields, message, file: rule.file, phase: rule.phase });
        switch (rule.kind) {
            case "ExactlyOneOf":
            case "AtLeastOneOf":
                checkGroup(rule, inputs, emit);
                break;
            case "ConflictsWith":
            case "RequiredWith":
                checkPair(rule, inputs, emit);
                break;
            case "ConfigValidator":
                checkConfig(rule, inputs, emit);
                break;
            default:
                checkValue(rule, inputs, emit);
        }
    }
    return out;
}
