import { expect } from "chai";
import { parseBackupSchedule, runsEveryDay } from "@gatevault/aws-model/backup/cron";
import { lifecycleProblems, windowProblems } from "@gatevault/aws-model/backup/lifecycle";

describe("backup rule validation (pure)", () => {
    describe("schedules", () => {
        const valid = [
            "cron(0 5 ? * * *)",
            "cron(30 2 * * ? *)",
            "cron(0 5 1 * ? *)",
            "cron(0 0/4 ? * MON-FRI *)",
            "cron(15 3 L * ? *)",
            "cron(0 1 ? * 6#3 *)",
            "cron(0 12 ? JAN,JUL SUN 2026-2030)",
        ];
        for (const expr of valid) {
            it(`accepts ${expr}`, () => expect(parseBackupSchedule(expr)).to.include({ ok: true }));
        }

        const invalid: [string, RegExp][] = [
            ["0 5 ? * * *", /must be a cron expression in UTC/],
            ["cron(0 5 * * *)", /must have 6 fields .* got 5/],
            ["cron(0 5 * * * *)", /exactly one of day-of-month and day-of-week must be "\?"/],
            ["cron(0 5 ? * ? *)", /exactly one of day-of-month and day-of-week/],
            ["cron(*/15 * ? * * *)", /minutes must be a single value/],
            ["cron(0,30 5 ? * * *)", /minutes must be a single value/],
            ["cron(60 5 ? * * *)", /minutes value 60 is outside 0-59/],
            ["cron(0 24 ? * * *)", /hours value 24 is outside 0-23/],
            ["cron(0 5 32 * ? *)", /day-of-month value 32 is outside 1-31/],
            ["cron(0 5 ? 13 * *)", /month value 13 is outside 1-12/],
            ["cron(0 5 ? * FUN *)", /day-of-week has an invalid value "FUN"/],
            ["cron(0 5 ? * * 1969)", /year value 1969 is outside 1970-2199/],
            ["cron(0 5/0 ? * * *)", /hours step cannot be 0/],
            ["cron(0 ? ? * * *)", /hours cannot be "\?"/],
        ];
        for (const [expr, message] of invalid) {
            it(`rejects ${expr}`, () => {
                const result = parseBackupSchedule(expr);
                expect(result.ok).to.equal(false);
                expect(result.ok ? [] : result.problems.join("\n")).to.match(message);
            });
        }

        it("knows which schedules run every day", () => {
            const daily = (e: string) => {
                const r = parseBackupSchedule(e);
                if (!r.ok) throw new Error(r.problems.join());
                return runsEveryDay(r.fields);
            };
            expect(daily("cron(0 5 ? * * *)")).to.equal(true);
            expect(daily("cron(0 5 * * ? *)")).to.equal(true);
            expect(daily("cron(0 5 ? * MON-FRI *)")).to.equal(false);
            expect(daily("cron(0 5 1 * ? *)")).to.equal(false);
            expect(daily("cron(0 5 ? JAN * *)")).to.equal(false);
        });
    });

    describe("lifecycle", () => {
        const edges: [string, Parameters<typeof lifecycleProblems>, string | undefined][] = [
            ["cold 30, delete 119 (89 days cold)", [{ moveToColdStorageAfterDays: 30, deleteAfterDays: 119 }], "must be >= moveToColdStorageAfterDays + 90 (got 119 < 30 + 90)"],
            ["cold 30, delete 120 (90 days cold)", [{ moveToColdStorageAfterDays: 30, deleteAfterDays: 120 }], undefined],
            ["cold 30, delete 121 (91 days cold)", [{ moveToColdStorageAfterDays: 30, deleteAfterDays: 121 }], undefined],
            ["continuous 35 days", [{ deleteAfterDays: 35 }, { continuous: true }], undefined],
            ["continuous 36 days", [{ deleteAfterDays: 36 }, { continuous: true }], "must be <= 35 for continuous backups (got 36)"],
            ["continuous with cold storage", [{ moveToColdStorageAfterDays: 1, deleteAfterDays: 30 }, { continuous: true }], "continuous backups cannot move to cold storage"],
            ["continuous without retention", [{}, { continuous: true }], "is required for continuous backups"],
            ["retention 0", [{ deleteAfterDays: 0 }], "from 1 to 36500 (got 0)"],
            ["retention 36500", [{ deleteAfterDays: 36500 }], undefined],
            ["retention 36501", [{ deleteAfterDays: 36501 }], "from 1 to 36500 (got 36501)"],
            ["fractional days", [{ deleteAfterDays: 90.5 }], "whole number of days"],
            ["cold storage without deletion", [{ moveToColdStorageAfterDays: 30 }], undefined],
        ];
        for (const [name, args, message] of edges) {
            it(name, () => {
                const problems = lifecycleProblems(...args).map((p) => p.message);
                if (message === undefined) {
                    expect(problems).to.deep.equal([]);
                } else {
                    expect(problems.join("\n")).to.contain(message);
                }
            });
        }
    });

    describe("windows", () => {
        const cases: [string, Parameters<typeof windowProblems>[0], string | undefined][] = [
            ["start 59", { startWindowMinutes: 59 }, "startWindowMinutes"],
            ["start 60", { startWindowMinutes: 60 }, undefined],
            ["completion 119 after start 60", { startWindowMinutes: 60, completionWindowMinutes: 119 }, "completionWindowMinutes"],
            ["completion 120 after start 60", { startWindowMinutes: 60, completionWindowMinutes: 120 }, undefined],
            ["completion alone below 120", { completionWindowMinutes: 90 }, "completionWindowMinutes"],
        ];
        for (const [name, windows, field] of cases) {
            it(name, () => {
                const fields = windowProblems(windows).map((p) => p.field);
                expect(fields).to.deep.equal(field ? [field] : []);
            });
        }
    });
});
