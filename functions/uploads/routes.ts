// The routes the upload handler serves. The handler dispatches on the last segment of the
// API resource, so the routes may sit under any base path.

export const UPLOAD_ROUTES = {
    start: "POST /uploads",
    complete: "POST /uploads/complete",
    abort: "POST /uploads/abort",
} as const;

export type UploadAction = keyof typeof UPLOAD_ROUTES;

export function uploadAction(httpMethod: string, resource: string): UploadAction | undefined {
    if (httpMethod !== "POST") {
        return undefined;
    }
    const last = resource.split("/").filter(Boolean).pop();
    return last === "uploads" ? "start" : last === "complete" ? "complete" : last === "abort" ? "abort" : undefined;
}
