// Vault lock limits. Compliance mode is irreversible once its grace period ends, so it is
// accepted only when config asks for it twice: `mode: compliance` and `changeableForDays`.

import { MAX_RETENTION_DAYS, wholeDaysProblem } from "@gatevault/aws-model/backup/lifecycle";
import type { VaultLockConfig } from "../../config/backup";
import type { ConfigProblem } from "../../config/errors";
import type { KeyPath } from "../../config/problems";
import { atKeyPath, PathProblem } from "./problem";

/**
 * AWS refuses a compliance-mode grace period shorter than this: `changeable_for_days`
 * IntAtLeast(3) (hashicorp/terraform-provider-aws internal/service/backup/vault_lock_configuration.go).
 */
export const MIN_CHANGEABLE_FOR_DAYS = 3;

function wholeDays(field: string, value: number, min: number, max: number): PathProblem[] {
    const message = wholeDaysProblem(value, min, max);
    return message ? [{ path: [field], message }] : [];
}

export function lockProblems(lock: VaultLockConfig): PathProblem[] {
    const out: PathProblem[] = [
        ...wholeDays("minRetentionDays", lock.minRetentionDays, 1, MAX_RETENTION_DAYS),
        ...wholeDays("maxRetentionDays", lock.maxRetentionDays, 1, MAX_RETENTION_DAYS),
    ];
    if (lock.maxRetentionDays < lock.minRetentionDays) {
        out.push({ path: ["maxRetentionDays"], message: `must be >= minRetentionDays (got ${lock.maxRetentionDays} < ${lock.minRetentionDays})` });
    }
    if (lock.mode === "compliance") {
        if (lock.changeableForDays === undefined) {
            out.push({
                path: ["changeableForDays"],
                message: `is required in compliance mode: the days (>= ${MIN_CHANGEABLE_FOR_DAYS}) during which the lock can still be removed`,
            });
        } else {
            out.push(...wholeDays("changeableForDays", lock.changeableForDays, MIN_CHANGEABLE_FOR_DAYS, MAX_RETENTION_DAYS));
        }
    } else if (lock.changeableForDays !== undefined) {
        out.push({
            path: ["changeableForDays"],
            message:
                `must not be set in governance mode: it turns the lock into compliance mode, which nobody can remove after ` +
                `the grace period; set mode: compliance to ask for that (got ${lock.changeableForDays})`,
        });
    }
    return out;
}

/** The problems of each lock that is set (`gatevault:backup`'s vaults, member accounts', StackSets'), at its key path. */
export function lockProblemsAt(locks: readonly { at: KeyPath; lock: VaultLockConfig | undefined }[]): ConfigProblem[] {
    return locks.flatMap(({ at, lock }) => (lock ? atKeyPath(at, lockProblems(lock)) : []));
}

/** Problems with a retention (days, or undefined for "keep forever") under a vault's lock. */
export function retentionUnderLock(deleteAfterDays: number | undefined, lock: VaultLockConfig): string | undefined {
    if (deleteAfterDays === undefined) {
        return `must be set: the destination vault's lock allows at most ${lock.maxRetentionDays} days, and a recovery point without deleteAfterDays is kept forever`;
    }
    if (deleteAfterDays < lock.minRetentionDays) {
        return `must be >= the vault lock's minRetentionDays, or AWS Backup fails the job (got ${deleteAfterDays} < ${lock.minRetentionDays})`;
    }
    if (deleteAfterDays > lock.maxRetentionDays) {
        return `must be <= the vault lock's maxRetentionDays, or AWS Backup fails the job (got ${deleteAfterDays} > ${lock.maxRetentionDays})`;
    }
    return undefined;
}
