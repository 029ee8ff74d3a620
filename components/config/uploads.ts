// Stack config for large uploads (`gatevault:uploads`): the bucket and the upload-URL
// function. Limits and formats are the handler's own rules (functions/uploads/settings).

import { z } from "zod";
import { contentTypeProblem, GIB, keyPrefixProblem, MIB, S3_LIMITS, uploadLimitProblems, URL_EXPIRY_SECONDS } from "../../functions/uploads/settings";
import { logRetentionSchema } from "./function-primitives";
import { checkedString, resourceNameSchema } from "./primitives";

export const kmsKeyArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-f0-9-]{36}$/, "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");

const originSchema = z
    .string()
    .regex(/^(https?:\/\/[a-z0-9.-]+(:\d{1,5})?|\*)$/, "must be an origin such as https://app.example.com (scheme, host and optional port; no path)");

export const uploadLimitsSchema = z
    .strictObject({
        /** Uploads up to this size get one presigned PUT (default 100 MiB, at most 5 GiB). */
        maxSinglePartBytes: z.int().min(1).max(S3_LIMITS.maxSinglePutBytes).default(100 * MIB),
        /** The largest upload accepted (default 5 GiB, at most 5 TiB). */
        maxBytes: z.int().min(1).max(S3_LIMITS.maxObjectBytes).default(5 * GIB),
        /** Multipart part size (default 64 MiB; 5 MiB to 5 GiB). */
        partSizeBytes: z.int().min(S3_LIMITS.minPartBytes).max(S3_LIMITS.maxPartBytes).default(64 * MIB),
    })
    .superRefine((limits, ctx) => {
        for (const p of uploadLimitProblems(limits)) {
            ctx.addIssue({ code: "custom", path: [p.field], message: p.message, input: limits[p.field] });
        }
    });

export const uploadBucketSchema = z
    .strictObject({
        /** SSE-KMS (default) uses `kmsKeyArn`, or a key created with rotation on; SSE-S3 uses S3-managed keys. */
        encryption: z.enum(["SSE-KMS", "SSE-S3"]).default("SSE-KMS"),
        kmsKeyArn: kmsKeyArnSchema.optional(),
        versioning: z.boolean().default(false),
        /** Noncurrent versions are deleted after this many days (versioned buckets only). */
        noncurrentVersionExpirationDays: z.int().min(1).max(3650).default(30),
        /** Parts of uploads never completed are deleted after this many days. */
        abortIncompleteMultipartUploadDays: z.int().min(1).max(30).default(1),
        /** Delete uploaded objects after this many days; omit to keep them. */
        expireObjectsAfterDays: z.int().min(1).max(36500).optional(),
        /** Browser origins allowed to PUT to the presigned URLs (CORS); none by default. */
        corsAllowedOrigins: z.array(originSchema).default([]),
        /** Let `pulumi destroy` delete a bucket that still holds objects (default false). */
        forceDestroy: z.boolean().default(false),
    })
    .superRefine((b, ctx) => {
        if (b.kmsKeyArn && b.encryption !== "SSE-KMS") {
            ctx.addIssue({ code: "custom", path: ["kmsKeyArn"], message: `must be omitted unless encryption is SSE-KMS (got encryption ${b.encryption})`, input: b.kmsKeyArn });
        }
    });

export const uploadsSchema = z
    .strictObject({
        /** Prefix of the bucket's and function's resource names. */
        name: resourceNameSchema.default("uploads"),
        keyPrefix: checkedString(keyPrefixProblem).default("uploads/"),
        allowedContentTypes: z.array(checkedString(contentTypeProblem)).min(1),
        limits: uploadLimitsSchema.prefault({}),
        /** Lifetime of a single-PUT URL (default 300 s). */
        urlExpirySeconds: z.int().min(URL_EXPIRY_SECONDS.min).max(URL_EXPIRY_SECONDS.max).default(300),
        /** Lifetime of multipart part URLs (default 900 s): large parts take longer to send. */
        multipartUrlExpirySeconds: z.int().min(URL_EXPIRY_SECONDS.min).max(URL_EXPIRY_SECONDS.max).default(900),
        bucket: uploadBucketSchema.prefault({}),
        logRetentionDays: logRetentionSchema,
    })
    .optional();

export type UploadsConfig = NonNullable<z.output<typeof uploadsSchema>>;
export type UploadBucketConfig = UploadsConfig["bucket"];
