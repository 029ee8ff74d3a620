// The JSON Schema of a stack file (Pulumi.<stack>.yaml), generated from the one zod schema,
// so editors can validate stack files as they are written.

import { z } from "zod";
import { CONFIG_NAMESPACE } from "./errors";
import { escapeRegex } from "../shared/regex";
import { regionSchema } from "./primitives";
import { secretOnlyKeys, stackConfigSchema } from "./schema";

type JsonSchema = Record<string, any>;

const secureValue: JsonSchema = {
    type: "object",
    properties: { secure: { type: "string", description: "Ciphertext written by `pulumi config set --secret`" } },
    required: ["secure"],
    additionalProperties: false,
};

/** Secret-only keys hold `secure:` ciphertext wherever the schema says string. */
function allowSecureStrings(schema: JsonSchema): JsonSchema {
    if (Array.isArray(schema)) {
        return schema.map(allowSecureStrings);
    }
    if (typeof schema !== "object" || schema === null) {
        return schema;
    }
    if (schema.type === "string") {
        return { anyOf: [schema, secureValue] };
    }
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, allowSecureStrings(v)]));
}

export function stackFileJsonSchema(): JsonSchema {
    const inner = z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const properties: Record<string, JsonSchema> = {
        "aws:region": z.toJSONSchema(regionSchema.describe("The region the stack deploys into; regional resources go there unless a key says otherwise.")) as JsonSchema,
    };
    delete properties["aws:region"].$schema;
    for (const [key, schema] of Object.entries(inner.properties ?? {})) {
        properties[`${CONFIG_NAMESPACE}:${key}`] = secretOnlyKeys.includes(key) ? allowSecureStrings(schema as JsonSchema) : (schema as JsonSchema);
    }
    const known = Object.keys(inner.properties ?? {}).map(escapeRegex).join("|");
    return {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        title: "gatevault stack file (Pulumi.<stack>.yaml)",
        type: "object",
        properties: {
            config: {
                type: "object",
                properties,
                required: ["aws:region", ...(inner.required ?? []).map((k: string) => `${CONFIG_NAMESPACE}:${k}`)],
                // Other namespaces (aws:, pulumi:) belong to their owners; unknown gatevault: keys are errors.
                patternProperties: { [`^${CONFIG_NAMESPACE}:(?!(${known})$)`]: false },
                additionalProperties: true,
            },
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
            encryptionsalt: { type: "string" },
        },
        required: ["config"],
        ...(inner.$defs ? { $defs: inner.$defs } : {}),
    };
}
