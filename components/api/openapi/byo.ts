// Bring your own OpenAPI: read the user's OpenAPI 3.0 document and plan its operations,
// with config routes as overlays (matched by method and path) and defaultIntegration for
// the operations no route mentions.

import { OPERATION_KEYS } from "@gatevault/aws-model/apigateway/paths";
import { routeKey, routePathProblems } from "../../config/api/http";
import type { BuildContext } from "./context";
import { PlannedOperation } from "./operations";

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

const PATH_ITEM_FIELDS = new Set(["summary", "description", "servers", "parameters"]);

function parseDocument(ctx: BuildContext, file: string, text: string): Record<string, unknown> | undefined {
    const at = [...ctx.at, "openApi", "file"];
    try {
        // YAML is a superset of JSON; the yaml package is only loaded for YAML files.
        const parsed: unknown = /\.ya?ml$/i.test(file) ? (require("yaml") as typeof import("yaml")).parse(text) : JSON.parse(text);
        if (!isObject(parsed)) {
            ctx.problems.add(at, `${file} must hold an OpenAPI document (an object)`);
            return undefined;
        }
        return parsed;
    } catch (err) {
        ctx.problems.add(at, `${file} cannot be parsed (${(err as Error).message.split("\n")[0]})`);
        return undefined;
    }
}

export interface UserDocument {
    document: Record<string, unknown>;
    operations: PlannedOperation[];
}

export function loadUserDocument(ctx: BuildContext): UserDocument | undefined {
    const source = ctx.api.openApi!;
    const fileAt = [...ctx.at, "openApi", "file"];
    const text = ctx.files.text({ file: source.file }, [...ctx.at, "openApi"]);
    const document = text === undefined ? undefined : parseDocument(ctx, source.file, text);
    if (!document) {
        return undefined;
    }
    const version = String(document.openapi ?? document.swagger ?? "");
    if (!/^3\.0\.\d+$/.test(version)) {
        ctx.problems.add(fileAt, `${source.file} must be an OpenAPI 3.0.x document (got ${version ? `version ${version}` : "no openapi field"})`);
        return undefined;
    }
    if (!isObject(document.paths)) {
        ctx.problems.add(fileAt, `${source.file} has no paths`);
        return undefined;
    }

    const overlays = new Map(ctx.api.routes.map((route, i) => [routeKey(route.method, route.path), { route, i }]));
    const operations: PlannedOperation[] = [];
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
        const pathProblems = routePathProblems(path);
        if (pathProblems.length > 0 || !isObject(item)) {
            ctx.problems.add(fileAt, `path ${path} in ${source.file}: ${pathProblems[0] ?? "must be a path item object"}`);
            continue;
        }
        for (const [field, operation] of Object.entries(item)) {
            const method = OPERATION_KEYS[field];
            if (!method) {
                if (!PATH_ITEM_FIELDS.has(field) && !field.startsWith("x-")) {
                    ctx.problems.add(fileAt, `path ${path} in ${source.file}: ${field} is not supported by API Gateway`);
                }
                continue;
            }
            if (!isObject(operation)) {
                ctx.problems.add(fileAt, `operation ${routeKey(method, path)} in ${source.file} must be an object`);
                continue;
            }
            const key = routeKey(method, path);
            const overlay = overlays.get(key);
            overlays.delete(key);
            const planned: PlannedOperation = { method, path, key, at: fileAt, document: operation, appendPath: false };
            if (overlay) {
                planned.route = overlay.route;
                planned.at = [...ctx.at, "routes", overlay.i];
            }
            if (overlay?.route.integration) {
                planned.integration = overlay.route.integration;
                planned.integrationAt = [...ctx.at, "routes", overlay.i, "integration"];
            } else if (!("x-amazon-apigateway-integration" in operation)) {
                if (source.defaultIntegration) {
                    planned.integration = source.defaultIntegration;
                    planned.integrationAt = [...ctx.at, "openApi", "defaultIntegration"];
                    planned.appendPath = true;
                } else {
                    missing.push(key);
                }
            }
            operations.push(planned);
        }
    }
    for (const { route, i } of overlays.values()) {
        ctx.problems.add([...ctx.at, "routes", i], `names no operation of ${source.file} (route ${routeKey(route.method, route.path)})`);
    }
    if (missing.length > 0) {
        const shown = missing.slice(0, 5).join(", ") + (missing.length > 5 ? `, and ${missing.length - 5} more` : "");
        ctx.problems.add([...ctx.at, "openApi", "defaultIntegration"], `is required: operations of ${source.file} have no integration (${shown}); set it, or add routes with integrations for them`);
    }
    return { document, operations };
}
