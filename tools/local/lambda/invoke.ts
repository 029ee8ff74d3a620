// How the gateway calls a Lambda function: by ARN, with an event and a deadline. The
// in-process runtime (runtime.ts) implements it; tests may implement it with plain functions.

export type InvokeResult =
    | { kind: "ok"; payload: unknown }
    /** The handler threw or rejected: Lambda's `errorType` and `errorMessage`. */
    | { kind: "error"; errorType: string; errorMessage: string }
    | { kind: "timeout" }
    /** No code is known for this ARN. */
    | { kind: "unknown-function"; message: string };

export interface FunctionInvoker {
    invoke(functionArn: string, event: unknown, deadlineMs: number): Promise<InvokeResult>;
}

/** The function ARN inside an API Gateway Lambda URI (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations`). */
export function functionArnOfUri(uri: string): string | undefined {
    return /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(uri)?.[1];
}
