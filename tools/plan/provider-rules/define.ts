// Small constructors that keep the per-service rule tables close to the Terraform schema they
// transcribe: one line per `ConflictsWith`, `ValidateFunc` or `ForceNew`.

import { isUnknown, locate } from "./paths";
import type { ConfigRule, GroupRule, PairRule, ProviderRule, ResourceRules, ValueRule } from "./types";

type Spec<R> = Omit<R, "file" | "phase"> & { file?: string; phase?: "plan" | "apply" };
export type RuleSpec = Spec<GroupRule> | Spec<PairRule> | Spec<ValueRule> | Spec<ConfigRule>;

export interface ResourceSpec {
    type: string;
    terraformType: string;
    file: string;
    commit: string;
    olderCopy?: string;
    forceNew: string[];
    rules: RuleSpec[];
}

/** One resource type's rules; each rule carries its provider file (the resource's unless it says otherwise). */
export function resource(spec: ResourceSpec): ResourceRules {
    const rules = spec.rules.map((r) => ({ ...r, file: r.file ?? spec.file, phase: r.phase ?? "plan" }) as ProviderRule);
    return { type: spec.type, terraformType: spec.terraformType, file: spec.file, commit: spec.commit, olderCopy: spec.olderCopy, forceNew: spec.forceNew, rules };
}

/** The same rule, read from another provider file (a shared `validate.go`, `verify/validate.go`). */
export function from<R extends RuleSpec>(file: string, rule: R): R {
    return { ...rule, file };
}

/** The same rule, checked in Create before the AWS call rather than at plan time. */
export function atApply<R extends RuleSpec>(rule: R): R {
    return { ...rule, phase: "apply" };
}

export const exactlyOneOf = (...fields: string[]): Spec<GroupRule> => ({ kind: "ExactlyOneOf", fields });
export const atLeastOneOf = (...fields: string[]): Spec<GroupRule> => ({ kind: "AtLeastOneOf", fields });
export const conflictsWith = (field: string, ...others: string[]): Spec<PairRule> => ({ kind: "ConflictsWith", field, others });
export const requiredWith = (field: string, ...others: string[]): Spec<PairRule> => ({ kind: "RequiredWith", field, others });

export const oneOf = (field: string, values: readonly string[], opts: { ignoreCase?: boolean } = {}): Spec<ValueRule> => ({
    kind: "OneOf",
    field,
    values,
    ignoreCase: opts.ignoreCase,
});
type Examples = { accepted: string; refused: string };

/** A pattern rule, with a value it accepts and one it refuses (the test table uses both). */
export const matches = (field: string, pattern: RegExp, message: string, examples: Examples): Spec<ValueRule> => ({
    kind: "StringMatch",
    field,
    pattern,
    message,
    examples,
});
export const doesNotMatch = (field: string, pattern: RegExp, message: string, examples: Examples): Spec<ValueRule> => ({
    kind: "StringDoesNotMatch",
    field,
    pattern,
    message,
    examples,
});
export const lengthBetween = (field: string, min: number, max: number): Spec<ValueRule> => ({ kind: "StringLenBetween", field, min, max });
export const intBetween = (field: string, min: number | undefined, max: number | undefined): Spec<ValueRule> => ({ kind: "IntBetween", field, min, max });
export const itemsBetween = (field: string, min: number | undefined, max: number | undefined): Spec<ValueRule> => ({
    kind: "ItemsBetween",
    field,
    min,
    max,
});
/** `verify.ValidARN`, optionally also accepting literals (`stringvalidator.Any(ARN(), OneOf("*"))`). */
export const validArn = (field: string, ...alsoAccepted: string[]): Spec<ValueRule> => ({
    kind: "ValidARN",
    field,
    values: alsoAccepted.length > 0 ? alsoAccepted : undefined,
});
export const iamPolicyJson = (field: string): Spec<ValueRule> => ({ kind: "ValidIAMPolicyJSON", field });
export const isJson = (field: string): Spec<ValueRule> => ({ kind: "StringIsJSON", field });

export const configValidator = (rule: Omit<Spec<ConfigRule>, "kind">): Spec<ConfigRule> => ({ kind: "ConfigValidator", ...rule });

/**
 * A value validator that is Go code rather than a pattern (`validation.IsCIDR`,
 * `verify.ValidCIDRNetworkAddress`), judged on every known string a top-level field holds.
 */
export const validatedBy = (name: string, field: string, problem: (value: string) => string | undefined, examples: Examples): Spec<ConfigRule> =>
    configValidator({
        name,
        fields: [field],
        description: `${field} passes ${name}`,
        check: (inputs) =>
            locate(inputs, field).found.flatMap(({ path, value }) => {
                const found = typeof value === "string" && !isUnknown(value) ? problem(value) : undefined;
                return found ? [{ path, message: found }] : [];
            }),
        examples: { accepted: { [field]: examples.accepted }, refused: { [field]: examples.refused } },
    });

/** Provider files shared by many resources. */
export const VERIFY_FILE = "internal/verify/validate.go";
