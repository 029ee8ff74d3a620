// Binary media types and content handling. A payload is binary when its Content-Type matches
// one of the API's binary media types (wildcards such as image/* and */* included). Between
// method and integration, `contentHandling` converts: CONVERT_TO_TEXT base64-encodes a binary
// payload, CONVERT_TO_BINARY base64-decodes a text payload, and without it the payload passes
// as it is; base64 that cannot be decoded is API_CONFIGURATION_ERROR.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
// For Lambda proxy integrations, a binary request body reaches the function base64-encoded with
// `isBase64Encoded: true`; a response with `isBase64Encoded: true` is decoded to bytes when the
// request's first Accept media type is a binary media type, and otherwise sent as the base64
// text (lambda-proxy-binary-media.html, api-gateway-payload-encodings.html).
// Deliberately not modelled: mapping templates applied to raw binary payloads (a template
// always sees text; binary payloads are base64 text by then).

import { GatewayFailure } from "./types";

export type ContentHandling = "CONVERT_TO_TEXT" | "CONVERT_TO_BINARY" | undefined;

function typeMatches(type: string, pattern: string): boolean {
    const [pt, ps] = pattern.toLowerCase().split("/");
    const [t, s] = type.split("/");
    return (pt === "*" || pt === t) && (ps === "*" || ps === s);
}

export function isBinaryType(mediaType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
    return mediaType !== undefined && binaryMediaTypes.some((p) => typeMatches(mediaType, p));
}

/** The payload after content handling: bytes, and whether it is now base64 text of binary data. */
export function convertPayload(body: Buffer, binary: boolean, handling: ContentHandling): Buffer | GatewayFailure {
    if (handling === "CONVERT_TO_TEXT" && binary) {
        return Buffer.from(body.toString("base64"), "utf8");
    }
    if (handling === "CONVERT_TO_BINARY" && !binary) {
        const text = body.toString("utf8").trim();
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
            return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
        }
        return Buffer.from(text, "base64");
    }
    return body;
}

/** The first media type of an Accept header, which decides whether a response is sent as binary. */
export function firstAcceptType(accept: string | undefined): string | undefined {
    const first = accept?.split(",")[0]?.split(";")[0]?.trim().toLowerCase();
    return first ? first : undefined;
}
