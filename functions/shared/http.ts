// JSON in and out of API Gateway proxy integrations.

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyResult {
    return {
        statusCode,
        // Presigned URLs are credentials for a few minutes: no cache may keep them.
        headers: { "content-type": "application/json", "cache-control": "no-store" },
        body: JSON.stringify(body),
    };
}

export function errorResponse(statusCode: number, message: string, details?: string[]): APIGatewayProxyResult {
    return jsonResponse(statusCode, details && details.length > 0 ? { message, details } : { message });
}

export const MAX_REQUEST_BODY_BYTES = 256 * 1024;

/** The parsed JSON object of a request body, or a message saying why there is none. */
export function jsonBody(event: Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded">): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
    if (!event.body) {
        return { ok: false, message: "request body must be a JSON object" };
    }
    const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    if (Buffer.byteLength(text) > MAX_REQUEST_BODY_BYTES) {
        return { ok: false, message: `request body must be at most ${MAX_REQUEST_BODY_BYTES} bytes` };
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return { ok: false, message: "request body must be valid JSON" };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return { ok: false, message: "request body must be a JSON object" };
    }
    return { ok: true, value: value as Record<string, unknown> };
}

/** Problems for keys outside `allowed`: a misspelt field must not be silently ignored. */
export function unknownFieldProblems(body: Record<string, unknown>, allowed: readonly string[]): string[] {
    return Object.keys(body)
        .filter((k) => !allowed.includes(k))
        .map((k) => `${k}: unknown field (allowed: ${allowed.join(", ")})`);
}
