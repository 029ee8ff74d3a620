import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";
import { authorizationOf, corsOriginsOf, OpenApiDocument, operationsOf, parseOpenApiBody } from "./openapi";

interface Config {
    allowedOrigins: string[];
}

/** Paths where callers present credentials to at least one (non-OPTIONS) method. */
function authorizedPaths(doc: OpenApiDocument): Set<string> {
    const paths = new Set<string>();
    for (const op of operationsOf(doc)) {
        if (op.method !== "OPTIONS" && !paths.has(op.path) && authorizationOf(doc, op).ok) {
            paths.add(op.path);
        }
    }
    return paths;
}

export const corsOrigins: GatevaultResourcePolicy = {
    name: "apigateway-cors-origins",
    description: "CORS allows no wildcard origin where credentials or authorization are used, and only allowed origins elsewhere.",
    severity: "high",
    controls: [],
    remediationSteps:
        "Set Access-Control-Allow-Origin to the exact origins of the browser applications (e.g. 'https://app.example.com') in the " +
        "OPTIONS mock integration responses, integration responses and gateway responses, instead of '*' or an echo of the " +
        "request's Origin header; list them in the policy config's `allowedOrigins`.",
    configSchema: {
        properties: {
            allowedOrigins: {
                type: "array",
                items: { type: "string", pattern: "^https?://[^*\\s]+$" },
                default: [],
                description: "Origins CORS may allow; empty allows any explicit origin (never a wildcard where auth is used).",
            },
        },
    },
    validateResource: validateResourceOfType(aws.apigateway.RestApi, (api, args, report) => {
        if (api.body === undefined) return;
        const doc = parseOpenApiBody(api.body);
        if (!doc.ok) {
            report(`Cannot check CORS origins: ${doc.problem}.`);
            return;
        }
        const { allowedOrigins } = args.getConfig<Config>();
        // Only wildcard origins need it, and most bodies have none.
        let authorized: Set<string> | undefined;
        for (const cors of corsOriginsOf(doc.value)) {
            if (cors.origin === "*") {
                // A gateway response cannot run a template, so with several allowed origins it can
                // only echo Origin; with credentials allowed a browser can then read API Gateway's
                // own error message (never API data) after a credentialed request. A literal '*'
                // with credentials is always wrong: browsers refuse it (Fetch standard, CORS check).
                if (cors.credentials && !(cors.echo && cors.path === undefined)) {
                    report(`${cors.where} allows any origin together with credentials.`);
                } else if (cors.path !== undefined && (authorized ??= authorizedPaths(doc.value)).has(cors.path)) {
                    // API Gateway's own responses (errors, throttling) carry nothing a caller
                    // could not get without credentials, so there only credentials matter.
                    report(`${cors.where} allows any origin on path ${cors.path}, whose methods require authorization.`);
                }
            } else if (allowedOrigins.length > 0 && !allowedOrigins.includes(cors.origin)) {
                report(`${cors.where} allows origin ${cors.origin}, which is not in allowedOrigins (${allowedOrigins.join(", ")}).`);
            }
        }
    }),
};
