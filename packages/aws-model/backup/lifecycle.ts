// AWS Backup's retention and window rules, checked before AWS would reject them at deploy
// time. Pure, shared by account-level plans, organisation policies and the policy pack.

/** Cold storage must hold a recovery point at least this long before deletion. */
export const MIN_DAYS_IN_COLD_STORAGE = 90;
export const MAX_RETENTION_DAYS = 36_500;
/** Continuous backups (point-in-time restore) keep at most 35 days and never go cold. */
export const MAX_CONTINUOUS_RETENTION_DAYS = 35;
export const MIN_START_WINDOW_MINUTES = 60;
/** A job needs at least an hour to run after its start window closes. */
export const MIN_COMPLETION_AFTER_START_MINUTES = 60;

export interface Lifecycle {
    moveToColdStorageAfterDays?: number;
    deleteAfterDays?: number;
}

export interface Windows {
    startWindowMinutes?: number;
    completionWindowMinutes?: number;
}

/** A problem with one field of a rule; the caller turns `field` into a full key path. */
export interface RuleProblem {
    field: string;
    message: string;
}

/** The message for a day count outside `min`..`max` or not whole; undefined when it is fine. */
export function wholeDaysProblem(days: number, min: number, max: number): string | undefined {
    return Number.isInteger(days) && days >= min && days <= max ? undefined : `must be a whole number of days from ${min} to ${max} (got ${days})`;
}

function wholeDays(field: string, v: number | undefined, min: number, max: number, out: RuleProblem[]): void {
    const message = v === undefined ? undefined : wholeDaysProblem(v, min, max);
    if (message) out.push({ field, message });
}

export function lifecycleProblems(lifecycle: Lifecycle | undefined, opts: { continuous?: boolean } = {}): RuleProblem[] {
    const out: RuleProblem[] = [];
    const cold = lifecycle?.moveToColdStorageAfterDays;
    const del = lifecycle?.deleteAfterDays;
    wholeDays("moveToColdStorageAfterDays", cold, 1, MAX_RETENTION_DAYS, out);
    wholeDays("deleteAfterDays", del, 1, MAX_RETENTION_DAYS, out);
    if (opts.continuous) {
        if (cold !== undefined) {
            out.push({ field: "moveToColdStorageAfterDays", message: `must not be set: continuous backups cannot move to cold storage (got ${cold})` });
        }
        if (del === undefined) {
            out.push({ field: "deleteAfterDays", message: `is required for continuous backups (1 to ${MAX_CONTINUOUS_RETENTION_DAYS} days)` });
        } else if (del > MAX_CONTINUOUS_RETENTION_DAYS) {
            out.push({ field: "deleteAfterDays", message: `must be <= ${MAX_CONTINUOUS_RETENTION_DAYS} for continuous backups (got ${del})` });
        }
    } else if (cold !== undefined && del !== undefined && del < cold + MIN_DAYS_IN_COLD_STORAGE) {
        out.push({
            field: "deleteAfterDays",
            message: `must be >= moveToColdStorageAfterDays + ${MIN_DAYS_IN_COLD_STORAGE} (got ${del} < ${cold} + ${MIN_DAYS_IN_COLD_STORAGE})`,
        });
    }
    return out;
}

export function windowProblems(windows: Windows): RuleProblem[] {
    const out: RuleProblem[] = [];
    const { startWindowMinutes: start, completionWindowMinutes: completion } = windows;
    if (start !== undefined && (!Number.isInteger(start) || start < MIN_START_WINDOW_MINUTES)) {
        out.push({ field: "startWindowMinutes", message: `must be a whole number >= ${MIN_START_WINDOW_MINUTES} (got ${start})` });
    }
    if (completion !== undefined) {
        const floor = (start ?? MIN_START_WINDOW_MINUTES) + MIN_COMPLETION_AFTER_START_MINUTES;
        if (!Number.isInteger(completion) || completion < floor) {
            out.push({
                field: "completionWindowMinutes",
                message: `must be a whole number >= startWindowMinutes + ${MIN_COMPLETION_AFTER_START_MINUTES} (got ${completion} < ${floor})`,
            });
        }
    }
    return out;
}
