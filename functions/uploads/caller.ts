// Who is uploading, and the key segment that keeps callers apart. The identity comes only
// from what the authorizer put in the request context, never from the request body.

import { createHash } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";

/** Lambda authorizers set `principalId`; the Cognito authorizer passes the token's claims. */
export function callerId(event: Pick<APIGatewayProxyEvent, "requestContext">): string | undefined {
    const authorizer = event.requestContext?.authorizer as Record<string, unknown> | null | undefined;
    const claims = authorizer?.claims as Record<string, unknown> | undefined;
    const id = authorizer?.principalId ?? claims?.sub;
    return typeof id === "string" && id !== "" ? id : undefined;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The caller's key segment: the id itself when it is key-safe, otherwise `~` and its SHA-256.
 * `~` never occurs in a safe id, so two callers can never share a segment.
 */
export function ownerSegment(id: string): string {
    return SAFE_SEGMENT.test(id) ? id : `~${createHash("sha256").update(id).digest("hex")}`;
}

export function ownerPrefix(keyPrefix: string, id: string): string {
    return `${keyPrefix}${ownerSegment(id)}/`;
}
