import type { GatevaultStackPolicy } from "../types";
import { StageLinks, stageLabel } from "./stage-links";

interface Config {
    allowedLevels: string[];
}

export const executionLogging: GatevaultStackPolicy = {
    name: "apigateway-execution-logging",
    description: "Every stage writes execution logs to CloudWatch for all methods.",
    severity: "medium",
    controls: ["SecurityHub:APIGateway.1", "AWSConfig:api-gw-execution-logging-enabled", "cdk-nag:AwsSolutions-APIG6", "Checkov:CKV2_AWS_4"],
    remediationSteps:
        'Add an aws.apigateway.MethodSettings for the stage with methodPath "*/*" and settings.loggingLevel "ERROR" or "INFO" ' +
        "(the account needs an API Gateway CloudWatch role, aws.apigateway.Account).",
    configSchema: {
        properties: {
            allowedLevels: {
                type: "array",
                items: { enum: ["ERROR", "INFO"] },
                minItems: 1,
                default: ["ERROR", "INFO"],
                description: "Execution logging levels that count as logging.",
            },
        },
    },
    validateStack: (args, report) => {
        const { allowedLevels } = args.getConfig<Config>();
        const links = new StageLinks(args.resources);
        for (const stage of links.stages) {
            const [settings] = links.methodSettingsOf(stage);
            const level = settings?.props.settings?.loggingLevel;
            if (!settings) {
                report(`${stageLabel(stage)} has no */* method settings, so execution logging is off.`, stage.urn);
            } else if (!allowedLevels.includes(String(level).toUpperCase())) {
                report(`${stageLabel(stage)}: */* loggingLevel is ${level ?? "not set (OFF)"}; expected ${allowedLevels.join(" or ")}.`, settings.urn);
            }
        }
    },
};
