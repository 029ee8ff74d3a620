// A config problem located by a path relative to the object being checked; `atKeyPath` puts
// it under the object's own stack key path, so the message ends up after the full path.

import { ConfigProblem, formatKeyPath } from "../../config/errors";
import type { KeyPath } from "../../config/problems";

export interface PathProblem {
    path: (string | number)[];
    message: string;
}

export function ruleLabel(planName: string, ruleName: string): string {
    return `plan "${planName}" rule "${ruleName}"`;
}

/** Problems found in the object at `base` (such as `["backup", "plans", 0]`), at their stack key paths. */
export function atKeyPath(base: KeyPath, problems: readonly PathProblem[]): ConfigProblem[] {
    return problems.map((p) => ({ path: formatKeyPath([...base, ...p.path]), message: p.message }));
}
