// Starts an upload: one presigned PUT, or a multipart upload with one presigned URL per
// part. Sizes are signed in (`content-length` is a signed header), so S3 refuses a body of
// any other length; the content type is signed into the single PUT the same way.

import { CreateMultipartUploadCommand, PutObjectCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { planUpload } from "./plan";
import type { StartUploadRequest } from "./requests";
import type { UploadSettings } from "./settings";

export interface SingleUpload {
    mode: "single";
    key: string;
    expiresAt: string;
    /** Send the body with exactly these headers. */
    upload: { method: "PUT"; url: string; headers: Record<string, string> };
}

export interface MultipartUpload {
    mode: "multipart";
    key: string;
    uploadId: string;
    expiresAt: string;
    partSize: number;
    /** PUT each part's bytes (exactly `size` of them) to its URL; keep the ETag of each answer. */
    parts: { partNumber: number; size: number; url: string }[];
}

export type StartedUpload = SingleUpload | MultipartUpload;

export interface UploadClock {
    now: () => Date;
    newId: () => string;
}

/** S3 clients for presigning must not add default checksums: they would sign an empty body's CRC. */
export function uploadS3Client(region?: string): S3Client {
    return new S3Client({ region, requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" });
}

export async function startUpload(
    s3: S3Client,
    settings: UploadSettings,
    ownerPrefix: string,
    request: StartUploadRequest,
    clock: UploadClock,
): Promise<StartedUpload> {
    const key = `${ownerPrefix}${clock.newId()}/${request.fileName}`;
    const signingDate = clock.now();
    const plan = planUpload(request.size, settings);

    if (plan.mode === "single") {
        const expiresIn = settings.urlExpirySeconds;
        const command = new PutObjectCommand({ Bucket: settings.bucket, Key: key, ContentType: request.contentType, ContentLength: request.size });
        const url = await getSignedUrl(s3, command, { expiresIn, signingDate, signableHeaders: new Set(["content-type", "content-length"]) });
        return {
            mode: "single",
            key,
            expiresAt: new Date(signingDate.getTime() + expiresIn * 1000).toISOString(),
            upload: { method: "PUT", url, headers: { "content-type": request.contentType, "content-length": String(request.size) } },
        };
    }

    const expiresIn = settings.multipartUrlExpirySeconds;
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: settings.bucket, Key: key, ContentType: request.contentType }));
    if (!created.UploadId) {
        throw new Error("S3 CreateMultipartUpload returned no UploadId");
    }
    const uploadId = created.UploadId;
    const parts = await Promise.all(
        plan.parts.map(async (part) => {
            const command = new UploadPartCommand({ Bucket: settings.bucket, Key: key, UploadId: uploadId, PartNumber: part.partNumber, ContentLength: part.size });
            const url = await getSignedUrl(s3, command, { expiresIn, signingDate, signableHeaders: new Set(["content-length"]) });
            return { ...part, url };
        }),
    );
    return {
        mode: "multipart",
        key,
        uploadId,
        expiresAt: new Date(signingDate.getTime() + expiresIn * 1000).toISOString(),
        partSize: plan.partSize,
        parts,
    };
}
