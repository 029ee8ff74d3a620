// Completing and aborting a multipart upload happen server-side, with the function's
// credentials, and only for keys under the caller's own prefix.

import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { AbortUploadRequest, CompleteUploadRequest } from "./requests";
import type { UploadSettings } from "./settings";

export class UploadRefused extends Error {
    constructor(readonly statusCode: 400 | 403 | 404, message: string) {
        super(message);
        this.name = "UploadRefused";
    }
}

function assertOwnKey(key: string, ownerPrefix: string): void {
    if (!key.startsWith(ownerPrefix)) {
        throw new UploadRefused(403, "key is not one of your uploads");
    }
}

/** S3 errors the caller can fix become 4xx; anything else is rethrown (→ 500). */
function refusalOf(err: unknown): never {
    if (err instanceof S3ServiceException) {
        if (err.name === "NoSuchUpload") {
            throw new UploadRefused(404, "no such upload (already completed, aborted or expired)");
        }
        if (["InvalidPart", "InvalidPartOrder", "EntityTooSmall"].includes(err.name)) {
            throw new UploadRefused(400, `S3 refused the parts: ${err.name}`);
        }
    }
    throw err;
}

export async function completeUpload(s3: S3Client, settings: UploadSettings, ownerPrefix: string, request: CompleteUploadRequest): Promise<{ key: string; etag?: string }> {
    assertOwnKey(request.key, ownerPrefix);
    try {
        const result = await s3.send(
            new CompleteMultipartUploadCommand({
                Bucket: settings.bucket,
                Key: request.key,
                UploadId: request.uploadId,
                MultipartUpload: { Parts: request.parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
            }),
        );
        return { key: request.key, etag: result.ETag };
    } catch (err) {
        return refusalOf(err);
    }
}

export async function abortUpload(s3: S3Client, settings: UploadSettings, ownerPrefix: string, request: AbortUploadRequest): Promise<{ key: string }> {
    assertOwnKey(request.key, ownerPrefix);
    try {
        await s3.send(new AbortMultipartUploadCommand({ Bucket: settings.bucket, Key: request.key, UploadId: request.uploadId }));
        return { key: request.key };
    } catch (err) {
        return refusalOf(err);
    }
}
