// JSON documents arrive as strings in resource inputs (an IAM policy, an OpenAPI body, a
// provider's structured settings). One parser, so every rule reports a bad document alike.

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, any> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses a JSON object given as a string, or passes an object through as it is. */
export function parseJsonObject(value: unknown, what: string): Parsed<Record<string, any>> {
    let parsed: unknown = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value);
        } catch (err) {
            return { ok: false, problem: `${what} is not valid JSON (${(err as Error).message})` };
        }
    }
    if (!isObject(parsed)) {
        return { ok: false, problem: `${what} must be a JSON object (got ${Array.isArray(parsed) ? "an array" : typeof parsed})` };
    }
    return { ok: true, value: parsed };
}

/** A string or a list of strings, as IAM and OpenAPI documents allow, as a list. */
export function stringList(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
    return [];
}
