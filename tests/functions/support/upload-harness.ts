// An upload handler over a real S3 client (presigning is offline) with fixed credentials,
// clock and ids, whose `send` is stubbed so S3 API calls are recorded, never made.

import { S3Client } from "@aws-sdk/client-s3";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { createUploadHandler } from "../../../functions/uploads/handlers";
import { MIB, type UploadSettings } from "../../../functions/uploads/settings";

// This machine runs Node 20; the SDK's warning about its future Node 22 floor is noise here
// (the functions themselves run on nodejs22.x).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export const NOW = new Date("2026-03-01T12:00:00Z");

export function uploadSettings(overrides: Partial<UploadSettings> = {}): UploadSettings {
    return {
        bucket: "gatevault-dev-uploads",
        keyPrefix: "uploads/",
        allowedContentTypes: ["application/pdf", "video/mp4"],
        maxSinglePartBytes: 100 * MIB,
        maxBytes: 1024 * MIB,
        partSizeBytes: 16 * MIB,
        urlExpirySeconds: 300,
        multipartUrlExpirySeconds: 900,
        ...overrides,
    };
}

export interface SentCommand {
    name: string;
    input: Record<string, any>;
}

export function stubbedS3(answer: (command: SentCommand) => unknown = () => ({})) {
    const client = new S3Client({
        region: "eu-west-1",
        credentials: { accessKeyId: "AKIAEXAMPLEFUNCTION", secretAccessKey: "test-secret", sessionToken: "test-session" },
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
    });
    const sent: SentCommand[] = [];
    (client as unknown as { send: (c: any) => Promise<unknown> }).send = async (command: any) => {
        const entry = { name: command.constructor.name, input: command.input };
        sent.push(entry);
        return answer(entry);
    };
    return { client, sent };
}

export function uploadEvent(resource: string, body: unknown, authorizer: Record<string, unknown> | null = { principalId: "alice" }): APIGatewayProxyEvent {
    return {
        httpMethod: "POST",
        resource,
        path: resource,
        body: typeof body === "string" ? body : JSON.stringify(body),
        isBase64Encoded: false,
        requestContext: { authorizer } as APIGatewayProxyEvent["requestContext"],
    } as APIGatewayProxyEvent;
}

export function uploadHandler(settings = uploadSettings(), answer?: (command: SentCommand) => unknown, id = "11111111-2222-3333-4444-555555555555") {
    const s3 = stubbedS3(answer);
    const handler = createUploadHandler(settings, { s3: s3.client, clock: { now: () => NOW, newId: () => id }, log: () => undefined });
    return { handler, sent: s3.sent };
}

export function bodyOf(result: APIGatewayProxyResult): any {
    return JSON.parse(result.body);
}

export function queryOf(url: string): Record<string, string> {
    return Object.fromEntries(new URL(url).searchParams.entries());
}
