import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";

export const xrayTracing: GatevaultResourcePolicy = {
    name: "apigateway-xray-tracing",
    description: "API Gateway stages trace requests with AWS X-Ray.",
    severity: "low",
    controls: ["SecurityHub:APIGateway.3", "AWSConfig:api-gw-xray-enabled", "Checkov:CKV_AWS_73", "cdk-nag:Serverless-APIGWXrayEnabled"],
    remediationSteps: "Set `xrayTracingEnabled: true` on the aws.apigateway.Stage.",
    validateResource: validateResourceOfType(aws.apigateway.Stage, (stage, _args, report) => {
        if (stage.xrayTracingEnabled !== true) {
            report("X-Ray tracing is off on this stage.");
        }
    }),
};
