// The IAM policy a Lambda authorizer returns, evaluated the way API Gateway evaluates it
// against the method ARN of the request: an explicit Deny wins, then any Allow, else the
// call is denied. In execute-api ARNs `*` matches any characters, `/` included, and `?` one.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
// Deliberately not modelled: NotAction, NotResource and Condition blocks (a statement with
// one never matches here), principals.

export type Decision = "Allow" | "Deny" | "ImplicitDeny";

interface Statement {
    Effect?: unknown;
    Action?: unknown;
    Resource?: unknown;
    Condition?: unknown;
    NotAction?: unknown;
    NotResource?: unknown;
}

function pattern(value: string): RegExp {
    const escaped = value.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "s");
}

const list = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function matches(statement: Statement, action: string, resource: string): boolean {
    if (statement.Condition !== undefined || statement.NotAction !== undefined || statement.NotResource !== undefined) return false;
    // Action names are case-insensitive in IAM; resources are not.
    const actionMatches = list(statement.Action).some((a) => new RegExp(pattern(a).source, "is").test(action));
    return actionMatches && list(statement.Resource).some((r) => pattern(r).test(resource));
}

/** Whether the document is shaped like a policy at all (a Statement list or object). */
export function isPolicyDocument(document: unknown): boolean {
    const statements = (document as { Statement?: unknown } | null)?.Statement;
    return typeof statements === "object" && statements !== null;
}

export function evaluatePolicy(document: unknown, methodArn: string, action = "execute-api:Invoke"): Decision {
    const raw = (document as { Statement?: unknown }).Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]) as Statement[];
    let allowed = false;
    for (const statement of statements) {
        if (!statement || !matches(statement, action, methodArn)) continue;
        if (statement.Effect === "Deny") return "Deny";
        if (statement.Effect === "Allow") allowed = true;
    }
    return allowed ? "Allow" : "ImplicitDeny";
}
