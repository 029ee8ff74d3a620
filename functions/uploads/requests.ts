// The three upload requests (start, complete, abort), validated into typed values or a list
// of problems for a 400 answer.

import { unknownFieldProblems } from "../shared/http";
import { maxPartCount, type UploadSettings } from "./settings";

export interface StartUploadRequest {
    contentType: string;
    /** Exact size in bytes; it is signed into the URLs, so S3 refuses any other length. */
    size: number;
    fileName: string;
}

export interface CompleteUploadRequest {
    key: string;
    uploadId: string;
    parts: { partNumber: number; etag: string }[];
}

export interface AbortUploadRequest {
    key: string;
    uploadId: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

const MAX_FILE_NAME = 128;

/** The last path component, reduced to key-safe characters; "upload" when nothing is left. */
export function safeFileName(name: string): string {
    const base = name.split(/[\\/]/).pop() ?? "";
    const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(0, MAX_FILE_NAME);
    return cleaned === "" ? "upload" : cleaned;
}

export function parseStartRequest(body: Record<string, unknown>, settings: UploadSettings): Parsed<StartUploadRequest> {
    const problems = unknownFieldProblems(body, ["contentType", "size", "fileName"]);
    const { contentType, size, fileName } = body;
    if (typeof contentType !== "string") {
        problems.push("contentType: is required (a media type such as application/pdf)");
    } else if (!settings.allowedContentTypes.includes(contentType.trim().toLowerCase())) {
        problems.push(`contentType: must be one of ${settings.allowedContentTypes.join(", ")} (got ${JSON.stringify(contentType)})`);
    }
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 1) {
        problems.push(`size: must be a whole number of bytes >= 1 (got ${JSON.stringify(size)})`);
    } else if (size > settings.maxBytes) {
        problems.push(`size: must be <= ${settings.maxBytes} bytes (got ${size})`);
    }
    if (fileName !== undefined && (typeof fileName !== "string" || fileName.length > 1024)) {
        problems.push("fileName: must be a string of at most 1024 characters");
    }
    if (problems.length > 0) {
        return { ok: false, problems };
    }
    return {
        ok: true,
        value: { contentType: (contentType as string).trim().toLowerCase(), size: size as number, fileName: safeFileName((fileName as string | undefined) ?? "") },
    };
}

function keyAndUploadId(body: Record<string, unknown>, problems: string[]): AbortUploadRequest {
    const { key, uploadId } = body;
    if (typeof key !== "string" || key === "" || key.length > 1024) {
        problems.push("key: is required (the key returned when the upload started)");
    }
    if (typeof uploadId !== "string" || uploadId === "" || uploadId.length > 1024) {
        problems.push("uploadId: is required (the uploadId returned when the upload started)");
    }
    return { key: key as string, uploadId: uploadId as string };
}

export function parseAbortRequest(body: Record<string, unknown>): Parsed<AbortUploadRequest> {
    const problems = unknownFieldProblems(body, ["key", "uploadId"]);
    const value = keyAndUploadId(body, problems);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** Parts must be exactly 1..n, each with the ETag S3 returned for it. */
export function parseCompleteRequest(body: Record<string, unknown>, settings: UploadSettings): Parsed<CompleteUploadRequest> {
    const problems = unknownFieldProblems(body, ["key", "uploadId", "parts"]);
    const { key, uploadId } = keyAndUploadId(body, problems);
    const parts = body.parts;
    const maxParts = Math.max(maxPartCount(settings), 1);
    if (!Array.isArray(parts) || parts.length === 0 || parts.length > maxParts) {
        problems.push(`parts: must be a list of 1 to ${maxParts} { partNumber, etag } entries`);
        return { ok: false, problems };
    }
    const clean: CompleteUploadRequest["parts"] = [];
    parts.forEach((part: unknown, i) => {
        const p = part as Record<string, unknown> | null;
        const etag = p?.etag;
        if (typeof p !== "object" || p === null || p.partNumber !== i + 1) {
            problems.push(`parts[${i}].partNumber: must be ${i + 1} (parts are listed in order, starting at 1)`);
        } else if (typeof etag !== "string" || !/^"?[A-Za-z0-9-]{1,128}"?$/.test(etag)) {
            problems.push(`parts[${i}].etag: must be the ETag S3 returned for part ${i + 1}`);
        } else {
            clean.push({ partNumber: i + 1, etag });
        }
    });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { key, uploadId, parts: clean } };
}
