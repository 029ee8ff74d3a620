// The organisation-backup-policy section of the human-readable offline plan.

import type { TargetPreview } from "./preview";
import { describeCoverage } from "./stack-set/coverage";

function days(value: number | null): string {
    return value === null ? "kept indefinitely" : `${value} days`;
}

/** Lines for each OU and account; an effective policy identical to one already shown is referred to, not repeated. */
export function orgBackupPolicyLines(targets: readonly TargetPreview[]): string[] {
    const out = ["", "Organisation backup policies (effective, from this stack's policies only):"];
    const printed = new Map<string, string>();
    for (const t of targets) {
        const label = `${t.kind === "ou" ? "OU" : "account"} ${t.name} (${t.id})`;
        out.push(`  ${label}: ${t.path.join(" > ")}`);
        out.push(`    policies: ${t.policies.map((p) => `${p.policy} @ ${p.attachedTo}`).join(", ") || "none"}`);
        if (t.plans.length > 0) {
            out.push(`    minimum retention: ${days(t.minimumRetentionDays)} (${t.plans.map((p) => `${p.plan}: ${days(p.minimumRetentionDays)}`).join(", ")})`);
            const vaults = t.requirements.vaults.map((v) => `${v.name} in ${v.region}${v.account === "$account" ? "" : ` of ${v.account}`}`);
            out.push(`    needs: vaults ${vaults.join(", ") || "none"}; roles ${t.requirements.roles.join(", ") || "none"}`);
            out.push(`    provided by: ${describeCoverage(t.providedBy)}`);
        }
        t.problems.forEach((p) => out.push(`    problem: ${p}`));
        t.cancelled.forEach((c) => out.push(`    cancelled: ${c.operator} at ${c.path} by ${c.policy} @ ${c.attachedTo} (${c.reason})`));
        const json = JSON.stringify(t.effective, null, 2);
        const same = printed.get(json);
        if (same) {
            out.push(`    effective policy: same as ${same}`);
        } else {
            printed.set(json, label);
            out.push("    effective policy:", ...json.split("\n").map((line) => `      ${line}`));
        }
    }
    return out;
}
