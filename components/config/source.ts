// Reads raw config the way the Pulumi engine hands it to a program: a flat map of
// `namespace:key` to strings (objects arrive JSON-encoded), plus the keys that were secret.

import * as pulumi from "@pulumi/pulumi";

export interface ConfigSource {
    values: Readonly<Record<string, string>>;
    secretKeys: ReadonlySet<string>;
}

// `isConfigSecret` is exported by the SDK's config module but left out of its type
// declarations; it is the only synchronous way to learn whether a key was encrypted.
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };

export function readConfigSource(): ConfigSource {
    const values = pulumi.runtime.allConfig();
    if (typeof runtimeConfig.isConfigSecret !== "function") {
        throw new Error("@pulumi/pulumi no longer exposes runtime isConfigSecret; gatevault cannot tell secret config apart");
    }
    const secretKeys = new Set(Object.keys(values).filter((k) => runtimeConfig.isConfigSecret!(k)));
    return { values, secretKeys };
}

export type DecodedValue = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Objects and lists arrive as JSON text; everything else stays the string the engine
 * passed, so that a quoted account id is never turned into a number.
 */
export function decodeConfigValue(raw: string): DecodedValue {
    const trimmed = raw.trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
            return { ok: true, value: JSON.parse(raw) };
        } catch (err) {
            return { ok: false, error: `is not valid JSON (${(err as Error).message})` };
        }
    }
    return { ok: true, value: raw };
}
