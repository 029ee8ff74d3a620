// Checks that need the whole `gatevault:backup` object: names unique across plans, tiers that
// exist, copy destinations that this stack creates, retentions inside the destination
// vault's lock (or AWS fails the job), and audit controls whose defaults come from elsewhere.

import type { BackupConfig, VaultLockConfig } from "../../config/backup";
import { describeCopyTarget, effectiveRule } from "../presets";
import { retentionUnderLock } from "./lock-problems";
import { PathProblem, ruleLabel } from "./problem";

function tierProblems(backup: BackupConfig): PathProblem[] {
    const out: PathProblem[] = [];
    const { values, optOut } = backup.tierTag;
    values.forEach((v, i) => {
        if (values.indexOf(v) !== i) out.push({ path: ["tierTag", "values", i], message: `lists "${v}" twice` });
    });
    if (!values.includes(optOut)) {
        out.push({ path: ["tierTag", "optOut"], message: `must be one of tierTag.values (${values.join(", ")}) (got "${optOut}")` });
    }
    backup.plans.forEach((plan, i) => {
        plan.selection.tiers.forEach((tier, k) => {
            const path = ["plans", i, "selection", "tiers", k];
            if (tier === optOut) {
                out.push({ path, message: `plan "${plan.name}": "${tier}" is the opt-out tier (tierTag.optOut); resources tagged ${backup.tierTag.key}=${tier} are never backed up` });
            } else if (!values.includes(tier)) {
                out.push({ path, message: `plan "${plan.name}": must be one of tierTag.values (${values.join(", ")}) (got "${tier}")` });
            }
        });
    });
    return out;
}

/** The lock of the vault a copy lands in, when this stack creates that vault. */
function destinationLock(backup: BackupConfig, target: ReturnType<typeof effectiveRule>["copyTo"][number]["target"]): { lock?: VaultLockConfig; vault: string } | undefined {
    if (target.kind === "region") {
        const copyRegion = backup.copyRegions.find((c) => c.region === target.region);
        return copyRegion ? { lock: copyRegion.lock ?? backup.vault.lock, vault: copyRegion.vaultName ?? backup.vault.name } : undefined;
    }
    if (target.kind === "central") {
        return backup.centralVault ? { lock: backup.centralVault.lock, vault: backup.centralVault.name } : undefined;
    }
    return undefined;
}

function ruleReferenceProblems(backup: BackupConfig): PathProblem[] {
    const out: PathProblem[] = [];
    const regions = backup.copyRegions.map((c) => c.region);
    backup.plans.forEach((plan, i) => {
        plan.rules.forEach((raw, j) => {
            const rule = effectiveRule(raw);
            const label = ruleLabel(plan.name, rule.name);
            const base = ["plans", i, "rules", j];
            if (backup.vault.lock) {
                const problem = retentionUnderLock(rule.lifecycle.deleteAfterDays, backup.vault.lock);
                if (problem) out.push({ path: [...base, "lifecycle", "deleteAfterDays"], message: `${label}: ${problem} (vault "${backup.vault.name}")` });
            }
            rule.copyTo.forEach((copy, k) => {
                const where = describeCopyTarget(copy.target);
                if (copy.target.kind === "region" && !regions.includes(copy.target.region)) {
                    out.push({
                        path: [...base, "copyTo", k, "region"],
                        message: `${label}: must be one of copyRegions (${regions.join(", ") || "none configured"}), where this stack creates the destination vault (got ${copy.target.region})`,
                    });
                }
                if (copy.target.kind === "central" && !backup.centralVault) {
                    out.push({ path: [...base, "copyTo", k, "central"], message: `${label}: needs centralVault to be configured` });
                }
                const destination = destinationLock(backup, copy.target);
                const problem = destination?.lock && retentionUnderLock(copy.lifecycle.deleteAfterDays, destination.lock);
                if (problem) {
                    out.push({ path: [...base, "copyTo", k, "lifecycle", "deleteAfterDays"], message: `${label} copy to ${where}: ${problem} (vault "${destination.vault}")` });
                }
            });
        });
    });
    return out;
}

function auditProblems(backup: BackupConfig): PathProblem[] {
    const audit = backup.audit;
    if (!audit) return [];
    const out: PathProblem[] = [];
    const controls = ["audit", "controls"];
    const { crossRegion, crossAccount, vaultLock } = audit.controls;
    if (crossRegion && !crossRegion.regions && backup.copyRegions.length === 0) {
        out.push({ path: [...controls, "crossRegion", "regions"], message: "is required: there are no copyRegions to default to" });
    }
    if (crossAccount && !crossAccount.accounts && !backup.centralVault) {
        out.push({ path: [...controls, "crossAccount", "accounts"], message: "is required: there is no centralVault to default to" });
    }
    if (vaultLock) {
        const min = vaultLock.minRetentionDays ?? backup.vault.lock?.minRetentionDays;
        const max = vaultLock.maxRetentionDays ?? backup.vault.lock?.maxRetentionDays;
        if (min === undefined || max === undefined) {
            out.push({ path: [...controls, "vaultLock"], message: "needs minRetentionDays and maxRetentionDays: the primary vault has no lock to default to" });
        } else if (max < min) {
            out.push({ path: [...controls, "vaultLock", "maxRetentionDays"], message: `must be >= minRetentionDays (got ${max} < ${min})` });
        }
    }
    const coverage = audit.controls.resourcesProtectedByPlan;
    const tiers = [...new Set(backup.plans.flatMap((p) => p.selection.tiers))];
    if (coverage && !coverage.resourceTypes && !coverage.tag && tiers.length > 1) {
        out.push({
            path: [...controls, "resourcesProtectedByPlan"],
            message:
                `needs tag or resourceTypes: the plans select several tiers (${tiers.join(", ")}), and AWS scopes this control by one tag; unscoped, ` +
                `it would report every resource tagged ${backup.tierTag.key}=${backup.tierTag.optOut} as unprotected`,
        });
    }
    audit.reports.templates.forEach((t, i) => {
        if (audit.reports.templates.indexOf(t) !== i) out.push({ path: ["audit", "reports", "templates", i], message: `lists ${t} twice` });
    });
    return out;
}

export function referenceProblems(backup: BackupConfig): PathProblem[] {
    const out: PathProblem[] = [];
    const names = new Map<string, number>();
    backup.plans.forEach((plan, i) => {
        const first = names.get(plan.name.toLowerCase());
        if (first !== undefined) {
            out.push({ path: ["plans", i, "name"], message: `duplicates the name of plans[${first}] ("${plan.name}"); plan names are unique in an account and region` });
        } else {
            names.set(plan.name.toLowerCase(), i);
        }
    });
    backup.copyRegions.forEach((c, i) => {
        if (backup.copyRegions.findIndex((o) => o.region === c.region) !== i) {
            out.push({ path: ["copyRegions", i, "region"], message: `lists ${c.region} twice` });
        }
    });
    if (backup.centralVault && !backup.organizationId) {
        out.push({
            path: ["organizationId"],
            message: "is required with centralVault: the central vault accepts copies from, and shares its key with, the organization's accounts (aws:PrincipalOrgID)",
        });
    }
    out.push(...tierProblems(backup), ...ruleReferenceProblems(backup), ...auditProblems(backup));
    return out;
}
