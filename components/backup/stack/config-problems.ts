// The backup rules of a whole stack file: `gatevault:backup`'s, then `gatevault:orgBackupPolicies`'.
// With the config layer's parse, they are what a stack file must satisfy on its own; checkStack
// (components/program.ts) runs them first, and the tools that read a stack file's backup parts
// without running the program (npm run effective-policy) run them too.

import { type ConfigSource, ConfigValidationError, type GatevaultConfig, parseStackConfig } from "../../config";
import type { ConfigProblem } from "../../config/errors";
import { orgBackupPolicyConfigProblems } from "../org-policy/config-problems";
import { backupConfigProblems } from "../validation/config-problems";

export function backupRuleProblems(config: Pick<GatevaultConfig, "backup" | "orgBackupPolicies">): ConfigProblem[] {
    return [...backupConfigProblems(config.backup), ...orgBackupPolicyConfigProblems(config.orgBackupPolicies)];
}

/**
 * What a stack file must satisfy on its own, in the order the program checks it: the config
 * layer's parse (shapes, each field's rules), then the backup rules. Throws a
 * ConfigValidationError with the problems of the first of the two that fails.
 */
export function checkedStackConfig(source: ConfigSource): GatevaultConfig {
    const config = parseStackConfig(source);
    const problems = backupRuleProblems(config);
    if (problems.length > 0) throw new ConfigValidationError(problems);
    return config;
}
