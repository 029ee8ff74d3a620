// Field paths over a resource's inputs (`rules[].copyActions[].destinationVaultArn`) and what
// Terraform would call "set" for the value found there.

import { UNKNOWN } from "../properties";

interface Segment {
    key: string;
    /** `key[]`: the value is a list; the rest of the path applies to each element. */
    each: boolean;
}

export function parsePath(path: string): Segment[] {
    return path.split(".").map((part) => (part.endsWith("[]") ? { key: part.slice(0, -2), each: true } : { key: part, each: false }));
}

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** A value reached by a path, with the concrete path (indices filled in) that reached it. */
export interface Located {
    path: string;
    value: unknown;
}

export function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Every value the path reaches from `root`. Walking stops, with `unknown` set, where a value on
 * the way is unknown during preview: what lies beyond cannot be judged yet.
 */
export function locate(root: unknown, path: string | Segment[], prefix = ""): { found: Located[]; unknown: boolean } {
    const segments = typeof path === "string" ? parsePath(path) : path;
    const found: Located[] = [];
    let unknown = false;
    const walk = (value: unknown, at: number, concrete: string) => {
        if (isUnknown(value)) {
            if (at === segments.length) found.push({ path: concrete, value });
            else unknown = true;
            return;
        }
        if (at === segments.length) {
            found.push({ path: concrete, value });
            return;
        }
        if (!isObject(value)) return;
        const { key, each } = segments[at];
        const next = value[key];
        const here = concrete ? `${concrete}.${key}` : key;
        if (!each || next === undefined || next === null || isUnknown(next)) {
            walk(next, at + 1, here);
            return;
        }
        if (!Array.isArray(next)) return;
        next.forEach((element, i) => walk(element, at + 1, `${here}[${i}]`));
    };
    walk(root, 0, prefix);
    return { found: found.filter((f) => f.value !== undefined && f.value !== null), unknown };
}

/**
 * How Terraform sees a configured value: `unknown` during preview; `empty` for an empty list, map
 * or string (set for some checks, not for others, depending on the provider SDK and the bridge:
 * rules treat it whichever way cannot refuse a valid configuration); `absent`; or `set`.
 */
export type Presence = "set" | "empty" | "absent" | "unknown";

export function presenceOf(value: unknown): Presence {
    if (isUnknown(value)) return "unknown";
    if (value === undefined || value === null) return "absent";
    if (Array.isArray(value)) return value.length === 0 ? "empty" : "set";
    if (isObject(value)) return Object.keys(value).length === 0 ? "empty" : "set";
    if (value === "") return "empty";
    return "set";
}

/** The presence of a field relative to an object: set if any value it reaches is set. */
export function presenceAt(root: unknown, path: string): Presence {
    const { found, unknown } = locate(root, path);
    const presences = found.map((f) => presenceOf(f.value));
    if (presences.includes("set")) return "set";
    if (unknown || presences.includes("unknown")) return "unknown";
    if (presences.includes("empty")) return "empty";
    return "absent";
}

/**
 * The objects a group of fields is judged in: the deepest path they share. `a[].b.x` and
 * `a[].b.y` are judged once per element of `a`.
 */
export function commonParent(paths: string[]): { parent: Segment[]; relative: string[] } {
    const split = paths.map(parsePath);
    const parent: Segment[] = [];
    for (let i = 0; ; i++) {
        const candidate = split[0][i];
        // The last segment of every path is the field itself, never part of the shared parent.
        if (!candidate || split.some((s) => i >= s.length - 1 || s[i].key !== candidate.key || s[i].each !== candidate.each)) break;
        parent.push(candidate);
    }
    const relative = split.map((s) =>
        s
            .slice(parent.length)
            .map((seg) => (seg.each ? `${seg.key}[]` : seg.key))
            .join("."),
    );
    return { parent, relative };
}

/** The path with list indices removed: `rules[2].ruleName` becomes `rules[].ruleName`. */
export function genericPath(path: string): string {
    return path.replace(/\[\d+\]/g, "[]");
}
