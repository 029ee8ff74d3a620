// The JSONPath subset `$input.json()` and `$input.path()` evaluate: `$`, `.name`, `['name']`,
// `[n]`, `[*]` and `.*`. Anything else (recursive descent, filters, slices, unions, negative
// indexes) is refused by name rather than guessed: API Gateway's engine (Jayway JsonPath)
// supports them, this one does not (docs/functions.md, "Mapping templates").

type Step = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "wildcard" };

export class UnsupportedJsonPath extends Error {
    constructor(expression: string, detail: string) {
        super(`JSONPath ${JSON.stringify(expression)}: ${detail} (supported: $, .name, ['name'], [n], [*] and .*)`);
        this.name = "UnsupportedJsonPath";
    }
}

function parseJsonPath(expression: string): Step[] {
    if (!expression.startsWith("$")) {
        throw new UnsupportedJsonPath(expression, "must start with $");
    }
    const steps: Step[] = [];
    let rest = expression.slice(1);
    while (rest.length > 0) {
        let m: RegExpExecArray | null;
        if (rest.startsWith("..")) {
            throw new UnsupportedJsonPath(expression, "recursive descent (..) is not supported");
        } else if ((m = /^\.([A-Za-z_$][\w$-]*)/.exec(rest))) {
            steps.push({ kind: "key", key: m[1] });
        } else if ((m = /^(\.\*|\[\*\])/.exec(rest))) {
            steps.push({ kind: "wildcard" });
        } else if ((m = /^\[(\d+)\]/.exec(rest))) {
            steps.push({ kind: "index", index: Number(m[1]) });
        } else if ((m = /^\['([^']*)'\]/.exec(rest)) || (m = /^\["([^"]*)"\]/.exec(rest))) {
            steps.push({ kind: "key", key: m[1] });
        } else {
            throw new UnsupportedJsonPath(expression, `cannot read ${JSON.stringify(rest)} (filters, slices, unions and negative indexes are not supported)`);
        }
        rest = rest.slice(m[0].length);
    }
    return steps;
}

/** Evaluates a JSONPath: one value (undefined when absent), or a list when the path has a wildcard. */
export function evaluateJsonPath(document: unknown, expression: string): unknown {
    const steps = parseJsonPath(expression);
    let matches: unknown[] = [document];
    for (const step of steps) {
        const next: unknown[] = [];
        for (const value of matches) {
            if (step.kind === "wildcard") {
                if (Array.isArray(value)) next.push(...value);
                else if (value !== null && typeof value === "object") next.push(...Object.values(value));
            } else if (step.kind === "index") {
                if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
            } else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, step.key)) {
                next.push((value as Record<string, unknown>)[step.key]);
            }
        }
        matches = next;
    }
    return steps.some((s) => s.kind === "wildcard") ? matches : matches[0];
}
