// The rules of `gatevault:backup` that need the backup layer's knowledge, over the parsed
// config: vault locks, each plan's rules with their presets resolved, restore testing's
// schedule and selections, and the references between plans, tiers, vaults and copies. The
// config layer has checked the shapes and each field on its own; checkStack
// (components/program.ts) runs these before the first resource. Problems come in stack-file
// order (the order the schema's refinements reported them in when they ran inside the parser).

import type { BackupConfig } from "../../config/backup";
import type { ConfigProblem } from "../../config/errors";
import { lockProblemsAt } from "./lock-problems";
import { planProblems } from "./plan-problems";
import { atKeyPath } from "./problem";
import { referenceProblems } from "./reference-problems";
import { restoreTestingProblems } from "./restore-testing-problems";

export function backupConfigProblems(backup: BackupConfig | undefined): ConfigProblem[] {
    if (!backup) return [];
    return [
        ...lockProblemsAt([
            { at: ["backup", "vault", "lock"], lock: backup.vault.lock },
            ...backup.copyRegions.map((c, i) => ({ at: ["backup", "copyRegions", i, "lock"], lock: c.lock })),
            { at: ["backup", "centralVault", "lock"], lock: backup.centralVault?.lock },
        ]),
        ...backup.plans.flatMap((plan, i) => atKeyPath(["backup", "plans", i], planProblems(plan))),
        ...(backup.restoreTesting ? atKeyPath(["backup", "restoreTesting"], restoreTestingProblems(backup.restoreTesting)) : []),
        ...atKeyPath(["backup"], referenceProblems(backup)),
    ];
}
