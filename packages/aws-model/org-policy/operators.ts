// The inheritance operators of AWS Organizations management policies (backup, tag, AI opt-out
// and the other non-SCP types), and the well-formedness check every policy passes before it
// is merged, which also lowers it (keys lowercased, operators read) in the same pass.
// Keys, operators included, are case-insensitive.

import { describeJson, isJsonObject, Json, JsonObject, JsonPath } from "./json";

export const ASSIGN = "@@assign";
export const APPEND = "@@append";
export const REMOVE = "@@remove";
export const CHILD_CONTROL = "@@operators_allowed_for_child_policies";
export const ALL_OPERATORS = "@@all";
export const NO_OPERATORS = "@@none";

export type ValueOperator = typeof ASSIGN | typeof APPEND | typeof REMOVE;
export const VALUE_OPERATORS: readonly ValueOperator[] = [ASSIGN, APPEND, REMOVE];

/** Operator sets as bit masks: merging a thousand accounts intersects these a lot. */
export const OP_BIT: Record<ValueOperator, number> = { [ASSIGN]: 1, [APPEND]: 2, [REMOVE]: 4 };
export const ALL_BITS = 7;

export function isValueOperator(key: string): key is ValueOperator {
    return key === ASSIGN || key === APPEND || key === REMOVE;
}

export interface DocumentProblem {
    path: JsonPath;
    message: string;
}

/** A setting with its key lowercased and its operators read: what the merge works on. */
export interface LoweredNode {
    key: string;
    /** Operators lower policies may use here (bit mask), when the policy restricts them. */
    childControl?: number;
    hasAssign: boolean;
    assign?: Json;
    append?: Json[];
    remove?: Json[];
    children: LoweredNode[];
}

/** The operators a `@@operators_allowed_for_child_policies` list permits, as a bit mask. */
export function allowedBits(list: readonly string[]): number {
    let bits = 0;
    for (const raw of list) {
        const op = raw.toLowerCase();
        if (op === ALL_OPERATORS) return ALL_BITS;
        if (isValueOperator(op)) bits |= OP_BIT[op];
    }
    return bits;
}

/**
 * Walks a document once, checking and lowering it; keeps the current path on a stack that is
 * copied only for problems.
 */
class DocumentChecker {
    readonly problems: DocumentProblem[] = [];
    private readonly path: (string | number)[] = [];

    private report(message: string, key?: string): void {
        this.problems.push({ path: key === undefined ? [...this.path] : [...this.path, key], message });
    }

    /** True when the restriction is well formed. */
    private childControl(value: Json, key: string): boolean {
        const expected = `a list of "${ALL_OPERATORS}", "${NO_OPERATORS}" or value-setting operators (${VALUE_OPERATORS.join(", ")})`;
        if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string")) {
            this.report(`must be ${expected} (got ${describeJson(value)})`, key);
            return false;
        }
        const ops = (value as string[]).map((v) => v.toLowerCase());
        const unknown = ops.filter((op) => op !== ALL_OPERATORS && op !== NO_OPERATORS && !isValueOperator(op));
        if (unknown.length > 0) {
            this.report(`must be ${expected} (got ${unknown.map((u) => JSON.stringify(u)).join(", ")})`, key);
            return false;
        }
        if (ops.length > 1 && (ops.includes(ALL_OPERATORS) || ops.includes(NO_OPERATORS))) {
            this.report(`"${ALL_OPERATORS}" and "${NO_OPERATORS}" must stand alone (got ${JSON.stringify(value)})`, key);
            return false;
        }
        return true;
    }

    private value(op: string, value: Json, key: string): void {
        if (op !== ASSIGN && !Array.isArray(value)) {
            this.report(`${op} works only on multi-valued settings and takes a list (got ${describeJson(value)})`, key);
        } else if (isJsonObject(value)) {
            this.report(`${op} takes a value or a list of values, not an object: write nested settings as keys (got an object)`, key);
        }
    }

    node(node: Json, lowerKey: string): LoweredNode {
        const out: LoweredNode = { key: lowerKey, hasAssign: false, children: [] };
        if (!isJsonObject(node)) {
            this.report(`must be an object holding an inheritance operator such as {"${ASSIGN}": ...} or nested settings (got ${describeJson(node)})`);
            return out;
        }
        const seen = new Map<string, string>();
        let hasValue = false;
        let hasSettings = false;
        for (const key in node) {
            const value = node[key];
            const lower = key.toLowerCase();
            const first = seen.get(lower);
            if (first !== undefined) {
                this.report(`duplicates the key "${first}": keys are case-insensitive`, key);
                continue;
            }
            seen.set(lower, key);
            if (lower === CHILD_CONTROL) {
                if (this.childControl(value, key)) out.childControl = allowedBits(value as string[]);
            } else if (isValueOperator(lower)) {
                hasValue = true;
                this.value(lower, value, key);
                if (lower === ASSIGN) {
                    out.hasAssign = true;
                    out.assign = value;
                } else if (lower === APPEND) {
                    out.append = value as Json[];
                } else {
                    out.remove = value as Json[];
                }
            } else if (lower.startsWith("@@")) {
                this.report(`is not an inheritance operator (use ${[...VALUE_OPERATORS, CHILD_CONTROL].join(", ")})`, key);
            } else if (lower === "__proto__") {
                // It would set the prototype of the merged object instead of naming a setting.
                this.report("is not allowed as a setting name", key);
            } else {
                hasSettings = true;
                this.path.push(key);
                out.children.push(this.node(value, lower));
                this.path.pop();
            }
        }
        if (hasValue && hasSettings) {
            this.report("holds both a value operator and nested settings; a setting is either a value or a group of settings");
        }
        return out;
    }
}

/** A document checked and lowered in one pass; `root` is usable only when there are no problems. */
export function lowerPolicy(document: unknown): { root: LoweredNode; problems: DocumentProblem[] } {
    const checker = new DocumentChecker();
    if (!isJsonObject(document as Json)) {
        checker.problems.push({ path: [], message: `a policy must be a JSON object (got ${describeJson(document)})` });
        return { root: { key: "", hasAssign: false, children: [] }, problems: checker.problems };
    }
    const root = checker.node(document as Json, "");
    const valueAtTop = Object.keys(document as JsonObject).find((k) => isValueOperator(k.toLowerCase()));
    if (valueAtTop !== undefined) {
        checker.problems.push({ path: [valueAtTop], message: "the top level of a policy holds settings, not a value" });
    }
    return { root, problems: checker.problems };
}

/** Every way a document breaks the management-policy syntax, with the JSON path of each. */
export function documentProblems(document: unknown): DocumentProblem[] {
    return lowerPolicy(document).problems;
}
