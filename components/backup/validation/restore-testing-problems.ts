// Checks on the restore testing config: the schedule, one selection per resource type, and
// AWS's rule that tag conditions only narrow a selection of every resource (`["*"]`).

import { parseBackupSchedule } from "@gatevault/aws-model/backup/cron";
import type { RestoreTestingConfig } from "../../config/backup";
import type { PathProblem } from "./problem";

export function restoreTestingProblems(rt: RestoreTestingConfig): PathProblem[] {
    const out: PathProblem[] = [];
    const parsed = parseBackupSchedule(rt.schedule);
    if (!parsed.ok) out.push(...parsed.problems.map((message) => ({ path: ["schedule"], message })));
    rt.selections.forEach((s, i) => {
        const first = rt.selections.findIndex((o) => o.resourceType === s.resourceType);
        if (first !== i) {
            out.push({ path: ["selections", i, "resourceType"], message: `has a selection already (selections[${first}]); list each resource type once` });
        }
        const everything = s.resources.includes("*");
        if (everything && s.resources.length > 1) {
            out.push({ path: ["selections", i, "resources"], message: `must be either ["*"] or a list of ARNs, not both (got ${s.resources.length} entries with "*")` });
        }
        const hasTags = Object.keys(s.matchTags).length > 0 || Object.keys(s.excludeTags).length > 0;
        if (hasTags && !everything) {
            const field = Object.keys(s.matchTags).length > 0 ? "matchTags" : "excludeTags";
            out.push({ path: ["selections", i, field], message: 'can only narrow resources: ["*"]; AWS rejects tag conditions on a list of ARNs' });
        }
    });
    return out;
}
