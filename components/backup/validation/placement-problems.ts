// Checks that need the stack's own account and region, which live outside `gatevault:backup`
// (`gatevault:accountId`, `aws:region`). checkStack runs them before registering anything.

import type { BackupConfig } from "../../config/backup";
import { ConfigProblem, ConfigValidationError, formatKeyPath } from "../../config/errors";

const accountOf = (arn: string) => arn.split(":")[4];
const regionOf = (arn: string) => arn.split(":")[3];
const at = (...path: (string | number)[]) => formatKeyPath(["backup", ...path]);

export function placementProblems(backup: BackupConfig, stack: { accountId: string; region: string }): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    if (accountOf(backup.breakGlassRoleArn) !== stack.accountId) {
        out.push({ path: at("breakGlassRoleArn"), message: `must be a role in the stack's account ${stack.accountId} (got account ${accountOf(backup.breakGlassRoleArn)})` });
    }
    if (accountOf(backup.deployRoleArn) !== stack.accountId) {
        out.push({
            path: at("deployRoleArn"),
            message: `must be the role that runs pulumi up in the stack's account ${stack.accountId} (got account ${accountOf(backup.deployRoleArn)})`,
        });
    }
    backup.copyRegions.forEach((c, i) => {
        if (c.region === stack.region) {
            out.push({ path: at("copyRegions", i, "region"), message: `must differ from the stack's region, where the primary vault already is (got ${c.region})` });
        }
    });
    const central = backup.centralVault;
    if (central && accountOf(central.deployRoleArn) === stack.accountId) {
        out.push({
            path: at("centralVault", "deployRoleArn"),
            message: `must be a role in the central backup account, not the stack's own account (got ${stack.accountId})`,
        });
    }
    backup.restoreTesting?.includeVaultArns?.forEach((arn, i) => {
        if (accountOf(arn) !== stack.accountId || regionOf(arn) !== stack.region) {
            out.push({
                path: at("restoreTesting", "includeVaultArns", i),
                message: `must be a vault in the stack's account and region (${stack.accountId}, ${stack.region}): restore tests run where the recovery points are (got ${arn})`,
            });
        }
    });
    return out;
}

/** For the program: stop before any provider or resource exists when placement is wrong. */
export function assertBackupPlacement(backup: BackupConfig | undefined, stack: { accountId: string; region: string }): void {
    const problems = backup ? placementProblems(backup, stack) : [];
    if (problems.length > 0) throw new ConfigValidationError(problems);
}
