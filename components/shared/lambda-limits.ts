// Lambda and CloudWatch Logs limits that config and components check before registering
// anything. Pure, and at the bottom layer: the config schema and components/functions both use it.

/**
 * The retention values CloudWatch Logs accepts (0, "never expire", is deliberately left out): the
 * "Possible values" of retentionInDays
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export function logRetentionProblem(days: number): string | undefined {
    return (LOG_RETENTION_DAYS as readonly number[]).includes(days) ? undefined : `must be one of ${LOG_RETENTION_DAYS.join(", ")} (got ${days})`;
}

/**
 * Lambda refuses environments whose keys and values add up to more than 4 KB, its quota for all of
 * a function's environment variables together (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
 */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;

export function environmentBytes(env: Record<string, string>): number {
    return Object.entries(env).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
}

export function environmentSizeProblem(env: Record<string, string>): string | undefined {
    const bytes = environmentBytes(env);
    return bytes > LAMBDA_ENVIRONMENT_MAX_BYTES
        ? `must keep the function's environment within Lambda's ${LAMBDA_ENVIRONMENT_MAX_BYTES}-byte limit (got ${bytes} bytes)`
        : undefined;
}

/**
 * Variables the Lambda runtime sets itself; setting them is refused by the Lambda API
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
export const RESERVED_ENVIRONMENT_KEYS = new Set([
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
]);

/**
 * A function name as the provider's validFunctionName takes a bare name: letters, digits, `-` and `_`,
 * at most 64 characters (hashicorp/terraform-provider-aws internal/service/lambda/validate.go; the
 * offline plan applies the whole rule, tools/plan/provider-rules/lambda.ts).
 */
export const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** `service:Action` with no wildcard: generated roles grant named actions only. */
export const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
