// Integration responses of the non-proxy types (HTTP, AWS, MOCK): which backend answers map to
// which method response, and the CORS headers each carries.
//
// AWS rules this file implements:
// - selectionPattern: "If the back end is an AWS Lambda function, the AWS Lambda function error
//   header is matched. For all other HTTP and AWS back ends, the HTTP status code is matched"
//   (API reference, IntegrationResponse: https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html).
//   The one response without a pattern is the default and answers everything else, so a backend
//   400 or a DynamoDB error reaches the client as the default's 200 unless a pattern catches it.
//   gatevault requires every status from 400 to 599 to be matched by some pattern on HTTP and AWS
//   (non-Lambda) integrations. Patterns are Java regular expressions matched against the whole
//   status code; the ones a status-code pattern needs (digits, classes, alternation, counts)
//   mean the same in JavaScript, which checks them here.
// - Nothing adds CORS headers to a non-proxy response but its mapping; with several allowed
//   origins only a template can choose the one to echo ($context.responseOverride.header, API
//   Gateway developer guide, "Override your API's request and response parameters and status
//   codes": https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html),
//   and "an override may only be applied to each parameter once", so a route's own template may
//   not set Access-Control-Allow-Origin too.

import type { IntegrationConfig } from "../../config/api";
import type { KeyPath } from "../../config/problems";
import type { BuildContext, OperationTarget } from "./context";
import { integrationResponseCors } from "./cors";
import { recordTemplates } from "./templates";

export interface IntegrationResponses {
    responses: Record<string, unknown>;
    /** Method responses to declare: status code to header names. */
    methodResponses: Record<string, string[]>;
}

/** The first and last codes of each run of statuses in `codes` ("400-403, 405-499"). */
function ranges(codes: readonly number[]): string {
    const runs: string[] = [];
    for (let i = 0; i < codes.length; ) {
        let j = i;
        while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++;
        runs.push(i === j ? String(codes[i]) : `${codes[i]}-${codes[j]}`);
        i = j + 1;
    }
    return runs.join(", ");
}

/** Whether a selection pattern matches the whole status code, as API Gateway's Java `matches` does. */
function matchesStatus(pattern: string, status: number): boolean {
    try {
        return new RegExp(`^(?:${pattern})$`).test(String(status));
    } catch {
        return false;
    }
}

/** Backend errors (400-599) that no selection pattern maps, so the default response would answer them. */
export function unmappedErrorStatuses(patterns: readonly string[]): number[] {
    const unmapped: number[] = [];
    for (let status = 400; status <= 599; status++) {
        if (!patterns.some((p) => matchesStatus(p, status))) unmapped.push(status);
    }
    return unmapped;
}

/** The integration types whose selection patterns match the backend's HTTP status. */
function matchesStatusCodes(integration: IntegrationConfig): boolean {
    return integration.type === "HTTP" || (integration.type === "AWS" && integration.service !== "lambda");
}

export function integrationResponses(ctx: BuildContext, integration: IntegrationConfig, target: OperationTarget, at: KeyPath): IntegrationResponses {
    const configured = integration.responses ?? [{ statusCode: "200" }];
    const cors = integrationResponseCors(ctx.api.cors);
    const responses: Record<string, unknown> = {};
    const methodResponses: Record<string, string[]> = {};
    configured.forEach((response, j) => {
        const selection = response.selectionPattern ?? "default";
        if (selection in responses) {
            ctx.problems.add([...at, "responses", j, "selectionPattern"], `answers the same backend responses as an earlier entry (${selection}) on route ${target.key}`);
            return;
        }
        const headers = { ...(response.headers ?? {}), ...cors?.headers };
        // With several origins the echo needs a template; a response without one gets the body through unchanged.
        const templates = cors?.originEcho && !response.templates ? { "application/json": "$input.body" } : response.templates;
        const mapped = recordTemplates(
            ctx,
            templates,
            [...at, "responses", j, "templates"],
            { route: target.key, direction: "response", statusCode: response.statusCode, selectionPattern: response.selectionPattern },
            cors?.originEcho ? { text: cors.originEcho, sets: "Access-Control-Allow-Origin" } : undefined,
        );
        responses[selection] = {
            statusCode: response.statusCode,
            ...(Object.keys(headers).length > 0
                ? { responseParameters: Object.fromEntries(Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, v])) }
                : {}),
            ...(mapped ? { responseTemplates: mapped } : {}),
            ...(response.contentHandling ? { contentHandling: response.contentHandling } : {}),
        };
        const declared = [...Object.keys(response.headers ?? {}), ...(cors?.declared ?? [])];
        methodResponses[response.statusCode] = [...new Set([...(methodResponses[response.statusCode] ?? []), ...declared])];
    });
    if (!("default" in responses) && integration.responses) {
        ctx.problems.add([...at, "responses"], `need one entry without selectionPattern, the default response (route ${target.key})`);
    }
    if (matchesStatusCodes(integration)) {
        const unmapped = unmappedErrorStatuses(configured.flatMap((r) => (r.selectionPattern ? [r.selectionPattern] : [])));
        if (unmapped.length > 0) {
            ctx.problems.add(
                [...at, "responses"],
                `must map backend errors explicitly (route ${target.key}): statuses ${ranges(unmapped)} match no selectionPattern, so the default response ` +
                    `(${configured.find((r) => !r.selectionPattern)?.statusCode ?? "200"}) would answer them; add entries such as { statusCode: "400", selectionPattern: "4\\\\d{2}" } and { statusCode: "502", selectionPattern: "5\\\\d{2}" }`,
            );
        }
    }
    return { responses, methodResponses };
}
