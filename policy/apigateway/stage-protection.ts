import * as aws from "../common/aws-types";
import type { PolicyResource } from "@pulumi/policy";
import { ofClass } from "../common/links";
import type { GatevaultStackPolicy } from "../types";
import { authorizationOf, operationsOf, parseOpenApiBody } from "./openapi";
import { StageLinks, stageLabel } from "./stage-links";

/** RestApis (by URN) that an aws.apigateway.Authorizer of the stack is attached to. */
function apisWithAuthorizers(resources: readonly PolicyResource[]): Set<string> {
    return new Set(ofClass(resources, aws.apigateway.Authorizer).flatMap((a) => (a.propertyDependencies.restApi ?? []).map((d) => d.urn)));
}

/** True when every operation but the CORS preflights requires an authorizer (Lambda, Cognito or IAM). */
function everyOperationAuthorized(api: PolicyResource, authorized: Set<string>): boolean {
    if (authorized.has(api.urn)) {
        return true;
    }
    if (api.props.body === undefined) return false;
    const doc = parseOpenApiBody(api.props.body);
    if (!doc.ok) return false;
    const ops = operationsOf(doc.value).filter((op) => op.method !== "OPTIONS");
    return ops.length > 0 && ops.every((op) => {
        const auth = authorizationOf(doc.value, op);
        return auth.ok && auth.authorizer;
    });
}

export const stageProtection: GatevaultStackPolicy = {
    name: "apigateway-stage-protected",
    description: "Every stage is covered by a usage plan (API keys, throttle, quota) or its API requires an authorizer on every method.",
    severity: "high",
    controls: [],
    remediationSteps:
        "List the stage in an aws.apigateway.UsagePlan's `apiStages` (and require API keys), or protect every non-OPTIONS " +
        "operation with a Lambda, Cognito or IAM authorizer.",
    validateStack: (args, report) => {
        const links = new StageLinks(args.resources);
        const authorized = apisWithAuthorizers(args.resources);
        for (const stage of links.stages) {
            const api = links.restApiOf(stage);
            if (api && everyOperationAuthorized(api, authorized)) continue;
            if (!links.inUsagePlan(stage)) {
                report(`${stageLabel(stage)} is in no usage plan and its API does not require an authorizer on every method.`, stage.urn);
            }
        }
    },
};
