// A config problem located by a path relative to the object being checked; the config layer
// turns it into a zod issue, so the message ends up after the full stack key path.

import type { RuleProblem } from "../rules/lifecycle";

export interface PathProblem {
    path: (string | number)[];
    message: string;
}

/** Places shared rule problems (which name only a field) under `base`, with a label in front. */
export function placed(base: (string | number)[], label: string, problems: RuleProblem[]): PathProblem[] {
    return problems.map((p) => ({ path: [...base, p.field], message: `${label}: ${p.message}` }));
}

export function ruleLabel(planName: string, ruleName: string): string {
    return `plan "${planName}" rule "${ruleName}"`;
}
