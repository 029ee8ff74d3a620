// API Gateway's account-level settings in one region: the role it uses to write execution
// and access logs to CloudWatch. Stages cannot log without it. There is one such setting
// per account and region, so a stack creates this once, not per API.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ApiGatewayAccountSettingsArgs {
    /** AWS partition of the target region (aws, aws-cn, aws-us-gov). */
    partition: string;
}

export class ApiGatewayAccountSettings extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    readonly account: aws.apigateway.Account;

    constructor(name: string, args: ApiGatewayAccountSettingsArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:api:ApiGatewayAccountSettings", name, {}, opts);
        this.role = new aws.iam.Role(
            `${name}-cloudwatch-role`,
            {
                description: "Lets API Gateway write execution and access logs to CloudWatch Logs",
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            },
            { parent: this },
        );
        const logging = new aws.iam.RolePolicyAttachment(
            `${name}-cloudwatch-logs`,
            { role: this.role.name, policyArn: `arn:${args.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs` },
            { parent: this },
        );
        this.account = new aws.apigateway.Account(`${name}-account`, { cloudwatchRoleArn: this.role.arn }, { parent: this, dependsOn: [logging] });
        this.registerOutputs({ cloudwatchRoleArn: this.role.arn });
    }
}
