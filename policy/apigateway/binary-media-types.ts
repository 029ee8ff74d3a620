import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import { stringList } from "../common/parse-json";
import type { GatevaultResourcePolicy } from "../types";
import { binaryMediaTypesOf, parseOpenApiBody } from "./openapi";

const EVERYTHING = "*/*";

export const binaryMediaTypes: GatevaultResourcePolicy = {
    name: "apigateway-binary-media-types",
    description: "REST APIs do not treat every media type (*/*) as binary.",
    severity: "medium",
    controls: [],
    remediationSteps:
        "List the binary media types the API really serves (e.g. image/png, application/pdf) instead of */*: with */* every " +
        "payload, the CORS preflight's included, is handled as binary and OPTIONS mock integrations answer 500.",
    validateResource: validateResourceOfType(aws.apigateway.RestApi, (api, _args, report) => {
        if (stringList(api.binaryMediaTypes).includes(EVERYTHING)) {
            report("binaryMediaTypes includes */*.");
        }
        if (api.body === undefined) return;
        const doc = parseOpenApiBody(api.body);
        if (!doc.ok) {
            report(`Cannot check the body's binary media types: ${doc.problem}.`);
        } else if (binaryMediaTypesOf(doc.value).includes(EVERYTHING)) {
            report("The body's x-amazon-apigateway-binary-media-types includes */*.");
        }
    }),
};
