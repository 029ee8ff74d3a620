// Handlers validate their environment once, at cold start, and refuse to run on a bad one:
// a misconfigured authorizer must fail closed, not guess.

export interface SettingProblem {
    /** Environment variable name. */
    key: string;
    message: string;
}

export class HandlerSettingsError extends Error {
    readonly problems: SettingProblem[];

    constructor(handler: string, problems: SettingProblem[]) {
        super(`Invalid ${handler} settings:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join("\n")}`);
        this.name = "HandlerSettingsError";
        this.problems = problems;
    }
}

/** The lists handlers take from JSON: strings, none of them empty. */
export function isStringList(v: unknown): v is string[] {
    return Array.isArray(v) && v.every((s) => typeof s === "string" && s !== "");
}

/** Reads environment variables, collecting every problem instead of stopping at the first. */
export class EnvReader {
    readonly problems: SettingProblem[] = [];

    constructor(private readonly env: Record<string, string | undefined>) {}

    problem(key: string, message: string): void {
        this.problems.push({ key, message });
    }

    string(key: string): string {
        const value = this.env[key];
        if (value === undefined || value.trim() === "") {
            this.problem(key, "is required");
            return "";
        }
        return value;
    }

    optionalString(key: string, fallback: string): string {
        const value = this.env[key];
        return value === undefined || value === "" ? fallback : value;
    }

    integer(key: string, fallback: number | undefined, min: number, max: number): number {
        const raw = this.env[key];
        if (raw === undefined || raw === "") {
            if (fallback === undefined) {
                this.problem(key, "is required");
                return NaN;
            }
            return fallback;
        }
        const value = Number(raw);
        if (!Number.isSafeInteger(value) || value < min || value > max) {
            this.problem(key, `must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
        }
        return value;
    }

    json(key: string): unknown {
        const raw = this.string(key);
        if (raw === "") {
            return undefined;
        }
        try {
            return JSON.parse(raw);
        } catch {
            this.problem(key, `must be JSON (got ${JSON.stringify(raw.slice(0, 40))})`);
            return undefined;
        }
    }

    stringList(key: string): string[] {
        const value = this.json(key);
        if (value === undefined) {
            return [];
        }
        if (!isStringList(value)) {
            this.problem(key, "must be a JSON list of non-empty strings");
            return [];
        }
        return value;
    }

    /** A list that may be left unset, but not set to nothing: `emptyMessage` says what it must hold. */
    nonEmptyStringList(key: string, emptyMessage: string): string[] {
        const list = this.stringList(key);
        if (this.env[key] !== undefined && list.length === 0) {
            this.problem(key, emptyMessage);
        }
        return list;
    }

    done<T>(handler: string, settings: T): T {
        if (this.problems.length > 0) {
            throw new HandlerSettingsError(handler, this.problems);
        }
        return settings;
    }
}
