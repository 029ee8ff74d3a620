// The upload-URL handler's settings: limits, allowed content types and expiry, written into
// the function's environment by the component and validated again at cold start. The
// stack-config schema uses the same limits and cross-field rules.

import { type CorsSettings, corsSettingsProblems } from "../shared/cors";
import { EnvReader } from "../shared/settings-error";

export const MIB = 1024 ** 2;
export const GIB = 1024 ** 3;
export const TIB = 1024 ** 4;

/** S3's own limits (PutObject and multipart upload). */
export const S3_LIMITS = {
    maxSinglePutBytes: 5 * GIB,
    minPartBytes: 5 * MIB,
    maxPartBytes: 5 * GIB,
    maxObjectBytes: 5 * TIB,
    maxParts: 10_000,
} as const;

/**
 * Part URLs are all returned in one response, which Lambda caps at 6 MB; at roughly 1.5 KB
 * per presigned URL, 1,000 parts keeps the answer well below it.
 */
export const MAX_PARTS_PER_UPLOAD = 1_000;

export const URL_EXPIRY_SECONDS = { min: 60, max: 3_600 } as const;

export interface UploadLimits {
    /** Uploads up to this size get one presigned PUT; larger ones go multipart. */
    maxSinglePartBytes: number;
    /** The largest upload accepted at all. */
    maxBytes: number;
    /** Size of every multipart part but the last. */
    partSizeBytes: number;
}

export interface UploadSettings extends UploadLimits {
    bucket: string;
    /** Every key starts with this, then the caller's segment: `uploads/<caller>/...`. */
    keyPrefix: string;
    /** Lower-case media types, exact match (`application/pdf`). */
    allowedContentTypes: string[];
    urlExpirySeconds: number;
    multipartUrlExpirySeconds: number;
    /** The CORS settings of the APIs whose proxy routes reach the function; none: no CORS headers. */
    cors?: CorsSettings;
}

export const UPLOAD_ENV = {
    bucket: "UPLOAD_BUCKET",
    keyPrefix: "UPLOAD_KEY_PREFIX",
    allowedContentTypes: "UPLOAD_ALLOWED_CONTENT_TYPES",
    maxSinglePartBytes: "UPLOAD_MAX_SINGLE_PART_BYTES",
    maxBytes: "UPLOAD_MAX_BYTES",
    partSizeBytes: "UPLOAD_PART_SIZE_BYTES",
    urlExpirySeconds: "UPLOAD_URL_EXPIRY_SECONDS",
    multipartUrlExpirySeconds: "UPLOAD_MULTIPART_URL_EXPIRY_SECONDS",
    cors: "UPLOAD_CORS",
} as const satisfies Record<keyof UploadSettings, string>;

const KEY_PREFIX = /^([a-z0-9][a-z0-9._-]*\/)+$/;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

export function keyPrefixProblem(prefix: string): string | undefined {
    return KEY_PREFIX.test(prefix) && prefix.length <= 100
        ? undefined
        : `must be lower-case path segments each ending in "/", e.g. "uploads/" (got ${JSON.stringify(prefix)})`;
}

export function contentTypeProblem(type: string): string | undefined {
    return CONTENT_TYPE.test(type) ? undefined : `must be a lower-case media type without parameters, e.g. "application/pdf" (got ${JSON.stringify(type)})`;
}

/** How many parts the largest accepted upload needs. */
export function maxPartCount(limits: UploadLimits): number {
    return limits.maxBytes > limits.maxSinglePartBytes ? Math.ceil(limits.maxBytes / limits.partSizeBytes) : 0;
}

/** Rules across the limits; single-value ranges are checked where each value is read. */
export function uploadLimitProblems(limits: UploadLimits): { field: keyof UploadLimits; message: string }[] {
    const problems: { field: keyof UploadLimits; message: string }[] = [];
    if (limits.maxSinglePartBytes > limits.maxBytes) {
        problems.push({ field: "maxSinglePartBytes", message: `must be <= maxBytes (got ${limits.maxSinglePartBytes} > ${limits.maxBytes})` });
    }
    const parts = maxPartCount(limits);
    if (parts > MAX_PARTS_PER_UPLOAD) {
        problems.push({
            field: "partSizeBytes",
            message: `must split maxBytes into at most ${MAX_PARTS_PER_UPLOAD} parts (got ${parts}); raise partSizeBytes to at least ${Math.ceil(limits.maxBytes / MAX_PARTS_PER_UPLOAD)} or lower maxBytes`,
        });
    }
    return problems;
}

export function uploadSettingsFromEnv(env: Record<string, string | undefined>): UploadSettings {
    const reader = new EnvReader(env);
    const e = UPLOAD_ENV;
    const keyPrefix = reader.string(e.keyPrefix);
    const prefixProblem = keyPrefix === "" ? undefined : keyPrefixProblem(keyPrefix);
    if (prefixProblem) reader.problem(e.keyPrefix, prefixProblem);
    const allowedContentTypes = reader.nonEmptyStringList(e.allowedContentTypes, "must list at least one content type");
    for (const type of allowedContentTypes) {
        const problem = contentTypeProblem(type);
        if (problem) reader.problem(e.allowedContentTypes, problem);
    }
    const settings: UploadSettings = {
        bucket: reader.string(e.bucket),
        keyPrefix,
        allowedContentTypes,
        maxSinglePartBytes: reader.integer(e.maxSinglePartBytes, undefined, 1, S3_LIMITS.maxSinglePutBytes),
        maxBytes: reader.integer(e.maxBytes, undefined, 1, S3_LIMITS.maxObjectBytes),
        partSizeBytes: reader.integer(e.partSizeBytes, undefined, S3_LIMITS.minPartBytes, S3_LIMITS.maxPartBytes),
        urlExpirySeconds: reader.integer(e.urlExpirySeconds, undefined, URL_EXPIRY_SECONDS.min, URL_EXPIRY_SECONDS.max),
        multipartUrlExpirySeconds: reader.integer(e.multipartUrlExpirySeconds, undefined, URL_EXPIRY_SECONDS.min, URL_EXPIRY_SECONDS.max),
    };
    if (env[e.cors] !== undefined) {
        const cors = reader.json(e.cors);
        const problems = corsSettingsProblems(cors);
        problems.forEach((p) => reader.problem(e.cors, p));
        if (problems.length === 0) settings.cors = cors as CorsSettings;
    }
    if (reader.problems.length === 0) {
        for (const p of uploadLimitProblems(settings)) {
            reader.problem(e[p.field], p.message);
        }
    }
    return reader.done("upload URL", settings);
}

/**
 * The environment the component sets; `uploadSettingsFromEnv` reads it back unchanged. The
 * bucket name passes through as given, so a component can hand in a deploy-time value.
 */
export function uploadEnvironment<B = string>(settings: Omit<UploadSettings, "bucket"> & { bucket: B }): Record<string, string | B> {
    const { bucket, cors, ...rest } = settings;
    const env: Record<string, string | B> = { [UPLOAD_ENV.bucket]: bucket };
    for (const [field, value] of Object.entries(rest) as [Exclude<keyof UploadSettings, "bucket" | "cors">, string[] | number | string][]) {
        env[UPLOAD_ENV[field]] = Array.isArray(value) ? JSON.stringify(value) : String(value);
    }
    if (cors) {
        env[UPLOAD_ENV.cors] = JSON.stringify(cors);
    }
    return env;
}
