// IAM policy documents (identity policies, trust policies and the resource policies of vaults,
// APIs, keys, buckets...) as plain data: statements with their actions, principals and
// conditions normalised to lists, and IAM's action matching. Pure, shared by every rule that
// reads a policy.

import { actionMatches } from "@gatevault/aws-model/iam/wildcards";
import { isObject, parseJsonObject, Parsed, stringList } from "./parse-json";

// IAM action matching, shared with the evaluator in components/shared/iam.
export { actionMatches };

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    notActions: string[];
    /** `"*"` for anyone, else principal type (AWS, Service, Federated, CanonicalUser) to values. */
    principal?: "*" | Record<string, string[]>;
    notPrincipal?: "*" | Record<string, string[]>;
    resources: string[];
    notResources: string[];
    /** Operator (e.g. `StringNotEquals`) to condition key to values; keys kept as written. */
    conditions: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
    statements: Statement[];
}

function principalOf(value: unknown): Statement["principal"] {
    if (value === undefined) return undefined;
    if (value === "*") return "*";
    if (isObject(value)) {
        const out: Record<string, string[]> = {};
        for (const [kind, v] of Object.entries(value)) out[kind] = stringList(v);
        return out;
    }
    return {};
}

function conditionsOf(value: unknown): Statement["conditions"] {
    const out: Statement["conditions"] = {};
    if (typeof value !== "object" || value === null) return out;
    for (const [operator, byKey] of Object.entries(value)) {
        out[operator] = {};
        if (typeof byKey !== "object" || byKey === null) continue;
        for (const [key, values] of Object.entries(byKey)) {
            out[operator][key] = Array.isArray(values) ? values.map(String) : [String(values)];
        }
    }
    return out;
}

/** Parses a policy document given as a JSON string or an object. */
export function parsePolicyDocument(value: unknown, what = "policy document"): Parsed<PolicyDocument> {
    const parsed = parseJsonObject(value, what);
    if (!parsed.ok) return parsed;
    const raw = parsed.value.Statement;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const statements: Statement[] = [];
    for (const [i, s] of list.entries()) {
        if (typeof s !== "object" || s === null || (s.Effect !== "Allow" && s.Effect !== "Deny")) {
            return { ok: false, problem: `${what}: Statement[${i}] needs an Effect of "Allow" or "Deny"` };
        }
        statements.push({
            sid: typeof s.Sid === "string" ? s.Sid : undefined,
            effect: s.Effect,
            actions: stringList(s.Action),
            notActions: stringList(s.NotAction),
            principal: principalOf(s.Principal),
            notPrincipal: principalOf(s.NotPrincipal),
            resources: stringList(s.Resource),
            notResources: stringList(s.NotResource),
            conditions: conditionsOf(s.Condition),
        });
    }
    return { ok: true, value: { statements } };
}

/** True when the statement's actions (or its NotAction complement) include `action`. */
export function statementCovers(s: Statement, action: string): boolean {
    if (s.notActions.length > 0) {
        return !s.notActions.some((p) => actionMatches(p, action));
    }
    return s.actions.some((p) => actionMatches(p, action));
}

/** True when the statement applies to every principal (`"*"` or `{"AWS": "*"}`). */
export function appliesToEveryone(s: Statement): boolean {
    if (s.principal === "*") return true;
    return s.principal !== undefined && Object.values(s.principal).some((values) => values.includes("*"));
}

/** Condition values for a key under any of the given operators (key compared case-insensitively). */
export function conditionValues(s: Statement, operators: readonly string[], key: string): string[] | undefined {
    let found: string[] | undefined;
    for (const [operator, byKey] of Object.entries(s.conditions)) {
        if (!operators.some((o) => o.toLowerCase() === operator.toLowerCase())) continue;
        for (const [k, values] of Object.entries(byKey)) {
            if (k.toLowerCase() === key.toLowerCase()) found = [...(found ?? []), ...values];
        }
    }
    return found;
}
