// The upload API as one proxy-integration handler: start, complete, abort.

import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { corsHeaders } from "../shared/cors";
import { headerValue } from "../shared/headers";
import { errorResponse, jsonBody, jsonResponse } from "../shared/http";
import { jsonLog, type Log } from "../shared/log";
import { callerId, ownerPrefix } from "./caller";
import { abortUpload, completeUpload, UploadRefused } from "./finish";
import { startUpload, type UploadClock } from "./presign";
import { parseAbortRequest, parseCompleteRequest, parseStartRequest } from "./requests";
import { uploadAction } from "./routes";
import type { UploadSettings } from "./settings";

export interface UploadHandlerDependencies {
    s3: S3Client;
    clock?: Partial<UploadClock>;
    log?: Log;
}

export function createUploadHandler(settings: UploadSettings, deps: UploadHandlerDependencies) {
    const clock: UploadClock = { now: () => new Date(), newId: randomUUID, ...deps.clock };
    const log = deps.log ?? jsonLog;

    const respond = handle(settings, deps.s3, clock, log);
    // Every answer, errors included, carries the API's CORS headers: a proxy integration sends
    // the function's response as it is, and a browser hides one without them.
    return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
        const response = await respond(event);
        const origin = headerValue(event.headers, event.multiValueHeaders, "origin");
        return { ...response, headers: { ...response.headers, ...corsHeaders(settings.cors, origin) } };
    };
}

/** The upload API's answer to one request, before CORS. */
function handle(settings: UploadSettings, s3: S3Client, clock: UploadClock, log: Log) {
    const deps = { s3 };
    return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
        const action = uploadAction(event.httpMethod, event.resource ?? event.path ?? "");
        if (!action) {
            return errorResponse(404, "no such upload route");
        }
        const caller = callerId(event);
        if (!caller) {
            // Only reachable when the route has no authorizer: refuse rather than share a prefix.
            return errorResponse(403, "uploads need an authenticated caller");
        }
        const body = jsonBody(event);
        if (!body.ok) {
            return errorResponse(400, body.message);
        }
        const prefix = ownerPrefix(settings.keyPrefix, caller);
        try {
            if (action === "start") {
                const request = parseStartRequest(body.value, settings);
                if (!request.ok) return errorResponse(400, "invalid upload request", request.problems);
                const started = await startUpload(deps.s3, settings, prefix, request.value, clock);
                log("info", "upload started", { caller, key: started.key, mode: started.mode, size: request.value.size });
                return jsonResponse(201, started);
            }
            if (action === "complete") {
                const request = parseCompleteRequest(body.value, settings);
                if (!request.ok) return errorResponse(400, "invalid complete request", request.problems);
                return jsonResponse(200, await completeUpload(deps.s3, settings, prefix, request.value));
            }
            const request = parseAbortRequest(body.value);
            if (!request.ok) return errorResponse(400, "invalid abort request", request.problems);
            return jsonResponse(200, await abortUpload(deps.s3, settings, prefix, request.value));
        } catch (err) {
            if (err instanceof UploadRefused) {
                return errorResponse(err.statusCode, err.message);
            }
            log("error", "upload request failed", { caller, action, error: err instanceof Error ? err.name : String(err) });
            return errorResponse(500, "the upload service failed; try again");
        }
    };
}
