// Request models. API Gateway validates bodies with JSON Schema draft 4, and reads models
// from the document's components.schemas (OpenAPI 3.0 Schema Objects); a model must be
// valid in both, so only the keywords the two share are accepted, less those API Gateway
// itself does not support or does not enforce. Its "important notes" for REST APIs
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html,
// OpenAPI import): "`exclusiveMinimum` is not supported by API Gateway", "The `default` keyword
// is not supported", "The `nullable` field is not supported", "The `example` tag is not
// supported", "The `discriminator` parameter is not supported", "The `readOnly` field is not
// supported", "Numbers of the `Int32` or `Int64` type are not supported", "Decimal number format
// type (`"format": "decimal"`) is not supported" — refused here; and "The `maxItems` and
// `minItems` tags are not included in simple request validation" — accepted, with a warning
// naming the routes whose bodies are then not checked against them.

import { isFileRef } from "../../config/api/files";
import { routeKey } from "../../config/api/http";
import { ConfigProblem, formatKeyPath } from "../../config/errors";
import type { KeyPath } from "../../config/problems";
import type { BuildContext } from "./context";

const SCHEMA_KEYWORDS = new Set([
    "title", "description", "type", "format", "enum",
    "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "maxLength", "minLength", "pattern",
    "items", "maxItems", "minItems", "uniqueItems",
    "properties", "additionalProperties", "required", "maxProperties", "minProperties",
    "allOf", "anyOf", "oneOf", "not",
]);
/** Keywords API Gateway's known-issues page says it does not support. */
const UNSUPPORTED: Record<string, string> = {
    exclusiveMinimum: "API Gateway does not support exclusiveMinimum; use minimum with the next allowed value",
    default: "API Gateway does not support default in models; apply defaults where the request is handled",
    nullable: "API Gateway does not support nullable",
    example: "API Gateway does not support example in models",
    discriminator: "API Gateway does not support discriminator",
    readOnly: "API Gateway does not support readOnly",
};
const UNSUPPORTED_FORMATS = new Set(["int32", "int64", "decimal"]);
/** Keywords API Gateway accepts but request validation does not check. */
const NOT_VALIDATED = new Set(["minItems", "maxItems"]);
const TYPES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);
const SUBSCHEMA_MAPS = new Set(["properties"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SUBSCHEMAS = new Set(["items", "not"]);

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Where a model relies on a keyword request validation ignores, for the warning. */
export interface IgnoredKeyword {
    at: KeyPath;
    keyword: string;
    model: string;
}

function checkSchema(ctx: BuildContext, schema: unknown, at: KeyPath, model: string, ignored: IgnoredKeyword[]): void {
    if (!isObject(schema)) {
        ctx.problems.add(at, `must be a JSON Schema object (model ${model})`);
        return;
    }
    for (const [keyword, value] of Object.entries(schema)) {
        const here = [...at, keyword];
        if (NOT_VALIDATED.has(keyword)) {
            ignored.push({ at: here, keyword, model });
        }
        if (keyword in UNSUPPORTED) {
            ctx.problems.add(here, `keyword is not supported in API Gateway models (${UNSUPPORTED[keyword]}; model ${model})`);
        } else if (keyword === "format" && typeof value === "string" && UNSUPPORTED_FORMATS.has(value)) {
            ctx.problems.add(here, `format ${value} is not supported in API Gateway models (use type integer or number without it; model ${model})`);
        } else if (!SCHEMA_KEYWORDS.has(keyword)) {
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
                for (const [name, sub] of Object.entries(value)) checkSchema(ctx, sub, [...here, name], model, ignored);
            }
        } else if (SUBSCHEMA_LISTS.has(keyword)) {
            if (!Array.isArray(value) || value.length === 0) {
                ctx.problems.add(here, `must be a non-empty list of schemas (model ${model})`);
            } else {
                value.forEach((sub, i) => checkSchema(ctx, sub, [...here, i], model, ignored));
            }
        } else if (SUBSCHEMAS.has(keyword) || (keyword === "additionalProperties" && typeof value !== "boolean")) {
            checkSchema(ctx, value, here, model, ignored);
        }
    }
}

/** components.schemas: every model, read from its file when it has one, checked; and where models rely on keywords validation ignores. */
export function buildModels(ctx: BuildContext): { schemas: Record<string, unknown>; ignored: IgnoredKeyword[] } {
    const schemas: Record<string, unknown> = {};
    const ignored: IgnoredKeyword[] = [];
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
        checkSchema(ctx, schema, at, name, ignored);
        schemas[name] = schema;
    }
    return { schemas, ignored };
}

/**
 * One warning per keyword request validation ignores in a model some route validates bodies
 * against: those routes accept bodies that break it, so whatever handles the request must check
 * it. A model no route uses validates nothing, so it gets none.
 */
export function ignoredKeywordWarnings(ctx: BuildContext, ignored: readonly IgnoredKeyword[]): ConfigProblem[] {
    return ignored.flatMap(({ at, keyword, model }) => {
        const routes = ctx.api.routes.filter((r) => r.requestBody?.model === model).map((r) => routeKey(r.method, r.path));
        if (routes.length === 0) return [];
        return [
            {
                path: formatKeyPath(at),
                message:
                    `${keyword} is not checked by API Gateway's request validation (maxItems and minItems "are not included in simple request validation"): ` +
                    `the routes of ${ctx.label} validated against it (${routes.join(", ")}) accept bodies that break it; enforce it where the request is handled`,
            },
        ];
    });
}
