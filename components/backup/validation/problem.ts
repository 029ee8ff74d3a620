// A config problem located by a path relative to the object being checked; the config layer
// turns it into a zod issue, so the message ends up after the full stack key path.

export interface PathProblem {
    path: (string | number)[];
    message: string;
}

export function ruleLabel(planName: string, ruleName: string): string {
    return `plan "${planName}" rule "${ruleName}"`;
}
