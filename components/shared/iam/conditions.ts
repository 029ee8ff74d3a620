// The Condition element, by the rules of the IAM User Guide
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// and .../reference_policies_condition-single-vs-multi-valued-context-keys.html):
// - every operator in a Condition block, and every key under an operator, must hold (AND);
// - several values for one key: any of them may match (OR); for a negated operator
//   (StringNotEquals, ArnNotLike...) the context value must match none of them (NOR);
// - "If the key that you specify in a policy condition is not present in the request context,
//   the values do not match and the condition is false. If the policy condition requires that
//   the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
//   present, the condition is true. This logic applies to all condition operators except
//   ...IfExists and Null check";
// - `...IfExists`: true when the key is absent, otherwise the operator decides;
// - `Null`: "true" holds when the key is absent, "false" when it is present;
// - `ForAnyValue:` holds when at least one value of a multivalued key matches (false when the
//   key is absent), `ForAllValues:` when every value does (true when the key is absent or empty).
// Condition key names are case-insensitive; values compare as each operator says.
// Not modelled (refused with UnsupportedPolicyError): Date*, IpAddress, Binary operators and
// policy variables.

import { arnLike, globMatch } from "@gatevault/aws-model/iam/wildcards";
import { UnsupportedPolicyError } from "./statements";

/** What the request carries: condition key → value (single-valued) or values (multivalued). */
export type RequestContext = Record<string, string | string[] | undefined>;

type Matcher = (policyValue: string, contextValue: string) => boolean;

const MATCHERS: Record<string, { match: Matcher; negated: boolean }> = {
    StringEquals: { match: (p, c) => p === c, negated: false },
    StringNotEquals: { match: (p, c) => p === c, negated: true },
    StringEqualsIgnoreCase: { match: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
    StringNotEqualsIgnoreCase: { match: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: true },
    StringLike: { match: (p, c) => globMatch(p, c), negated: false },
    StringNotLike: { match: (p, c) => globMatch(p, c), negated: true },
    // "ArnEquals, ArnLike: case-sensitive matching of the ARN"; both take wildcards per part.
    ArnEquals: { match: arnLike, negated: false },
    ArnLike: { match: arnLike, negated: false },
    ArnNotEquals: { match: arnLike, negated: true },
    ArnNotLike: { match: arnLike, negated: true },
    Bool: { match: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
    NumericEquals: { match: (p, c) => Number(c) === Number(p), negated: false },
    NumericNotEquals: { match: (p, c) => Number(c) === Number(p), negated: true },
    NumericLessThan: { match: (p, c) => Number(c) < Number(p), negated: false },
    NumericLessThanEquals: { match: (p, c) => Number(c) <= Number(p), negated: false },
    NumericGreaterThan: { match: (p, c) => Number(c) > Number(p), negated: false },
    NumericGreaterThanEquals: { match: (p, c) => Number(c) >= Number(p), negated: false },
};

interface ParsedOperator {
    base: string;
    set?: "ForAnyValue" | "ForAllValues";
    ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator {
    const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
    const base = m?.[2] ?? operator;
    if (base !== "Null" && !MATCHERS[base]) throw new UnsupportedPolicyError(`condition operator ${operator} is not modelled`);
    if (base === "Null" && (m?.[1] || m?.[3])) throw new UnsupportedPolicyError(`condition operator ${operator} is not valid`);
    return { base, set: m?.[1] as ParsedOperator["set"], ifExists: Boolean(m?.[3]) };
}

function lookup(context: RequestContext, key: string): string | string[] | undefined {
    const lower = key.toLowerCase();
    for (const [k, v] of Object.entries(context)) if (k.toLowerCase() === lower) return v;
    return undefined;
}

function keyHolds(op: ParsedOperator, policyValues: string[], value: string | string[] | undefined): boolean {
    if (op.base === "Null") {
        const absent = value === undefined || (Array.isArray(value) && value.length === 0);
        return policyValues.some((p) => (p.toLowerCase() === "true") === absent);
    }
    const { match, negated } = MATCHERS[op.base];
    const one = (c: string) => {
        const any = policyValues.some((p) => match(p, c));
        return negated ? !any : any;
    };
    if (op.set === "ForAllValues") {
        const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
        return values.every(one);
    }
    if (value === undefined) return op.ifExists || (op.set === undefined && negated);
    if (op.set === "ForAnyValue") return (Array.isArray(value) ? value : [value]).some(one);
    if (Array.isArray(value)) throw new UnsupportedPolicyError(`a multivalued key needs ForAnyValue: or ForAllValues: (operator ${op.base})`);
    return one(value);
}

/** True when every operator and key of the Condition block holds for the request. */
export function conditionHolds(condition: Record<string, Record<string, string | string[]>>, context: RequestContext): boolean {
    return Object.entries(condition).every(([operator, byKey]) => {
        const op = parseOperator(operator);
        return Object.entries(byKey).every(([key, values]) => keyHolds(op, Array.isArray(values) ? values : [values], lookup(context, key)));
    });
}
