// Human and JSON renderings of a plan result.

import { orgBackupPolicyLines } from "../../components/backup/org-policy/preview-text";
import { countsLine, diffLines } from "./diff/render";
import { planDocument, type PlanDiff } from "./document";
import type { ExemptionReport } from "./exemptions";
import type { PlannedResource, PlanResult } from "./index";
import { ROOT_STACK_TYPE } from "./index";

const MAX_VALUE = 100;

function shorten(value: unknown): string {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (text === undefined) {
        return "undefined";
    }
    const flat = text.replace(/\s+/g, " ");
    return flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}… (${text.length} chars)` : flat;
}

function tree(resources: PlannedResource[], showInputs: boolean): string[] {
    const children = new Map<string | undefined, PlannedResource[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const parent = r.parent && urns.has(r.parent) ? r.parent : undefined;
        const list = children.get(parent) ?? [];
        list.push(r);
        children.set(parent, list);
    }
    const lines: string[] = [];
    const walk = (r: PlannedResource, prefix: string, last: boolean, top: boolean) => {
        const branch = top ? "" : last ? "└─ " : "├─ ";
        const flags = [r.record.options.protect ? "protect" : "", r.record.options.retainOnDelete ? "retain-on-delete" : "", r.record.read ? "read" : ""]
            .filter(Boolean)
            .join(", ");
        lines.push(`${prefix}${branch}${r.type}  ${r.name}${flags ? `  [${flags}]` : ""}`);
        const childPrefix = top ? prefix : prefix + (last ? "   " : "│  ");
        if (showInputs) {
            for (const [key, value] of Object.entries(r.inputs)) {
                lines.push(`${childPrefix}    ${key}: ${shorten(value)}`);
            }
        }
        const kids = children.get(r.urn) ?? [];
        kids.forEach((kid, i) => walk(kid, childPrefix, i === kids.length - 1, false));
    };
    const roots = children.get(undefined) ?? [];
    roots.forEach((r, i) => walk(r, "  ", i === roots.length - 1, r.type === ROOT_STACK_TYPE || roots.length === 1));
    return lines;
}

function indent(text: string, by: string): string {
    return text
        .split("\n")
        .map((l) => by + l)
        .join("\n");
}

/** One line per exemption, and what it did in this plan. */
export function exemptionLines(exemptions: readonly ExemptionReport[]): string[] {
    const lines: string[] = [];
    for (const e of exemptions) {
        const when = e.status === "active" ? `active until ${e.expires}` : `EXPIRED on ${e.expires}`;
        lines.push(`  [${e.policy}] ${e.resource} — ${when}: ${e.reason}`);
        if (e.enforcementLevel === "disabled") {
            lines.push("      the rule is disabled on this stack");
        } else if (e.resources.length === 0) {
            lines.push("      names no resource in this plan: remove it, or correct the URN or name");
        } else if (e.violations.length > 0) {
            const what = e.status === "active" ? "exempted" : "reported again (the exemption has expired)";
            lines.push(`      ${e.violations.length} violation(s) ${what}`);
        } else {
            lines.push(`      the rule finds nothing to exempt on ${e.resources.length === 1 ? "it" : `these ${e.resources.length} resources`}: the exemption can go`);
        }
    }
    return lines;
}

export interface HumanOptions {
    showInputs?: boolean;
    /** With `--baseline`: the changes from the baseline plan. */
    diff?: PlanDiff;
}

export function renderHuman(result: PlanResult, opts: HumanOptions = {}): string {
    const out: string[] = [];
    const where = [result.region, result.accountId ? `account ${result.accountId}` : undefined].filter(Boolean).join(", ");
    out.push(`Offline plan: ${result.project || "?"} / ${result.stack}${where ? ` (${where})` : ""}`);

    if (result.error) {
        out.push("");
        if (result.error.problems) {
            out.push(`Invalid stack config (${result.error.problems.length} problem${result.error.problems.length === 1 ? "" : "s"}):`);
            for (const p of result.error.problems) {
                out.push(`  ${p.path}: ${p.message}`);
            }
        } else {
            out.push(`error: ${result.error.message}`);
        }
    }

    if (result.resources.length > 0) {
        out.push("", `Resources (${result.summary.resources}):`, ...tree(result.resources, opts.showInputs ?? false));
    }

    if (result.outputs && Object.keys(result.outputs).length > 0) {
        out.push("", "Outputs:");
        for (const [k, v] of Object.entries(result.outputs)) {
            out.push(`  ${k}: ${shorten(v)}`);
        }
    }

    if (result.warnings.length > 0) {
        out.push("", `Warnings (${result.warnings.length}):`);
        for (const w of result.warnings) {
            out.push(indent(w, "  "));
        }
    }
    if (result.orgBackupPolicies) {
        out.push(...orgBackupPolicyLines(result.orgBackupPolicies));
    }

    if (result.exemptions.length > 0) {
        out.push("", `Exemptions (${result.exemptions.length}):`, ...exemptionLines(result.exemptions));
    }

    if (opts.diff) {
        out.push("", `Changes against the baseline (${countsLine(opts.diff)}):`);
        const lines = diffLines(opts.diff);
        out.push(...(lines.length > 0 ? lines.map((l) => `  ${l}`) : ["  no changes"]));
    }

    if (result.violations.length > 0) {
        for (const level of ["mandatory", "advisory"] as const) {
            const group = result.violations.filter((v) => v.enforcementLevel === level);
            if (group.length === 0) continue;
            out.push("", `${level === "mandatory" ? "Mandatory" : "Advisory"} violations (${group.length}):`);
            for (const v of group) {
                out.push(`  [${v.policy}]${v.severity ? ` (${v.severity})` : ""} ${v.urn ?? "(stack)"}`);
                out.push(indent(v.message, "      "));
                if (v.remediation) out.push(indent(`remediation: ${v.remediation}`, "      "));
                if (v.controls?.length) out.push(`      controls: ${v.controls.join(", ")}`);
            }
        }
    }

    const s = result.summary;
    const status = result.error ? (result.error.kind === "program" ? "program failed" : `${result.error.kind} error`) : s.mandatory > 0 ? "blocked" : "ok";
    out.push(
        "",
        `Summary: ${s.resources} resource${s.resources === 1 ? "" : "s"}, ${s.mandatory} mandatory, ${s.advisory} advisory violation${s.advisory === 1 ? "" : "s"}` +
            `${result.policyConfigFile ? ` (policy config ${result.policyConfigFile})` : ""} — ${status}`,
    );
    return out.join("\n");
}

export function renderJson(result: PlanResult): string {
    return JSON.stringify(planDocument(result), null, 2);
}
