// A plan diff as lines of text: the human plan's "Changes" section and the body of the markdown
// comment's ```diff block. Each resource line starts with + (create), - (delete), ~ (update) or
// ! (replace); its fields follow, indented, with the same marks.

import type { PlanDiff, ResourceAction, ResourceChange } from "../document";
import type { ValueChange } from "./structural";

const MARK: Record<ResourceAction, string> = { create: "+", delete: "-", update: "~", replace: "!" };
const ORDER: ResourceAction[] = ["replace", "delete", "update", "create"];

/** One line of JSON, shortened to `max` characters. */
export function valueText(value: unknown, max = 160): string {
    const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "undefined");
    return text.length > max ? `${text.slice(0, max - 1)}… (${text.length} chars)` : text;
}

export function changeLine(change: ValueChange, max = 160): string {
    switch (change.kind) {
        case "added":
            return `+ ${change.path}: ${valueText(change.after, max)}`;
        case "removed":
            return `- ${change.path}: ${valueText(change.before, max)}`;
        default:
            return `~ ${change.path}: ${valueText(change.before, max)} → ${valueText(change.after, max)}`;
    }
}

export function countsLine(diff: PlanDiff): string {
    const c = diff.counts;
    return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c.unchanged} unchanged`;
}

/** Loud changes first, then replacements, deletions, updates, creations; in plan order within each. */
export function orderedChanges(diff: PlanDiff): ResourceChange[] {
    const rank = (r: ResourceChange) => (r.loud ? 0 : 1) * 10 + ORDER.indexOf(r.action);
    return diff.resources.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map(({ r }) => r);
}

export interface ChangeLinesOptions {
    /** Field lines shown per resource; the rest are counted. */
    maxFields?: number;
    maxValue?: number;
    /** Show the inputs of created resources (they are all new). */
    createdInputs?: boolean;
    /** Field lines start with their mark (for ```diff blocks, which colour by first character). */
    markFirst?: boolean;
    /** Added or removed objects too long for one line are shown pretty-printed, up to this many lines. */
    expandLines?: number;
}

/** An added or removed object as indented JSON lines under its path, or undefined when it fits a line. */
function expanded(change: ValueChange, maxValue: number, maxLines: number): string[] | undefined {
    if (change.kind === "changed" || maxLines <= 0) return undefined;
    const value = change.kind === "added" ? change.after : change.before;
    if (typeof value !== "object" || value === null || valueText(value, Number.MAX_SAFE_INTEGER).length <= maxValue) return undefined;
    const mark = change.kind === "added" ? "+" : "-";
    const body = JSON.stringify(value, null, 2).split("\n");
    const shown = body.slice(0, maxLines).map((l) => `${mark}   ${l}`);
    if (body.length > maxLines) shown.push(`${mark}   … ${body.length - maxLines} more lines`);
    return [`${mark} ${change.path}:`, ...shown];
}

export function resourceChangeLines(r: ResourceChange, opts: ChangeLinesOptions = {}): string[] {
    const { maxFields = 40, maxValue = 160, createdInputs = false, markFirst = false, expandLines = 0 } = opts;
    const field = (line: string) => (markFirst ? `${line[0]}     ${line.slice(2)}` : `    ${line}`);
    const notes = [r.loud ? r.loud : "", r.protectedInBaseline && (r.action === "replace" || r.action === "delete") ? "protected: fails until protect is lifted" : ""].filter(Boolean);
    const lines = [`${MARK[r.action]} ${r.action.padEnd(7)} ${r.type}  ${r.name}${notes.length ? `  [${notes.join("; ")}]` : ""}`];
    for (const reason of r.replaceReasons) lines.push(`      because ${reason}`);
    const fields = r.action === "create" && !createdInputs ? [] : r.changes;
    for (const change of fields.slice(0, maxFields)) {
        lines.push(...(expanded(change, maxValue, expandLines) ?? [changeLine(change, maxValue)]).map(field));
    }
    if (fields.length > maxFields) lines.push(`    … ${fields.length - maxFields} more field change(s)`);
    return lines;
}

export function diffLines(diff: PlanDiff, opts: ChangeLinesOptions = {}): string[] {
    return orderedChanges(diff).flatMap((r) => resourceChangeLines(r, opts));
}
