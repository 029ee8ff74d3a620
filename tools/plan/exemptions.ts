// The exemptions a stack's policy config grants (policy/common/exemptions.ts), as the plan lists
// them: each with its status today, the resources it names, and the violations it swallowed
// (active) or let through again (expired).

import type { EnforcementLevel } from "@pulumi/policy";
import { EXEMPTIONS_PROPERTY, Exemption, ExemptionEvent, exemptionMatches, ExemptionStatus, exemptionStatus } from "../../policy/common/exemptions";
import type { ResolvedPackConfig } from "./policy-config";
import type { RecordedResource } from "./recorder";

export interface ExemptionReport extends Exemption {
    policy: string;
    enforcementLevel: EnforcementLevel;
    status: ExemptionStatus;
    /** URNs of the planned resources it names; empty when it names none (a typo, or a removed resource). */
    resources: string[];
    /** The violations it swallowed (active) or that failed again (expired). */
    violations: { urn: string; message: string }[];
}

export function exemptionReports(config: ResolvedPackConfig, resources: readonly RecordedResource[], events: readonly ExemptionEvent[], now = Date.now()): ExemptionReport[] {
    const reports: ExemptionReport[] = [];
    for (const [policy, resolved] of Object.entries(config)) {
        const list = resolved.properties[EXEMPTIONS_PROPERTY];
        if (!Array.isArray(list)) continue;
        for (const exemption of list as Exemption[]) {
            reports.push({
                policy,
                enforcementLevel: resolved.enforcementLevel,
                resource: exemption.resource,
                reason: exemption.reason,
                expires: exemption.expires,
                status: exemptionStatus(exemption, now),
                resources: resources.filter((r) => exemptionMatches(exemption, r.urn, r.name)).map((r) => r.urn),
                violations: events.filter((e) => e.policy === policy && e.exemption === exemption).map((e) => ({ urn: e.urn, message: e.message })),
            });
        }
    }
    return reports;
}
