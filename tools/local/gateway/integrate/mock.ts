// MOCK integrations: no backend. "The status code of the integration response is taken from
// the statusCode of the request template's output" (default 200), and the integration
// response body is empty, so response templates produce the method response body.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html

import type { IntegrationResponse } from "./types";

export function mockResponse(mappedBody: Buffer): IntegrationResponse {
    let statusCode = 200;
    try {
        const parsed = JSON.parse(mappedBody.toString("utf8"));
        if (parsed && typeof parsed === "object" && Number.isInteger(Number(parsed.statusCode))) statusCode = Number(parsed.statusCode);
    } catch {
        // A passthrough or non-JSON body carries no status code: the default applies.
    }
    return { statusCode, headers: [], body: Buffer.alloc(0) };
}
