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

/**
 * "Unless the caller is one of these roles": `aws:PrincipalArn` is the role's ARN for every
 * session of it, and a negated operator with several values holds only when the caller matches
 * none of them. ARN operators take `*` wildcards in every part of the ARN (IAM User Guide,
 * reference_policies_elements_condition_operators.html#Conditions_ARN); a pattern such as a
 * StackSet's `role/stacksets-exec-*` is written with ArnNotLike so it reads as one.
 */
export function unlessPrincipal(roleArns: string[]): Record<string, Record<string, string | string[]>> {
    const unique = [...new Set(roleArns)];
    const operator = unique.some((arn) => arn.includes("*")) ? "ArnNotLike" : "ArnNotEquals";
    return { [operator]: { "aws:PrincipalArn": unique.length === 1 ? unique[0] : unique } };
}
