import type { GatevaultStackPolicy } from "../types";
import { endpointTypesOf, StageLinks, stageLabel } from "./stage-links";

interface Config {
    endpointTypes: string[];
}

export const wafOnPublicStages: GatevaultStackPolicy = {
    name: "apigateway-waf",
    description: "Stages of publicly reachable APIs are protected by an AWS WAF web ACL.",
    severity: "high",
    controls: ["SecurityHub:APIGateway.4", "AWSConfig:api-gw-associated-with-waf", "Checkov:CKV2_AWS_29", "cdk-nag:AwsSolutions-APIG3"],
    remediationSteps:
        "Create an aws.wafv2.WebAclAssociation with `resourceArn` set to the stage's ARN and a REGIONAL web ACL (for EDGE APIs " +
        "too: the association is with the stage). Which endpoint types need one is the policy config's `endpointTypes`.",
    configSchema: {
        properties: {
            endpointTypes: {
                type: "array",
                items: { enum: ["EDGE", "REGIONAL", "PRIVATE"] },
                default: ["EDGE", "REGIONAL"],
                description: "Endpoint types whose stages need a web ACL.",
            },
        },
    },
    validateStack: (args, report) => {
        const { endpointTypes } = args.getConfig<Config>();
        if (endpointTypes.length === 0) {
            args.notApplicable("no endpoint type requires a web ACL");
        }
        const links = new StageLinks(args.resources);
        for (const stage of links.stages) {
            const api = links.restApiOf(stage);
            // Without its RestApi in the stack the endpoint type is unknown: judge it as public.
            const types = api ? endpointTypesOf(api.props) : undefined;
            if (types && !types.some((t) => endpointTypes.includes(t))) continue;
            if (!links.protectedByWaf(stage)) {
                const why = types ? `its API is ${types.join("/")}` : "its RestApi is not in this stack, so it is treated as public";
                report(`${stageLabel(stage)} has no web ACL association (${why}).`, stage.urn);
            }
        }
    },
};
