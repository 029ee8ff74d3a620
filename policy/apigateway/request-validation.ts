import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";
import { inputsOf, operationsOf, parseOpenApiBody, requestValidatorOf } from "./openapi";

export const requestValidation: GatevaultResourcePolicy = {
    name: "apigateway-request-validation",
    description: "Methods that take input have API Gateway validate it before the integration runs.",
    severity: "medium",
    controls: ["cdk-nag:AwsSolutions-APIG2", "Checkov:CKV2_AWS_53"],
    remediationSteps:
        "Declare validators in the body's x-amazon-apigateway-request-validators (validateRequestBody and/or " +
        "validateRequestParameters) and name one with x-amazon-apigateway-request-validator, on the document or per operation, " +
        "for every operation with a request body or required query-string or header parameters.",
    validateResource: validateResourceOfType(aws.apigateway.RestApi, (api, _args, report) => {
        if (api.body === undefined) return;
        const doc = parseOpenApiBody(api.body);
        if (!doc.ok) {
            report(`Cannot check request validation: ${doc.problem}.`);
            return;
        }
        for (const op of operationsOf(doc.value)) {
            const inputs = inputsOf(doc.value, op);
            const validator = requestValidatorOf(doc.value, op);
            const label = `${op.method} ${op.path}`;
            if (inputs.body && !validator.validateRequestBody) {
                report(`${label} takes a request body that no validator checks${validator.name ? ` (validator "${validator.name}" does not validate bodies)` : ""}.`);
            }
            if (inputs.requiredParameters.length > 0 && !validator.validateRequestParameters) {
                report(`${label} requires ${inputs.requiredParameters.join(", ")} but no validator checks request parameters.`);
            }
        }
    }),
};
