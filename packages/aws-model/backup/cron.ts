// AWS Backup schedules: 6-field cron expressions in UTC, `cron(min hour dom month dow year)`.
// Pure, shared by the account-level plans, the organisation policy model and the policy pack.

export interface CronFields {
    minutes: string;
    hours: string;
    dayOfMonth: string;
    month: string;
    dayOfWeek: string;
    year: string;
}

export type CronParse = { ok: true; fields: CronFields } | { ok: false; problems: string[] };

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
    label: keyof CronFields;
    min: number;
    max: number;
    names?: string[];
    /** Extra single-token forms the field accepts (`L`, `W`, `#`, `?`). */
    special?: RegExp;
    question?: boolean;
}

const SPECS: FieldSpec[] = [
    { label: "minutes", min: 0, max: 59 },
    { label: "hours", min: 0, max: 23 },
    { label: "dayOfMonth", min: 1, max: 31, special: /^(L|LW|L-\d{1,2}|\d{1,2}W)$/, question: true },
    { label: "month", min: 1, max: 12, names: MONTHS },
    { label: "dayOfWeek", min: 1, max: 7, names: DAYS, special: /^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5])$|^L$/, question: true },
    { label: "year", min: 1970, max: 2199 },
];

const LABELS: Record<keyof CronFields, string> = {
    minutes: "minutes",
    hours: "hours",
    dayOfMonth: "day-of-month",
    month: "month",
    dayOfWeek: "day-of-week",
    year: "year",
};

function value(token: string, spec: FieldSpec): number | undefined {
    if (/^\d+$/.test(token)) {
        return Number(token);
    }
    // Names count from 1 in both fields: JAN=1, SUN=1.
    const index = spec.names?.indexOf(token.toUpperCase());
    if (index !== undefined && index >= 0) {
        return index + 1;
    }
    return undefined;
}

function checkField(raw: string, spec: FieldSpec): string | undefined {
    const name = LABELS[spec.label];
    if (raw === "?") {
        return spec.question ? undefined : `${name} cannot be "?" (only day-of-month or day-of-week can)`;
    }
    for (const part of raw.split(",")) {
        if (spec.special?.test(part.toUpperCase())) {
            continue;
        }
        const [range, step, ...extra] = part.split("/");
        if (extra.length > 0 || (step !== undefined && !/^\d+$/.test(step))) {
            return `${name} has an invalid step in "${part}"`;
        }
        if (step !== undefined && Number(step) === 0) {
            return `${name} step cannot be 0 in "${part}"`;
        }
        if (range === "*") {
            continue;
        }
        const bounds = range.split("-");
        if (bounds.length > 2 || bounds.some((b) => b === "")) {
            return `${name} has an invalid range "${part}"`;
        }
        for (const b of bounds) {
            const v = value(b, spec);
            if (v === undefined) {
                return `${name} has an invalid value "${b}"`;
            }
            if (v < spec.min || v > spec.max) {
                return `${name} value ${b} is outside ${spec.min}-${spec.max}`;
            }
        }
    }
    return undefined;
}

/**
 * Parses an AWS Backup schedule expression. Beyond cron syntax it enforces AWS Backup's own
 * rules: exactly one of day-of-month and day-of-week is `?`, and backups run at most once an
 * hour, so the minutes field must be a single value.
 */
export function parseBackupSchedule(expression: string): CronParse {
    const match = /^cron\((.*)\)$/.exec(expression.trim());
    if (!match) {
        return { ok: false, problems: [`must be a cron expression in UTC such as "cron(0 5 ? * * *)" (got "${expression}")`] };
    }
    const parts = match[1].trim().split(/\s+/);
    if (parts.length !== 6) {
        return {
            ok: false,
            problems: [`must have 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length} in "${expression}"`],
        };
    }
    const fields: CronFields = {
        minutes: parts[0],
        hours: parts[1],
        dayOfMonth: parts[2],
        month: parts[3],
        dayOfWeek: parts[4],
        year: parts[5],
    };
    const problems: string[] = [];
    SPECS.forEach((spec, i) => {
        const problem = checkField(parts[i], spec);
        if (problem) problems.push(`${problem} in "${expression}"`);
    });
    if ((fields.dayOfMonth === "?") === (fields.dayOfWeek === "?")) {
        problems.push(`exactly one of day-of-month and day-of-week must be "?" in "${expression}"`);
    }
    if (!/^\d{1,2}$/.test(fields.minutes)) {
        problems.push(`minutes must be a single value: AWS Backup runs a rule at most once an hour (got "${fields.minutes}" in "${expression}")`);
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, fields };
}

/** True when the schedule fires on every day of every month and year (at any hours). */
export function runsEveryDay(fields: CronFields): boolean {
    const everyDayOfMonth = fields.dayOfMonth === "*" && fields.dayOfWeek === "?";
    const everyDayOfWeek = fields.dayOfWeek === "*" && fields.dayOfMonth === "?";
    return (everyDayOfMonth || everyDayOfWeek) && fields.month === "*" && fields.year === "*";
}
