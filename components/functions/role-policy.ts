// The IAM documents of a function's role: who may assume it, and what it may do. Pure, so
// the least-privilege shape is tested without Pulumi.

import { IAM_ACTION } from "../shared/lambda-limits";

export interface PolicyStatement<R = string> {
    sid?: string;
    actions: string[];
    resources: R[];
}

export const LAMBDA_ASSUME_ROLE_POLICY = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** Every action named (no `*`), every statement scoped to at least one resource. */
export function statementProblems(statements: readonly PolicyStatement<unknown>[]): string[] {
    const problems: string[] = [];
    statements.forEach((s, i) => {
        const label = `statements[${i}]${s.sid ? ` (${s.sid})` : ""}`;
        if (s.actions.length === 0) {
            problems.push(`${label}: must list at least one action`);
        }
        for (const action of s.actions) {
            if (!IAM_ACTION.test(action)) {
                problems.push(`${label}: action must be a named "service:Action" without wildcards (got ${JSON.stringify(action)})`);
            }
        }
        if (s.resources.length === 0) {
            problems.push(`${label}: must list at least one resource`);
        }
        if (s.sid !== undefined && !/^[A-Za-z0-9]+$/.test(s.sid)) {
            problems.push(`${label}: sid must be letters and digits (got ${JSON.stringify(s.sid)})`);
        }
    });
    return problems;
}

/**
 * Basic execution (write to its own log group only: the group is created up front, so no
 * logs:CreateLogGroup), X-Ray trace writes, and the caller's statements.
 */
export function executionPolicyDocument(logGroupArn: string, extra: readonly PolicyStatement[]): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${logGroupArn}:*`] },
            // X-Ray's write actions support no resource-level scoping; "*" is the documented resource.
            { Sid: "WriteTraces", Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: ["*"] },
            ...extra.map((s) => ({ ...(s.sid ? { Sid: s.sid } : {}), Effect: "Allow", Action: [...s.actions], Resource: [...s.resources] })),
        ],
    };
}
