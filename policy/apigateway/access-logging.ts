import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { isObject } from "../common/parse-json";
import type { GatevaultResourcePolicy } from "../types";

interface Config {
    requiredVariables: string[];
}

/**
 * Access log formats are JSON templates whose `$context` variables API Gateway substitutes,
 * some unquoted (`"status": $context.status`); with every variable replaced by a number the
 * template must parse as a JSON object.
 */
export function accessLogFormatProblem(format: string): string | undefined {
    const template = format.replace(/\$context\.[A-Za-z0-9_.-]*[A-Za-z0-9_]/g, "0");
    try {
        const parsed = JSON.parse(template);
        return isObject(parsed) ? undefined : "the format is not a JSON object";
    } catch {
        return "the format is not JSON (API Gateway's CLF, XML and CSV formats cannot be queried as structured logs)";
    }
}

export const accessLogging: GatevaultResourcePolicy = {
    name: "apigateway-access-logging",
    description: "API Gateway stages write access logs in JSON.",
    severity: "medium",
    controls: ["cdk-nag:AwsSolutions-APIG1", "cdk-nag:Serverless-APIGWStructuredLogging", "Checkov:CKV_AWS_76"],
    remediationSteps:
        "Set `accessLogSettings` on the aws.apigateway.Stage with a CloudWatch log group ARN as `destinationArn` and a JSON `format` " +
        'that includes the required variables, e.g. {"requestId":"$context.requestId","status":"$context.status"}.',
    configSchema: {
        properties: {
            requiredVariables: {
                type: "array",
                items: { type: "string", pattern: "^\\$context\\." },
                default: ["$context.requestId"],
                description: "Context variables every access log line must carry.",
            },
        },
    },
    validateResource: validateResourceOfType(aws.apigateway.Stage, (stage, args, report) => {
        const settings = stage.accessLogSettings;
        if (!settings?.destinationArn) {
            report("Access logging is off: the stage has no accessLogSettings.destinationArn.");
            return;
        }
        const format = settings.format;
        if (typeof format !== "string" || format.trim() === "") {
            report("The access log format is empty.");
            return;
        }
        const problem = accessLogFormatProblem(format);
        if (problem) {
            report(`The access log format must be JSON: ${problem}.`);
        }
        const missing = args.getConfig<Config>().requiredVariables.filter((v) => !format.includes(v));
        if (missing.length > 0) {
            report(`The access log format lacks ${missing.join(", ")}.`);
        }
    }),
};
