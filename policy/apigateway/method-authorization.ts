import * as aws from "../common/aws-types";
import { validateResourcesOfTypes } from "../common/typed-validation";
import type { GatevaultResourcePolicy } from "../types";
import { authorizationOf, operationsOf, parseOpenApiBody } from "./openapi";

export const methodAuthorization: GatevaultResourcePolicy = {
    name: "apigateway-method-authorization",
    description: "Every method except CORS preflights (OPTIONS) requires authorization or an API key.",
    severity: "high",
    controls: ["cdk-nag:AwsSolutions-APIG4", "Checkov:CKV_AWS_59", "Checkov:CKV2_AWS_70"],
    remediationSteps:
        "Give every non-OPTIONS operation a security requirement naming a scheme defined in components.securitySchemes " +
        "(a Lambda or Cognito authorizer, IAM via x-amazon-apigateway-authtype, or the x-api-key API key), on the operation " +
        "or document-wide; for aws.apigateway.Method resources set `authorization` or `apiKeyRequired: true`.",
    validateResource: validateResourcesOfTypes(
        {
            "aws:apigateway/restApi:RestApi": (api, _args, report) => {
                if (api.body === undefined) return;
                const doc = parseOpenApiBody(api.body);
                if (!doc.ok) {
                    report(`Cannot check authorization: ${doc.problem}.`);
                    return;
                }
                for (const op of operationsOf(doc.value)) {
                    if (op.method === "OPTIONS") continue;
                    const auth = authorizationOf(doc.value, op);
                    if (!auth.ok) {
                        report(`${op.method} ${op.path} is open: ${auth.reason}.`);
                    }
                }
            },
            "aws:apigateway/method:Method": (method, _args, report) => {
                if (String(method.httpMethod).toUpperCase() === "OPTIONS") return;
                if ((method.authorization ?? "NONE").toUpperCase() === "NONE" && method.apiKeyRequired !== true) {
                    report(`${method.httpMethod} has authorization NONE and no API key requirement.`);
                }
            },
        },
        "aws.apigateway.RestApi and aws.apigateway.Method",
    ),
};
