// IAM policy documents as plain data: built by pure functions, serialized once.

export type PrincipalBlock = "*" | { AWS?: string | string[]; Service?: string | string[] };

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: PrincipalBlock;
    Action: string | string[];
    /** Required everywhere except in a role's trust policy, where IAM rejects it. */
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

export function policyJson(doc: PolicyDocument): string {
    return JSON.stringify(doc);
}
