// The shape of the provider-rule table: per resource type, the checks the Terraform AWS
// provider runs on a configuration before it calls AWS, and the fields whose change replaces
// the resource. Field paths use @pulumi/aws input names: `rules[].copyActions[].lifecycle`
// walks into every element of `rules`, then of `copyActions`.

/** A Terraform schema check, named as the provider's source names it. */
export type RuleKind =
    | "ExactlyOneOf"
    | "AtLeastOneOf"
    | "ConflictsWith"
    | "RequiredWith"
    | "OneOf"
    | "StringMatch"
    | "StringDoesNotMatch"
    | "StringLenBetween"
    | "IntBetween"
    | "ItemsBetween"
    | "ValidARN"
    | "ValidIAMPolicyJSON"
    | "StringIsJSON"
    | "ConfigValidator";

interface RuleBase {
    kind: RuleKind;
    /** Provider source file the rule is read from, relative to the provider repository. */
    file: string;
    /**
     * When the provider refuses: `plan` (schema and config validation, so `pulumi preview`
     * fails) or `apply` (checked in Create, before the AWS call, so `pulumi up` fails).
     */
    phase: "plan" | "apply";
    /**
     * A value (or, for config validators, whole inputs) the rule accepts and one it refuses,
     * where the test table cannot derive them from the rule itself (patterns, config validators).
     */
    examples?: { accepted: unknown; refused: unknown };
}

/** Several fields of one object, judged together. */
export interface GroupRule extends RuleBase {
    kind: "ExactlyOneOf" | "AtLeastOneOf";
    fields: string[];
}

/** `field` set means every one of `others` must be set (RequiredWith) or none may be (ConflictsWith). */
export interface PairRule extends RuleBase {
    kind: "ConflictsWith" | "RequiredWith";
    field: string;
    others: string[];
}

export interface ValueRule extends RuleBase {
    kind: "OneOf" | "StringMatch" | "StringDoesNotMatch" | "StringLenBetween" | "IntBetween" | "ItemsBetween" | "ValidARN" | "ValidIAMPolicyJSON" | "StringIsJSON";
    field: string;
    /** OneOf: the allowed values. ValidARN: literals accepted besides ARNs (e.g. `*`). */
    values?: readonly string[];
    ignoreCase?: boolean;
    pattern?: RegExp;
    /** The provider's own message for a failed match. */
    message?: string;
    min?: number;
    max?: number;
}

/** A problem a config validator or CustomizeDiff found, at a concrete path. */
export interface Finding {
    path: string;
    message: string;
}

/**
 * A resource-level check (`ConfigValidators`, `CustomizeDiff`, a Create-time check) that is
 * code, not schema. `check` gets the inputs as a policy sees them (unknowns as the engine's
 * sentinel, see `isUnknown`) and must stay silent about anything it cannot know yet.
 */
export interface ConfigRule extends RuleBase {
    kind: "ConfigValidator";
    /** The provider's name for the check, e.g. `checkHandlerRuntimeForZipFunction`. */
    name: string;
    /** Fields the check reads, for the mapping test against @pulumi/aws's input types. */
    fields: string[];
    description: string;
    check: (inputs: Record<string, unknown>) => Finding[];
}

export type ProviderRule = GroupRule | PairRule | ValueRule | ConfigRule;

export interface ResourceRules {
    /** Pulumi type token, e.g. `aws:backup/vault:Vault`. */
    type: string;
    /** Terraform resource name, e.g. `aws_backup_vault`. */
    terraformType: string;
    /**
     * The provider file the schema lives in, and the commit of the copy it was read from (or,
     * where the reference index did not report one, how that copy was found).
     */
    file: string;
    commit: string;
    /** Whether that copy predates the provider version @pulumi/aws 7.48 wraps (see docs/offline-plan.md). */
    olderCopy?: string;
    rules: ProviderRule[];
    /** Fields whose change replaces the resource (`ForceNew`, `RequiresReplace()`). */
    forceNew: string[];
}

/** A refused registration: which rule, which field, what is wrong. */
export interface RuleViolation {
    type: string;
    kind: RuleKind;
    /** The rule in the provider's words, e.g. `ExactlyOneOf(protectedResourceArns, protectedResourceConditions)`. */
    rule: string;
    /** Concrete field paths, e.g. `rules[1].ruleName`. */
    fields: string[];
    message: string;
    file: string;
    phase: "plan" | "apply";
}
