// The upload-URL function: the handler in functions/uploads, allowed to write (and abort
// multipart uploads) under the bucket's upload prefix and nothing else. Presigned URLs carry
// this role's permissions, so the role is what bounds what a URL can ever do.

import * as pulumi from "@pulumi/pulumi";
import type { CorsSettings } from "../../functions/shared/cors";
import { uploadEnvironment } from "../../functions/uploads/settings";
import { UPLOAD_ROUTES } from "../../functions/uploads/routes";
import type { UploadsConfig } from "../config/uploads";
import { NodeFunction } from "../functions/node-function";
import type { PolicyStatement } from "../functions/role-policy";
import type { UploadBucket } from "./upload-bucket";

export const UPLOAD_ENTRY = "functions/uploads/handler.ts";

export interface UploadFunctionArgs extends Omit<UploadsConfig, "name" | "bucket"> {
    bucket: UploadBucket;
    /** CORS headers to send: the settings of the APIs whose proxy routes reach the function. */
    cors?: CorsSettings;
}

export class UploadFunction extends pulumi.ComponentResource {
    readonly function: NodeFunction;
    readonly arn: pulumi.Output<string>;
    readonly invokeArn: pulumi.Output<string>;
    readonly functionName: pulumi.Output<string>;
    /** The routes the handler serves, all POST with proxy integration: start, complete, abort. */
    readonly routes = UPLOAD_ROUTES;

    constructor(name: string, args: UploadFunctionArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:uploads:UploadFunction", name, {}, opts);
        const objects = pulumi.interpolate`${args.bucket.arn}/${args.keyPrefix}*`;
        const statements: PolicyStatement<pulumi.Input<string>>[] = [
            // PutObject covers the single PUT, CreateMultipartUpload, UploadPart and CompleteMultipartUpload.
            { sid: "WriteUploads", actions: ["s3:PutObject", "s3:AbortMultipartUpload"], resources: [objects] },
        ];
        if (args.bucket.kmsKeyArn) {
            // Multipart uploads to SSE-KMS buckets need Decrypt as well as GenerateDataKey.
            statements.push({ sid: "EncryptUploads", actions: ["kms:GenerateDataKey", "kms:Decrypt"], resources: [args.bucket.kmsKeyArn] });
        }
        const environment = uploadEnvironment<pulumi.Input<string>>({
            bucket: args.bucket.bucketName,
            keyPrefix: args.keyPrefix,
            allowedContentTypes: args.allowedContentTypes,
            ...args.limits,
            urlExpirySeconds: args.urlExpirySeconds,
            multipartUrlExpirySeconds: args.multipartUrlExpirySeconds,
            cors: args.cors,
        });
        this.function = new NodeFunction(
            `${name}-fn`,
            {
                entry: UPLOAD_ENTRY,
                functionName: `${name}-${pulumi.getStack()}`,
                description: "Presigned S3 upload URLs for payloads above API Gateway's 10 MB limit",
                environment,
                memorySize: 256,
                timeoutSeconds: 10,
                logRetentionDays: args.logRetentionDays,
                statements,
            },
            { parent: this },
        );
        this.arn = this.function.arn;
        this.invokeArn = this.function.invokeArn;
        this.functionName = this.function.name;
        this.registerOutputs({ arn: this.arn, invokeArn: this.invokeArn, functionName: this.functionName });
    }
}
