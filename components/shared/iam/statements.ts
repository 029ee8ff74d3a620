// A policy document as the evaluator reads it: every statement with its Principal, Action,
// Resource and Condition normalised to lists. Elements the evaluator does not model (policy
// variables such as `${aws:username}`) are refused rather than guessed at, so a matrix built
// on it can never pass by misreading a document.
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

export type PrincipalMap = "*" | Record<string, string[]>;

export interface IamStatement {
    sid?: string;
    effect: "Allow" | "Deny";
    /** Absent in identity policies, which apply to the identity they are attached to. */
    principal?: PrincipalMap;
    notPrincipal?: PrincipalMap;
    action?: string[];
    notAction?: string[];
    resource?: string[];
    notResource?: string[];
    /** Operator (as written, e.g. `ForAnyValue:StringLikeIfExists`) → condition key → values. */
    condition: Record<string, Record<string, string[]>>;
}

export interface IamPolicy {
    statements: IamStatement[];
}

export class UnsupportedPolicyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UnsupportedPolicyError";
    }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function list(value: unknown, where: string): string[] | undefined {
    if (value === undefined) return undefined;
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => {
        if (typeof v === "boolean" || typeof v === "number") return String(v);
        if (typeof v !== "string") throw new UnsupportedPolicyError(`${where}: expected strings, got ${JSON.stringify(v)}`);
        if (v.includes("${")) throw new UnsupportedPolicyError(`${where}: policy variables are not modelled (${v})`);
        return v;
    });
}

function principalMap(value: unknown, where: string): PrincipalMap | undefined {
    if (value === undefined) return undefined;
    if (value === "*") return "*";
    if (!isObject(value)) throw new UnsupportedPolicyError(`${where}: must be "*" or an object`);
    return Object.fromEntries(Object.entries(value).map(([kind, v]) => [kind, list(v, `${where}.${kind}`)!]));
}

/** Reads a policy document given as JSON text or as an object. */
export function readPolicy(document: unknown): IamPolicy {
    const doc = typeof document === "string" ? JSON.parse(document) : document;
    if (!isObject(doc)) throw new UnsupportedPolicyError("a policy document must be a JSON object");
    const raw = doc.Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]).map((s, i): IamStatement => {
        const where = `Statement[${i}]`;
        if (!isObject(s) || (s.Effect !== "Allow" && s.Effect !== "Deny")) throw new UnsupportedPolicyError(`${where}: needs Effect Allow or Deny`);
        const condition: IamStatement["condition"] = {};
        if (s.Condition !== undefined) {
            if (!isObject(s.Condition)) throw new UnsupportedPolicyError(`${where}.Condition: must be an object`);
            for (const [operator, byKey] of Object.entries(s.Condition)) {
                if (!isObject(byKey)) throw new UnsupportedPolicyError(`${where}.Condition.${operator}: must be an object`);
                condition[operator] = Object.fromEntries(Object.entries(byKey).map(([key, v]) => [key, list(v, `${where}.Condition.${operator}.${key}`)!]));
            }
        }
        const statement: IamStatement = {
            sid: typeof s.Sid === "string" ? s.Sid : undefined,
            effect: s.Effect,
            principal: principalMap(s.Principal, `${where}.Principal`),
            notPrincipal: principalMap(s.NotPrincipal, `${where}.NotPrincipal`),
            action: list(s.Action, `${where}.Action`),
            notAction: list(s.NotAction, `${where}.NotAction`),
            resource: list(s.Resource, `${where}.Resource`),
            notResource: list(s.NotResource, `${where}.NotResource`),
            condition,
        };
        if (!statement.action === !statement.notAction) throw new UnsupportedPolicyError(`${where}: needs exactly one of Action and NotAction`);
        return statement;
    });
    return { statements };
}
