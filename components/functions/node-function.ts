// A Node.js Lambda function built from a handler in functions/: bundled at program time,
// on the nodejs22.x runtime with X-Ray tracing, logging to a log group with retention that
// exists before the function, under a role that can do only what it is given.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { bundleHandler, handlerArchive } from "./bundle";
import { environmentSizeProblem, FUNCTION_NAME, logRetentionProblem, RESERVED_ENVIRONMENT_KEYS } from "../shared/lambda-limits";
import { executionPolicyDocument, LAMBDA_ASSUME_ROLE_POLICY, statementProblems, type PolicyStatement } from "./role-policy";

export const NODE_RUNTIME = aws.lambda.Runtime.NodeJS22dX;

export interface NodeFunctionArgs {
    /** Handler source exporting `handler`, relative to the repository root (e.g. `functions/uploads/handler.ts`). */
    entry: string;
    /** Physical function name; default `<component name>-<stack>`. Also names the log group. */
    functionName?: string;
    description?: string;
    environment?: Record<string, pulumi.Input<string>>;
    /** Default 256. */
    memorySize?: number;
    /** Default 10 seconds. */
    timeoutSeconds?: number;
    /** Default arm64: the bundles are plain JavaScript. */
    architecture?: "arm64" | "x86_64";
    logRetentionDays: number;
    /** Extra permissions, each action named, each statement scoped to resources. */
    statements?: PolicyStatement<pulumi.Input<string>>[];
}

/** Problems with the arguments, found before anything is registered. */
export function nodeFunctionProblems(functionName: string, args: NodeFunctionArgs): string[] {
    const problems: string[] = [];
    if (!FUNCTION_NAME.test(functionName)) {
        problems.push(`functionName: must be 1-64 letters, digits, hyphens or underscores (got ${JSON.stringify(functionName)})`);
    }
    const memory = args.memorySize ?? 256;
    if (!Number.isInteger(memory) || memory < 128 || memory > 10240) {
        problems.push(`memorySize: must be a whole number of MB from 128 to 10240 (got ${memory})`);
    }
    const timeout = args.timeoutSeconds ?? 10;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
        problems.push(`timeoutSeconds: must be a whole number from 1 to 900 (got ${timeout})`);
    }
    const retention = logRetentionProblem(args.logRetentionDays);
    if (retention) {
        problems.push(`logRetentionDays: ${retention}`);
    }
    const env = args.environment ?? {};
    for (const key of Object.keys(env)) {
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key) || RESERVED_ENVIRONMENT_KEYS.has(key)) {
            problems.push(`environment.${key}: must be a variable name the Lambda runtime does not reserve`);
        }
    }
    const known = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));
    const size = environmentSizeProblem(known);
    if (size) {
        problems.push(`environment: ${size}`);
    }
    problems.push(...statementProblems(args.statements ?? []));
    return problems;
}

export class NodeFunction extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    /** The ARN API Gateway integrations and authorizers invoke (`.../functions/<arn>/invocations`). */
    readonly invokeArn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly roleArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly function: aws.lambda.Function;
    private readonly componentName: string;

    constructor(name: string, args: NodeFunctionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const functionName = args.functionName ?? `${name}-${pulumi.getStack()}`;
        const problems = nodeFunctionProblems(functionName, args);
        if (problems.length > 0) {
            throw new Error(`NodeFunction ${name}: invalid arguments:\n  ${problems.join("\n  ")}`);
        }
        const bundle = bundleHandler(args.entry);
        super("gatevault:functions:NodeFunction", name, {}, opts);
        this.componentName = name;

        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays },
            { parent: this },
        );
        const role = new aws.iam.Role(
            `${name}-role`,
            { assumeRolePolicy: JSON.stringify(LAMBDA_ASSUME_ROLE_POLICY), description: `Execution role of Lambda function ${functionName}` },
            { parent: this },
        );
        const rolePolicy = new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: role.id,
                policy: pulumi
                    .all([logGroup.arn, pulumi.output(args.statements ?? [])])
                    .apply(([logGroupArn, statements]) => JSON.stringify(executionPolicyDocument(logGroupArn, statements as PolicyStatement[]))),
            },
            { parent: this },
        );
        this.function = new aws.lambda.Function(
            `${name}-function`,
            {
                name: functionName,
                description: args.description,
                runtime: NODE_RUNTIME,
                handler: "index.handler",
                code: handlerArchive(bundle),
                architectures: [args.architecture ?? "arm64"],
                memorySize: args.memorySize ?? 256,
                timeout: args.timeoutSeconds ?? 10,
                role: role.arn,
                tracingConfig: { mode: "Active" },
                loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
                environment: args.environment && Object.keys(args.environment).length > 0 ? { variables: args.environment } : undefined,
            },
            // The log group must exist first (or Lambda creates one without retention), and the
            // role's policy must be attached before the first invocation.
            { parent: this, dependsOn: [logGroup, rolePolicy] },
        );

        this.arn = this.function.arn;
        this.invokeArn = this.function.invokeArn;
        this.name = this.function.name;
        this.roleArn = role.arn;
        this.logGroupName = logGroup.name;
        this.registerOutputs({ arn: this.arn, invokeArn: this.invokeArn, name: this.name, roleArn: this.roleArn, logGroupName: this.logGroupName });
    }

    /**
     * Lets an AWS service invoke the function, e.g. API Gateway with
     * `sourceArn: pulumi.interpolate\`${api.executionArn}/*\``.
     */
    allowInvoke(id: string, args: { principal: string; sourceArn: pulumi.Input<string> }): aws.lambda.Permission {
        return new aws.lambda.Permission(
            `${this.componentName}-${id}`,
            { action: "lambda:InvokeFunction", function: this.function.name, principal: args.principal, sourceArn: args.sourceArn },
            { parent: this },
        );
    }
}
