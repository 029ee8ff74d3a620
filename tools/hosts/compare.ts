// Compares the offline plan with the run through Pulumi's own hosts: the same resources (type,
// name, parent, provider, inputs as the analyzer receives them), the same violations (policy,
// URN, enforcement level, message) and the same warnings logged by the program. Pure: tests feed
// it edited results to prove it notices.

import { isDeepStrictEqual } from "node:util";
import type { Violation } from "../plan/evaluate";

export interface ComparedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** `urn::id` of the explicit provider. */
    provider?: string;
    /** In the wire form the analyzer receives (tools/hosts/analyzer-inputs.ts). */
    inputs: Record<string, unknown>;
}

export type ComparedViolation = Pick<Violation, "policy" | "urn" | "enforcementLevel" | "message">;

export interface ComparedRun {
    resources: ComparedResource[];
    violations: ComparedViolation[];
    /** What the program logged at warning level (`pulumi.log.warn`), which `pulumi preview` prints. */
    warnings: string[];
}

export interface Comparison {
    identical: boolean;
    resources: number;
    violations: number;
    differences: string[];
}

const SIDES = ["offline plan", "Pulumi's hosts"] as const;

/** The first path where two values differ, with both values. */
function firstDifference(a: unknown, b: unknown, at = ""): { path: string; a: unknown; b: unknown } | undefined {
    if (isDeepStrictEqual(a, b)) return undefined;
    const bothObjects = typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b);
    if (!bothObjects) return { path: at || "(whole value)", a, b };
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
        const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(a) ? `${at}[${key}]` : at ? `${at}.${key}` : key);
        if (found) return found;
    }
    return { path: at || "(whole value)", a, b };
}

const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));

function compareResources(offline: ComparedResource[], hosts: ComparedResource[], out: string[]): void {
    const byUrn = new Map(hosts.map((r) => [r.urn, r]));
    for (const a of offline) {
        const b = byUrn.get(a.urn);
        if (!b) {
            out.push(`resource ${a.urn}: only in the ${SIDES[0]}`);
            continue;
        }
        byUrn.delete(a.urn);
        for (const field of ["type", "name", "parent", "provider"] as const) {
            if (a[field] !== b[field]) out.push(`resource ${a.urn}: ${field} ${show(a[field])} in the ${SIDES[0]}, ${show(b[field])} through ${SIDES[1]}`);
        }
        const diff = firstDifference(a.inputs, b.inputs);
        if (diff) out.push(`resource ${a.urn}: input ${diff.path} is ${show(diff.a)} in the ${SIDES[0]}, ${show(diff.b)} through ${SIDES[1]}`);
    }
    for (const b of byUrn.values()) out.push(`resource ${b.urn}: only through ${SIDES[1]}`);
}

/** Reports what one list has more of than the other, counting repeats. */
function compareCounted<T>(what: string, offline: T[], hosts: T[], key: (x: T) => string, describe: (x: T) => string, out: string[]): void {
    const remaining = new Map<string, T[]>();
    for (const x of hosts) remaining.set(key(x), [...(remaining.get(key(x)) ?? []), x]);
    for (const x of offline) {
        const same = remaining.get(key(x));
        if (same?.length) same.pop();
        else out.push(`${what} only in the ${SIDES[0]}: ${describe(x)}`);
    }
    for (const left of remaining.values()) for (const x of left) out.push(`${what} only through ${SIDES[1]}: ${describe(x)}`);
}

const violationKey = (v: ComparedViolation) => JSON.stringify([v.policy, v.urn ?? "", v.enforcementLevel, v.message]);
const describeViolation = (v: ComparedViolation) => `${v.enforcementLevel} ${v.policy} on ${v.urn ?? "(no URN)"}: ${JSON.stringify(v.message)}`;

export function compareRuns(offline: ComparedRun, hosts: ComparedRun): Comparison {
    const differences: string[] = [];
    compareResources(offline.resources, hosts.resources, differences);
    compareCounted("violation", offline.violations, hosts.violations, violationKey, describeViolation, differences);
    compareCounted("warning", offline.warnings, hosts.warnings, (w) => w, (w) => JSON.stringify(w), differences);
    return { identical: differences.length === 0, resources: offline.resources.length, violations: offline.violations.length, differences };
}

export function renderComparison(c: Comparison): string {
    if (c.identical) return `identical: ${c.resources} resources, ${c.violations} violations`;
    return [...c.differences, `differences: ${c.differences.length}`].join("\n");
}
