// The rules of `gatevault:orgBackupPolicies` that need the policy builder's knowledge, over the
// parsed config: the vault locks of member accounts and StackSets, everything AWS would reject
// in the policies and the organization tree (validate.ts), then what the member accounts and
// the OUs' StackSets need (member-problems.ts, stack-set/problems.ts). The config layer has
// checked the shapes and each account on its own; checkStack (components/program.ts) runs these
// before the first resource.

import type { ConfigProblem } from "../../config/errors";
import type { OrgBackupPoliciesConfig } from "../../config/org-backup-policies";
import { lockProblemsAt } from "../validation/lock-problems";
import { atKeyPath } from "../validation/problem";
import { memberDeploymentProblems } from "./member-problems";
import { stackSetProblems } from "./stack-set/problems";
import { orgBackupPoliciesProblems } from "./validate";

export function orgBackupPolicyConfigProblems(config: OrgBackupPoliciesConfig | undefined): ConfigProblem[] {
    if (!config) return [];
    const { units, accounts } = config.organization;
    const locks = lockProblemsAt([
        ...units.map((u, i) => ({ at: ["orgBackupPolicies", "organization", "units", i, "stackSet", "lock"], lock: u.stackSet?.lock })),
        ...accounts.map((a, i) => ({ at: ["orgBackupPolicies", "organization", "accounts", i, "backupResources", "lock"], lock: a.backupResources?.lock })),
    ]);
    const policyProblems = orgBackupPoliciesProblems(config);
    // Member deployments read effective policies, which need a valid tree and policies.
    const problems = policyProblems.length > 0 ? policyProblems : [...memberDeploymentProblems(config), ...stackSetProblems(config)];
    return [...locks, ...atKeyPath(["orgBackupPolicies"], problems)];
}
