// Request models. API Gateway validates bodies with JSON Schema draft 4, and reads models
// from the document's components.schemas (OpenAPI 3.0 Schema Objects); a model must be
// valid in both, so only the keywords the two share are accepted.

import { isFileRef } from "../../config/api/files";
import type { KeyPath } from "../../config/problems";
import type { BuildContext } from "./context";

const SCHEMA_KEYWORDS = new Set([
    "title", "description", "type", "format", "default", "enum",
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern",
    "items", "maxItems", "minItems", "uniqueItems",
    "properties", "additionalProperties", "required", "maxProperties", "minProperties",
    "allOf", "anyOf", "oneOf", "not",
]);
const TYPES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);
const SUBSCHEMA_MAPS = new Set(["properties"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SUBSCHEMAS = new Set(["items", "not"]);

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkSchema(ctx: BuildContext, schema: unknown, at: KeyPath, model: string): void {
    if (!isObject(schema)) {
        ctx.problems.add(at, `must be a JSON Schema object (model ${model})`);
        return;
    }
    for (const [keyword, value] of Object.entries(schema)) {
        const here = [...at, keyword];
        if (!SCHEMA_KEYWORDS.has(keyword)) {
            const hint = keyword === "$ref" ? "models must be self-contained" : keyword === "$schema" ? "draft 4 is implied" : "not shared by JSON Schema draft 4 and OpenAPI 3.0";
            ctx.problems.add(here, `keyword is not supported in API Gateway models (${hint}; model ${model})`);
        } else if (keyword === "type" && !(typeof value === "string" && TYPES.has(value))) {
            ctx.problems.add(here, `must be one of ${[...TYPES].join(", ")} (one type; model ${model})`);
        } else if (keyword === "required" && !(Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))) {
            ctx.problems.add(here, `must be a non-empty list of property names (draft 4; model ${model})`);
        } else if (SUBSCHEMA_MAPS.has(keyword)) {
            if (!isObject(value)) {
                ctx.problems.add(here, `must be a map of property schemas (model ${model})`);
            } else {
                for (const [name, sub] of Object.entries(value)) checkSchema(ctx, sub, [...here, name], model);
            }
        } else if (SUBSCHEMA_LISTS.has(keyword)) {
            if (!Array.isArray(value) || value.length === 0) {
                ctx.problems.add(here, `must be a non-empty list of schemas (model ${model})`);
            } else {
                value.forEach((sub, i) => checkSchema(ctx, sub, [...here, i], model));
            }
        } else if (SUBSCHEMAS.has(keyword) || (keyword === "additionalProperties" && typeof value !== "boolean")) {
            checkSchema(ctx, value, here, model);
        }
    }
}

/** components.schemas: every model, read from its file when it has one, checked. */
export function buildModels(ctx: BuildContext): Record<string, unknown> {
    const schemas: Record<string, unknown> = {};
    for (const [name, config] of Object.entries(ctx.api.models)) {
        const at = [...ctx.at, "models", name];
        let schema: unknown = config;
        if (isFileRef(config)) {
            const text = ctx.files.text(config, at);
            if (text === undefined) {
                continue;
            }
            try {
                schema = JSON.parse(text);
            } catch (err) {
                ctx.problems.add([...at, "file"], `${config.file} is not valid JSON (${(err as Error).message})`);
                continue;
            }
        }
        checkSchema(ctx, schema, at, name);
        schemas[name] = schema;
    }
    return schemas;
}
