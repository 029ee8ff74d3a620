// The plan as a pull-request comment (`--format markdown`): verdict, what changes against the
// baseline (loud replacements and deletions first), the program error, violations, exemptions
// and warnings. GitHub refuses comments over 65,536 characters; the diff block is cut to fit.

import { changeLine, countsLine, diffLines, orderedChanges } from "./diff/render";
import type { DocumentViolation, PlanDocument } from "./document";

/** GitHub's limit on an issue or pull-request comment body, with room to spare. */
export const MAX_COMMENT = 65_000;

/** The first line of the comment; the workflow finds its earlier comment by it. */
export function commentMarker(stack: string): string {
    return `<!-- gatevault-offline-plan stack=${stack} -->`;
}

/** A table cell: one line, pipes escaped, no HTML. */
function cell(text: string, max = 200): string {
    const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
    const short = line.length > max ? `${line.slice(0, max - 1)}…` : line;
    return short.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const ticks = "`".repeat(longest + 1);
    return longest > 0 ? `${ticks} ${text} ${ticks}` : `\`${text}\``;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(language: string, lines: string[]): string[] {
    const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
    const fence = "`".repeat(Math.max(3, longest + 1));
    return [`${fence}${language}`, ...lines, fence];
}

function verdict(doc: PlanDocument): string {
    const s = doc.summary;
    if (doc.error) return doc.error.kind === "program" ? "💥 the program failed (exit 3)" : `⚠️ ${doc.error.kind} error (exit 2)`;
    if (s.mandatory > 0) return `❌ blocked by ${s.mandatory} mandatory violation${s.mandatory === 1 ? "" : "s"} (exit 1)`;
    return `✅ passes${s.advisory > 0 ? ` with ${s.advisory} advisory violation${s.advisory === 1 ? "" : "s"}` : ""}`;
}

/** Rows shown per violation table; a stack with more has bigger problems than a long comment. */
const MAX_ROWS = 100;
/** Resources named per rule in the summary table. */
const MAX_NAMES = 8;

const resourceName = (v: DocumentViolation) => (v.urn ? v.urn.slice(v.urn.lastIndexOf("::") + 2) : "(stack)");

/** One row per rule: how many violations (how many new since the baseline) and on which resources. */
function ruleCounts(violations: DocumentViolation[], isNew: (v: DocumentViolation) => boolean): string[] {
    const byRule = new Map<string, DocumentViolation[]>();
    for (const v of violations) byRule.set(v.policy, [...(byRule.get(v.policy) ?? []), v]);
    const rows = [...byRule].map(([rule, list]) => {
        const fresh = list.filter(isNew).length;
        const names = [...new Set(list.map(resourceName))];
        const shown = names.slice(0, MAX_NAMES).map(code).join(", ") + (names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : "");
        return `| ${code(rule)} | ${list.length}${fresh > 0 ? ` (${fresh} 🆕)` : ""} | ${shown} |`;
    });
    return ["| Rule | Violations | Resources |", "| --- | --- | --- |", ...rows];
}

function violationTable(violations: DocumentViolation[], isNew: (v: DocumentViolation) => boolean): string[] {
    const rows = violations.slice(0, MAX_ROWS).map((v) => `| ${isNew(v) ? "🆕 " : ""}${code(v.policy)} | ${code(resourceName(v))} | ${cell(v.message.split("\n").slice(1).join("\n") || v.message)} |`);
    const more = violations.length > MAX_ROWS ? ["", `… and ${violations.length - MAX_ROWS} more.`] : [];
    return ["| Rule | Resource | Problem |", "| --- | --- | --- |", ...rows, ...more];
}

/** A level's violations: counts per rule, then every violation in a collapsed table. */
function levelSection(title: string, violations: DocumentViolation[], isNew: (v: DocumentViolation) => boolean): string[] {
    if (violations.length === 0) return [];
    return ["", `#### ${title} (${violations.length})`, "", ...ruleCounts(violations, isNew), "", "<details><summary>Each violation</summary>", "", ...violationTable(violations, isNew), "", "</details>"];
}

function errorSection(doc: PlanDocument): string[] {
    const error = doc.error;
    if (!error) return [];
    const out = ["", "#### The plan stopped", ""];
    if (error.problems) {
        out.push("| Key | Problem |", "| --- | --- |", ...error.problems.map((p) => `| ${code(p.path)} | ${cell(p.message)} |`));
    } else if (error.providerRules) {
        out.push(
            "The AWS provider would refuse these registrations, as `pulumi preview` would:",
            "",
            "| Resource | Fields | Rule | Provider source |",
            "| --- | --- | --- | --- |",
            ...error.providerRules.map((r) => `| ${code(r.name)} (${code(r.type)}) | ${r.fields.map(code).join(", ")} | ${cell(r.message)} | ${code(r.file)} |`),
        );
    } else {
        out.push(...fenced("text", error.message.split("\n").slice(0, 40)));
    }
    return out;
}

function loudSection(doc: PlanDocument): string[] {
    const loud = doc.diff ? orderedChanges(doc.diff).filter((r) => r.loud) : [];
    if (loud.length === 0) return [];
    const lines = loud.map((r) => {
        const why = r.action === "replace" ? `: ${r.replaceReasons.join("; ")}` : "";
        return `> - **${r.action === "replace" ? "Replaces" : "Deletes"} ${r.loud}** ${code(r.name)} (${code(r.type)})${why}${r.protectedInBaseline ? " — protected, so the deployment fails until `protect` is lifted" : ""}`;
    });
    return ["", "> [!CAUTION]", "> This change replaces or deletes vaults, keys, locks or policies:", ...lines];
}

function exemptionSection(doc: PlanDocument): string[] {
    const exemptions = doc.exemptions ?? [];
    if (exemptions.length === 0) return [];
    const status = (e: (typeof exemptions)[number]) => {
        if (e.status === "expired") return `⛔ expired${e.violations.length ? `, ${e.violations.length} violation(s) fail again` : ""}`;
        if (e.resources.length === 0) return "⚠️ names no resource";
        return `active, ${e.violations.length} violation(s) exempted`;
    };
    return [
        "",
        `#### Exemptions (${exemptions.length})`,
        "",
        "| Policy | Resource | Expires | Status | Reason |",
        "| --- | --- | --- | --- | --- |",
        ...exemptions.map((e) => `| ${code(e.policy)} | ${code(e.resource.slice(e.resource.lastIndexOf("::") + (e.resource.includes("::") ? 2 : 0)))} | ${e.expires} | ${status(e)} | ${cell(e.reason)} |`),
    ];
}

function violationSections(doc: PlanDocument): string[] {
    const added = new Set(doc.diff?.violations.added ?? []);
    const isNew = (v: DocumentViolation) => doc.diff !== undefined && added.has(v);
    const out: string[] = [];
    const mandatory = doc.violations.filter((v) => v.enforcementLevel === "mandatory");
    const advisory = doc.violations.filter((v) => v.enforcementLevel !== "mandatory");
    out.push(...levelSection("Mandatory violations", mandatory, isNew), ...levelSection("Advisory violations", advisory, isNew));
    const resolved = doc.diff?.violations.resolved ?? [];
    if (resolved.length > 0) out.push("", `Resolved since the baseline: ${resolved.map((v) => `${code(v.policy)} on ${code(resourceName(v))}`).join(", ")}.`);
    return out;
}

export function renderMarkdown(doc: PlanDocument, opts: { baselineLabel?: string; maxLength?: number } = {}): string {
    const maxLength = opts.maxLength ?? MAX_COMMENT;
    const head = [commentMarker(doc.stack), `### Offline plan · ${code(doc.project || "?")} / ${code(doc.stack)} — ${verdict(doc)}`, ""];
    const s = doc.summary;
    const exemptions = doc.exemptions ?? [];
    head.push(
        `${s.resources} resources · ${s.mandatory} mandatory · ${s.advisory} advisory · ` +
            `${exemptions.filter((e) => e.status === "active").length} exemption(s) active, ${exemptions.filter((e) => e.status === "expired").length} expired`,
    );
    const diff = doc.diff;
    if (diff) {
        head.push("", `**Against ${opts.baselineLabel ?? "the baseline"}:** ${countsLine(diff)}.`);
        if (diff.baseline.error) head.push("", `_The baseline plan itself failed (${cell(diff.baseline.error, 160)}); resources it did not reach show as created._`);
    }
    head.push(...loudSection(doc), ...errorSection(doc));

    const tail = [...violationSections(doc), ...exemptionSection(doc)];
    if (doc.warnings.length > 0) tail.push("", `<details><summary>Warnings (${doc.warnings.length})</summary>`, "", ...doc.warnings.map((w) => `- ${cell(w, 400)}`), "", "</details>");
    if (diff && diff.orgBackupPolicies.length > 0) {
        tail.push("", "<details><summary>Effective organisation backup policy changes</summary>", "", ...fenced("diff", diff.orgBackupPolicies.map((c) => changeLine(c, 300))), "", "</details>");
    }

    const sections = [...head];
    if (diff) {
        const lines = diffLines(diff, { markFirst: true, createdInputs: true, maxFields: 60, maxValue: 240, expandLines: 80 });
        if (lines.length === 0) {
            sections.push("", "No resource changes.");
        } else {
            const open = diff.counts.replace + diff.counts.delete > 0 ? " open" : "";
            const frame = ["", `<details${open}><summary>Changes (${diff.resources.length} resource${diff.resources.length === 1 ? "" : "s"})</summary>`, ""];
            const close = ["", "</details>"];
            // What the diff block may take: the comment's limit minus everything else.
            const budget = maxLength - [...sections, ...frame, ...close, ...tail].join("\n").length - 400;
            const kept: string[] = [];
            let used = 0;
            for (const line of lines) {
                if (used + line.length + 1 > budget) break;
                kept.push(line);
                used += line.length + 1;
            }
            if (kept.length < lines.length) kept.push(`… ${lines.length - kept.length} more lines cut to fit a comment; run the plan with --baseline locally for all of them`);
            sections.push(...frame, ...fenced("diff", kept), ...close);
        }
    }
    sections.push(...tail);
    return `${sections.join("\n")}\n`;
}
