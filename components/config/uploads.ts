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
        maxSinglePartBytes: z
            .int()
            .min(1)
            .max(S3_LIMITS.maxSinglePutBytes)
            .default(100 * MIB)
            .describe("Uploads up to this size get one presigned PUT (100 MiB by default; at most S3's 5 GiB single PUT)."),
        maxBytes: z.int().min(1).max(S3_LIMITS.maxObjectBytes).default(5 * GIB).describe("The largest upload accepted (5 GiB by default; at most 5 TiB)."),
        partSizeBytes: z
            .int()
            .min(S3_LIMITS.minPartBytes)
            .max(S3_LIMITS.maxPartBytes)
            .default(64 * MIB)
            .describe("Multipart part size (64 MiB by default); `maxBytes` must need at most 1,000 parts, since every part URL is in one response under Lambda's 6 MB limit."),
    })
    .superRefine((limits, ctx) => {
        for (const p of uploadLimitProblems(limits)) {
            ctx.addIssue({ code: "custom", path: [p.field], message: p.message, input: limits[p.field] });
        }
    });

export const uploadBucketSchema = z
    .strictObject({
        encryption: z
            .enum(["SSE-KMS", "SSE-S3"])
            .default("SSE-KMS")
            .describe("SSE-KMS uses `kmsKeyArn`, or a key created with rotation on; SSE-S3 uses S3-managed keys."),
        kmsKeyArn: kmsKeyArnSchema.optional().describe("SSE-KMS only: an existing key; left out, one is created."),
        versioning: z.boolean().default(false).describe("Bucket versioning."),
        noncurrentVersionExpirationDays: z.int().min(1).max(3650).default(30).describe("Noncurrent versions are deleted after this many days (versioned buckets only)."),
        abortIncompleteMultipartUploadDays: z.int().min(1).max(30).default(1).describe("Lifecycle rule: parts of uploads never completed are deleted after this many days."),
        expireObjectsAfterDays: z.int().min(1).max(36500).optional().describe("Delete uploads under `keyPrefix` after this many days; omit to keep them."),
        corsAllowedOrigins: z.array(originSchema).default([]).describe("Browser origins allowed to PUT to the presigned URLs (and read `ETag`)."),
        forceDestroy: z.boolean().default(false).describe("Let `pulumi destroy` delete a bucket that still holds objects."),
    })
    .superRefine((b, ctx) => {
        if (b.kmsKeyArn && b.encryption !== "SSE-KMS") {
            ctx.addIssue({ code: "custom", path: ["kmsKeyArn"], message: `must be omitted unless encryption is SSE-KMS (got encryption ${b.encryption})`, input: b.kmsKeyArn });
        }
    });

export const uploadsSchema = z
    .strictObject({
        name: resourceNameSchema
            .default("uploads")
            .describe("Resource names and the function name `<name>-<stack>`; API routes name the function by it (`integration.function`)."),
        keyPrefix: checkedString(keyPrefixProblem).default("uploads/").describe("Lower-case segments, each ending in `/`; every key is `<keyPrefix><caller>/<uuid>/<file name>`."),
        allowedContentTypes: z
            .array(checkedString(contentTypeProblem))
            .min(1)
            .describe("Lower-case media types without parameters, matched exactly against the request's `contentType`."),
        limits: uploadLimitsSchema.prefault({}).describe("Size limits and the multipart part size."),
        urlExpirySeconds: z
            .int()
            .min(URL_EXPIRY_SECONDS.min)
            .max(URL_EXPIRY_SECONDS.max)
            .default(300)
            .describe("Lifetime of a single-PUT URL. URLs are signed with the function's temporary credentials, which can end a URL's life sooner."),
        multipartUrlExpirySeconds: z
            .int()
            .min(URL_EXPIRY_SECONDS.min)
            .max(URL_EXPIRY_SECONDS.max)
            .default(900)
            .describe("Lifetime of multipart part URLs: large parts take longer to send."),
        bucket: uploadBucketSchema.prefault({}).describe("The upload bucket: public access blocked, ACLs off, default encryption, TLS-only policy."),
        logRetentionDays: logRetentionSchema,
    })
    .optional();

export type UploadsConfig = NonNullable<z.output<typeof uploadsSchema>>;
export type UploadBucketConfig = UploadsConfig["bucket"];
