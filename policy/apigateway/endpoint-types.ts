import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";
import { endpointTypesOf } from "./stage-links";

interface Config {
    allowedTypes: string[];
}

export const endpointTypes: GatevaultResourcePolicy = {
    name: "apigateway-endpoint-types",
    description: "REST APIs use an allowed endpoint type.",
    severity: "medium",
    controls: [],
    remediationSteps:
        "Set `endpointConfiguration.types` on the aws.apigateway.RestApi to an allowed type (a RestApi without it is EDGE), " +
        "or allow the type in the policy config's `allowedTypes`.",
    configSchema: {
        properties: {
            allowedTypes: {
                type: "array",
                items: { enum: ["EDGE", "REGIONAL", "PRIVATE"] },
                minItems: 1,
                default: ["REGIONAL", "PRIVATE"],
                description: "Endpoint types a REST API may use.",
            },
        },
    },
    validateResource: validateResourceOfType(aws.apigateway.RestApi, (api, args, report) => {
        const { allowedTypes } = args.getConfig<Config>();
        const disallowed = endpointTypesOf(api).filter((t) => !allowedTypes.includes(t));
        if (disallowed.length > 0) {
            report(`Endpoint type ${disallowed.join(", ")} is not allowed (allowed: ${allowedTypes.join(", ")}).`);
        }
    }),
};
