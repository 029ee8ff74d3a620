// A structural diff of two JSON values, leaf by leaf, for plan reviews. Strings that hold JSON
// (an OpenAPI body, a policy document) are parsed and diffed as JSON, so one added route shows as
// that route, not as a new 40 kB string. Lists are aligned by longest common subsequence, so an
// element inserted in the middle shows as one insertion, not as every later element changed.
//
// Paths: `rules[0].ruleName`; `$` enters a JSON string: `body$.paths["/orders"].post`.

export type ChangeKind = "added" | "removed" | "changed";

export interface ValueChange {
    path: string;
    kind: ChangeKind;
    /** Absent for `added`. */
    before?: unknown;
    /** Absent for `removed`. */
    after?: unknown;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function keyPath(parent: string, key: string): string {
    if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
    return parent === "" ? key : `${parent}.${key}`;
}

/** Canonical JSON: object keys sorted, so equal values give equal text. */
export function canonical(value: unknown): string {
    return JSON.stringify(value, (_k, v) => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/** The parsed value when `text` is a JSON object or list; undefined otherwise. */
export function parseJsonContainer(text: string): unknown {
    const first = text.trimStart()[0];
    if (first !== "{" && first !== "[") return undefined;
    try {
        const parsed = JSON.parse(text);
        return typeof parsed === "object" && parsed !== null ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** Beyond this many element comparisons, lists are compared index by index. */
const MAX_ALIGNMENT = 250_000;

type Step = { op: "same"; i: number; j: number } | { op: "removed"; i: number } | { op: "added"; j: number };

/** The edit script from `a` to `b` by longest common subsequence of canonical texts. */
function align(a: unknown[], b: unknown[]): Step[] {
    const ka = a.map(canonical);
    const kb = b.map(canonical);
    if (a.length * b.length > MAX_ALIGNMENT) {
        const steps: Step[] = [];
        for (let k = 0; k < Math.max(a.length, b.length); k++) {
            if (k < a.length && k < b.length) steps.push(ka[k] === kb[k] ? { op: "same", i: k, j: k } : { op: "removed", i: k }, ...(ka[k] === kb[k] ? [] : [{ op: "added" as const, j: k }]));
            else if (k < a.length) steps.push({ op: "removed", i: k });
            else steps.push({ op: "added", j: k });
        }
        return steps;
    }
    // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
    const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            lcs[i][j] = ka[i] === kb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    const steps: Step[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && ka[i] === kb[j]) {
            steps.push({ op: "same", i: i++, j: j++ });
        } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
            steps.push({ op: "added", j: j++ });
        } else {
            steps.push({ op: "removed", i: i++ });
        }
    }
    return steps;
}

function diffLists(before: unknown[], after: unknown[], path: string, out: ValueChange[]): void {
    const steps = align(before, after);
    let removed: number[] = [];
    let added: number[] = [];
    // Between two unchanged elements, removals and insertions pair up as changed elements (diffed
    // further); the rest are removals or insertions.
    const flush = () => {
        const paired = Math.min(removed.length, added.length);
        for (let k = 0; k < paired; k++) diffInto(before[removed[k]], after[added[k]], `${path}[${added[k]}]`, out);
        for (const i of removed.slice(paired)) out.push({ path: `${path}[${i}]`, kind: "removed", before: before[i] });
        for (const j of added.slice(paired)) out.push({ path: `${path}[${j}]`, kind: "added", after: after[j] });
        removed = [];
        added = [];
    };
    for (const step of steps) {
        if (step.op === "same") flush();
        else if (step.op === "removed") removed.push(step.i);
        else added.push(step.j);
    }
    flush();
}

function diffInto(before: unknown, after: unknown, path: string, out: ValueChange[]): void {
    if (before === after) return;
    if (typeof before === "string" && typeof after === "string") {
        const a = parseJsonContainer(before);
        const b = a === undefined ? undefined : parseJsonContainer(after);
        if (a !== undefined && b !== undefined) {
            diffInto(a, b, `${path}$`, out);
            return;
        }
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        diffLists(before, after, path, out);
        return;
    }
    if (isObject(before) && isObject(after)) {
        for (const key of Object.keys(before)) {
            const at = keyPath(path, key);
            if (!(key in after) || after[key] === undefined) {
                if (before[key] !== undefined) out.push({ path: at, kind: "removed", before: before[key] });
            } else {
                diffInto(before[key], after[key], at, out);
            }
        }
        for (const key of Object.keys(after)) {
            if ((!(key in before) || before[key] === undefined) && after[key] !== undefined) {
                out.push({ path: keyPath(path, key), kind: "added", after: after[key] });
            }
        }
        return;
    }
    if (canonical(before) === canonical(after)) return;
    out.push({ path, kind: "changed", before, after });
}

/** Every difference from `before` to `after`, deepest first-found order; empty when equal. */
export function diffValues(before: unknown, after: unknown, path = ""): ValueChange[] {
    const out: ValueChange[] = [];
    diffInto(before, after, path, out);
    return out;
}

/** The input field a change path starts with: `body$.paths…` and `rules[0].x` give `body`, `rules`. */
export function topField(path: string): string {
    return path.split(/[.[$]/, 1)[0];
}

/** The path with list indices as `[]` and no JSON part: how rule tables name fields. */
export function fieldPath(path: string): string {
    const beforeJson = path.split("$", 1)[0];
    return beforeJson.replace(/\[\d+\]/g, "[]").replace(/\["([^"]*)"\]/g, ".$1");
}
