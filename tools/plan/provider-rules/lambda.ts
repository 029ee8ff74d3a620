// Lambda resources, from hashicorp/terraform-provider-aws internal/service/lambda/*.go.
// @pulumi/aws calls Terraform's `filename` `code` (an asset archive) and `function_name` `name`
// on the function, `function` on the permission.

import * as aws from "../../../components/shared/aws";
import {
    conflictsWith,
    configValidator,
    exactlyOneOf,
    from,
    intBetween,
    itemsBetween,
    lengthBetween,
    matches,
    oneOf,
    requiredWith,
    resource,
    validArn,
} from "./define";
import { isUnknown, presenceAt } from "./paths";
import type { Finding, ResourceRules } from "./types";

const VALIDATE = "internal/service/lambda/validate.go";

// validFunctionName: a function name, partial ARN or ARN; at most 140 characters, and the name
// part (after any ARN prefix) at most 64.
const FUNCTION_NAME = /^(arn:[\w-]+:lambda:)?([a-z]{2}-(?:[a-z]+-){1,2}\d{1}:)?(\d{12}:)?(function:)?([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?$/;
const FULL_ARN = /^arn:[\w-]+:lambda:[a-z]{2}-(?:[a-z]+-){1,2}\d{1}:\d{12}:function:([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?$/;
const PARTIAL_ARN = /^\d{12}:function:([0-9A-Za-z_-]+)$/;

function functionNamePart(inputs: Record<string, unknown>, field: string): Finding[] {
    const value = inputs[field];
    if (typeof value !== "string") return [];
    const name = FULL_ARN.exec(value)?.[1] ?? PARTIAL_ARN.exec(value)?.[1] ?? value;
    return name.length > 64 ? [{ path: field, message: `expected length of the Lambda function name to be less than or equal to 64, got ${name} (${name.length} characters)` }] : [];
}

/** function.go `checkHandlerRuntimeForZipFunction` (CustomizeDiff). */
function handlerAndRuntime(inputs: Record<string, unknown>): Finding[] {
    const packageType = inputs.packageType ?? "Zip";
    if (isUnknown(packageType) || packageType !== "Zip") return [];
    const handler = presenceAt(inputs, "handler");
    const runtime = presenceAt(inputs, "runtime");
    if (handler === "unknown" || runtime === "unknown") return [];
    if (handler !== "set" || runtime !== "set") {
        return [{ path: handler !== "set" ? "handler" : "runtime", message: "handler and runtime must be set when PackageType is Zip" }];
    }
    return [];
}

// The runtimes @pulumi/aws 7.48 itself lists (aws.lambda.Runtime); the provider checks the SDK's enum.
const RUNTIMES = Object.values(aws.lambda.Runtime) as string[];

export const lambdaRules: ResourceRules[] = [
    resource({
        type: "aws:lambda/function:Function",
        terraformType: "aws_lambda_function",
        file: "internal/service/lambda/function.go",
        commit: "0156d84e6bb47e4a5fe0c8e87cf2d14fb1dc3b8c",
        forceNew: ["name", "packageType", "tenancyConfig"],
        rules: [
            exactlyOneOf("code", "imageUri", "s3Bucket"),
            requiredWith("s3Bucket", "s3Key"),
            requiredWith("s3Key", "s3Bucket"),
            conflictsWith("s3ObjectVersion", "code", "imageUri"),
            conflictsWith("sourceKmsKeyArn", "imageUri"),
            requiredWith("replacementSecurityGroupIds", "replaceSecurityGroupsOnDestroy"),
            itemsBetween("architectures", undefined, 1),
            oneOf("architectures", ["x86_64", "arm64"]),
            validArn("codeSigningConfigArn"),
            validArn("deadLetterConfig.targetArn"),
            intBetween("ephemeralStorage.size", 512, 10240),
            validArn("fileSystemConfig.arn"),
            matches("fileSystemConfig.localMountPath", /^\/mnt\/[0-9A-Za-z_.-]+$/, "must start with '/mnt/'", { accepted: "/mnt/efs", refused: "/efs" }),
            from(VALIDATE, matches("name", FUNCTION_NAME, "must be valid function name or function ARN", { accepted: "orders-jwt-dev", refused: "orders jwt" })),
            from(VALIDATE, lengthBetween("name", 1, 140)),
            from(
                VALIDATE,
                configValidator({
                    name: "validFunctionName",
                    fields: ["name"],
                    description: "the function name part is at most 64 characters",
                    check: (inputs) => functionNamePart(inputs, "name"),
                    examples: { accepted: { name: "a".repeat(64) }, refused: { name: "a".repeat(65) } },
                }),
            ),
            lengthBetween("handler", 1, 128),
            validArn("kmsKeyArn"),
            itemsBetween("layers", undefined, 5),
            validArn("layers"),
            oneOf("loggingConfig.logFormat", ["JSON", "Text"]),
            from(
                VALIDATE,
                matches("loggingConfig.logGroup", /^[0-9A-Za-z_./#-]+$/, "must contain alphanumeric characters, underscores, hyphens, slashes, hash signs and dots only", {
                    accepted: "/aws/lambda/orders-jwt-dev",
                    refused: "/aws/lambda/orders jwt",
                }),
            ),
            from(VALIDATE, lengthBetween("loggingConfig.logGroup", 1, 512)),
            intBetween("memorySize", 128, 10240),
            intBetween("reservedConcurrentExecutions", -1, undefined),
            validArn("role"),
            oneOf("runtime", RUNTIMES),
            intBetween("timeout", 1, 900),
            oneOf("tracingConfig.mode", ["Active", "PassThrough"]),
            configValidator({
                name: "checkHandlerRuntimeForZipFunction",
                fields: ["packageType", "handler", "runtime"],
                description: "a Zip package needs both handler and runtime",
                check: handlerAndRuntime,
                examples: { accepted: { handler: "index.handler", runtime: "nodejs22.x" }, refused: { handler: "index.handler" } },
            }),
        ],
    }),
    resource({
        type: "aws:lambda/permission:Permission",
        terraformType: "aws_lambda_permission",
        file: "internal/service/lambda/permission.go",
        commit: "04592f03e5d83a5e1504b52a6d07063ffa3f708d",
        // Permissions cannot be updated: every argument is ForceNew.
        forceNew: [
            "action",
            "eventSourceToken",
            "function",
            "functionUrlAuthType",
            "invokedViaFunctionUrl",
            "principal",
            "principalOrgId",
            "qualifier",
            "sourceAccount",
            "sourceArn",
            "statementId",
            "statementIdPrefix",
        ],
        rules: [
            from(VALIDATE, matches("action", /^(lambda:[*]|lambda:[A-Za-z]+|[*])$/, "must be a valid action (usually starts with lambda:)", {
                accepted: "lambda:InvokeFunction",
                refused: "InvokeFunction",
            })),
            from(VALIDATE, matches("function", FUNCTION_NAME, "must be valid function name or function ARN", { accepted: "orders-jwt-dev", refused: "orders jwt" })),
            from(VALIDATE, lengthBetween("function", 1, 140)),
            from(VALIDATE, matches("qualifier", /^[0-9A-Za-z_$-]+$/, "must contain alphanumeric, dollar signs, underscores or dashes only", { accepted: "$LATEST", refused: "v1.2" })),
            matches("sourceAccount", /^\d{12}$/, "doesn't look like AWS Account ID (exactly 12 digits)", { accepted: "111111111111", refused: "1111" }),
            validArn("sourceArn"),
            conflictsWith("statementId", "statementIdPrefix"),
            from(VALIDATE, matches("statementId", /^[0-9A-Za-z_-]+$/, "must contain alphanumeric, underscores or dashes only", { accepted: "AllowApiGateway", refused: "Allow API Gateway" })),
            from(VALIDATE, lengthBetween("statementId", 1, 100)),
        ],
    }),
];
