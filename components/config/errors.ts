// Turns zod issues into the messages a platform engineer reads in a failed plan:
// one line per problem, each starting with the stack-file key path.

import type { core } from "zod";

export const CONFIG_NAMESPACE = "gatevault";

export interface ConfigProblem {
    /** Stack-file key path, e.g. `gatevault:apis[0].throttle.burstLimit`. */
    path: string;
    /** What is wrong and what is expected. */
    message: string;
}

/**
 * Thrown before any resource is registered when the stack config is invalid.
 * Carries every problem found, not just the first.
 */
export class ConfigValidationError extends Error {
    readonly problems: ConfigProblem[];

    constructor(problems: ConfigProblem[]) {
        const lines = problems.map((p) => `  ${p.path}: ${p.message}`);
        const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
        super(`Invalid stack config (${count}):\n${lines.join("\n")}`);
        this.name = "ConfigValidationError";
        this.problems = problems;
    }
}

/** `name` survives module duplication (tsx and ts-node can load two copies); `instanceof` does not. */
export function isConfigValidationError(err: unknown): err is ConfigValidationError {
    return err instanceof Error && err.name === "ConfigValidationError" && Array.isArray((err as ConfigValidationError).problems);
}

export function formatKeyPath(path: ReadonlyArray<PropertyKey>, namespace = CONFIG_NAMESPACE): string {
    if (path.length === 0) {
        return `${namespace}:`;
    }
    let out = "";
    for (const [i, segment] of path.entries()) {
        if (i === 0) {
            out = `${namespace}:${String(segment)}`;
        } else if (typeof segment === "number") {
            out += `[${segment}]`;
        } else {
            out += `.${String(segment)}`;
        }
    }
    return out;
}

function describeValue(value: unknown): string {
    if (value === undefined) {
        return "nothing";
    }
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "object") {
        return "an object";
    }
    if (typeof value === "string") {
        return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    }
    return String(value);
}

function article(typeName: string): string {
    const named: Record<string, string> = {
        object: "an object",
        array: "a list",
        string: "a string",
        number: "a number",
        int: "a whole number",
        boolean: "true or false",
    };
    return named[typeName] ?? typeName;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, low: boolean): string {
    const limit = String(low ? issue.minimum : issue.maximum);
    const op = low ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
    switch (issue.origin) {
        case "string":
            return low ? `must be at least ${limit} characters long` : `must be at most ${limit} characters long`;
        case "array":
        case "set":
            return low ? `must have at least ${limit} entries` : `must have at most ${limit} entries`;
        default:
            return `must be ${op} ${limit}`;
    }
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

export function suggestKey(unknownKey: string, knownKeys: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of knownKeys) {
        const distance = editDistance(unknownKey, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(unknownKey.length / 3)) ? best : undefined;
}

/**
 * One problem per zod issue (and per unknown key). `knownKeysAt` answers which keys
 * the schema allows at a path, for unknown-key hints.
 */
export function problemsFromIssues(
    issues: readonly core.$ZodIssue[],
    knownKeysAt: (path: ReadonlyArray<PropertyKey>) => readonly string[],
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const issue of issues) {
        const input = (issue as { input?: unknown }).input;
        switch (issue.code) {
            case "unrecognized_keys": {
                const known = knownKeysAt(issue.path);
                for (const key of issue.keys) {
                    const hint = suggestKey(key, known);
                    const expected = known.length > 0 ? `allowed keys: ${known.join(", ")}` : "no keys are allowed here";
                    problems.push({
                        path: formatKeyPath([...issue.path, key]),
                        message: hint ? `unknown key (did you mean "${hint}"?)` : `unknown key (${expected})`,
                    });
                }
                break;
            }
            case "invalid_type":
                problems.push({
                    path: formatKeyPath(issue.path),
                    message:
                        input === undefined
                            ? `is required (expected ${article(issue.expected)})`
                            : `must be ${article(issue.expected)} (got ${describeValue(input)})`,
                });
                break;
            case "too_small":
                problems.push({ path: formatKeyPath(issue.path), message: `${bound(issue, true)} (got ${describeValue(input)})` });
                break;
            case "too_big":
                problems.push({ path: formatKeyPath(issue.path), message: `${bound(issue, false)} (got ${describeValue(input)})` });
                break;
            case "invalid_value": {
                const choices = issue.values.map((v) => JSON.stringify(v)).join(", ");
                problems.push({
                    path: formatKeyPath(issue.path),
                    message: input === undefined ? `is required (one of ${choices})` : `must be one of ${choices} (got ${describeValue(input)})`,
                });
                break;
            }
            case "invalid_key": {
                // A record key failed its own schema; report the key's problem at the key.
                const inner = issue.issues.map((i) => i.message).filter((m) => m && !m.startsWith("Invalid"));
                problems.push({
                    path: formatKeyPath(issue.path),
                    message: inner.length > 0 ? inner.join("; ") : "is not an allowed key",
                });
                break;
            }
            case "not_multiple_of":
                problems.push({
                    path: formatKeyPath(issue.path),
                    message: `must be a multiple of ${String(issue.divisor)} (got ${describeValue(input)})`,
                });
                break;
            default:
                // Custom refinements and format checks carry their own wording; zod's generic
                // "Invalid input" is replaced with something that names the value.
                if (!issue.message || issue.message.startsWith("Invalid")) {
                    problems.push({ path: formatKeyPath(issue.path), message: `is not valid (got ${describeValue(input)})` });
                } else {
                    const got = issue.message.includes("(got ") || input === undefined ? "" : ` (got ${describeValue(input)})`;
                    problems.push({ path: formatKeyPath(issue.path), message: `${issue.message}${got}` });
                }
        }
    }
    return problems;
}
