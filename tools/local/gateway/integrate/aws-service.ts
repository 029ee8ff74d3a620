// AWS service integrations (type aws). A Lambda URI (`...:lambda:path/2015-03-31/functions/<arn>/invocations`)
// is the non-proxy Lambda integration: the mapped request is the event, the result the
// integration response body, and a function error's errorMessage is what selection patterns
// match (set-up-lambda-custom-integrations.html). Any other service cannot be called
// without AWS: its answer comes from a local fixture file (`--aws-fixtures`), keyed by the
// method's route ("GET /orders/{id}/status"), or the request fails with a message naming the
// missing fixture.
// Deliberately not modelled: calling AWS services, credentials (the integration's role).

import type { FunctionInvoker } from "../../lambda/invoke";
import { functionArnOfUri } from "../../lambda/invoke";
import { GatewayFailure } from "../types";
import type { IntegrationResponse } from "./types";

export interface AwsFixture {
    statusCode?: number;
    headers?: Record<string, string>;
    /** A string is sent as is; anything else as JSON. */
    body?: unknown;
}

export type AwsFixtures = Readonly<Record<string, AwsFixture>>;

export async function callAwsService(
    uri: string,
    routeKey: string,
    mappedBody: Buffer,
    timeoutMs: number,
    deps: { invoker: FunctionInvoker; fixtures: AwsFixtures; warn: (message: string) => void },
): Promise<IntegrationResponse | GatewayFailure> {
    const functionArn = functionArnOfUri(uri);
    if (functionArn) {
        let event: unknown = mappedBody.toString("utf8");
        try {
            event = JSON.parse(event as string);
        } catch {
            // Lambda receives a non-JSON template output as a string.
        }
        const result = await deps.invoker.invoke(functionArn, event, timeoutMs);
        if (result.kind === "timeout") return new GatewayFailure("INTEGRATION_TIMEOUT", "Endpoint request timed out");
        if (result.kind === "unknown-function") {
            deps.warn(result.message);
            return new GatewayFailure("DEFAULT_5XX", "Internal server error", undefined, 500);
        }
        if (result.kind === "error") {
            const body = JSON.stringify({ errorMessage: result.errorMessage, errorType: result.errorType });
            return { statusCode: 200, headers: [["Content-Type", "application/json"]], body: Buffer.from(body), errorMessage: result.errorMessage };
        }
        return { statusCode: 200, headers: [["Content-Type", "application/json"]], body: Buffer.from(JSON.stringify(result.payload ?? null)) };
    }
    const fixture = deps.fixtures[routeKey];
    if (!fixture) {
        deps.warn(`no fixture for the AWS service integration of ${routeKey} (${uri}); add "${routeKey}": { "statusCode": 200, "body": ... } to the --aws-fixtures file`);
        return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
    }
    const body = typeof fixture.body === "string" ? fixture.body : JSON.stringify(fixture.body ?? {});
    const headers = Object.entries(fixture.headers ?? { "Content-Type": "application/json" });
    return { statusCode: fixture.statusCode ?? 200, headers, body: Buffer.from(body, "utf8") };
}
