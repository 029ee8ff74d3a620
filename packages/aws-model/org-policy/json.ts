// Plain JSON values and the `$.a.b[0]` paths used to point into policy documents in messages.

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
    [key: string]: Json;
}

export type JsonPath = ReadonlyArray<string | number>;

export function isJsonObject(value: unknown): value is JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

const PLAIN_KEY = /^[A-Za-z_@$][A-Za-z0-9_@$-]*$/;

/** `$.plans.daily.copy_actions["arn:aws:backup:..."]`: dotted where the key allows it, bracketed otherwise. */
export function formatJsonPath(path: JsonPath): string {
    let out = "$";
    for (const segment of path) {
        if (typeof segment === "number") {
            out += `[${segment}]`;
        } else if (PLAIN_KEY.test(segment)) {
            out += `.${segment}`;
        } else {
            out += `[${JSON.stringify(segment)}]`;
        }
    }
    return out;
}

/** "a string", "a list", ...: how messages describe a value they did not expect. */
export function describeJson(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "an object";
    if (typeof value === "string") return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
    return `${typeof value === "number" ? "the number" : "the value"} ${String(value)}`;
}
