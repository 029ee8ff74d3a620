// The plan command itself, in-process: tools/plan.ts runs it for `npm run plan`, tests run it
// with their own streams. Exit codes: 0 clean or advisory only, 1 mandatory violation, 2 invalid
// config or usage, 3 the program failed (or the plan did).
//
// Under `--json` (`--format json`) stdout carries exactly one JSON document, whatever the exit
// code: usage errors, a program that fails, a crash of the plan itself all answer in JSON, and
// whatever the program prints to stdout is sent to stderr instead.

import * as fs from "node:fs";
import { PLAN_USAGE, parsePlanArgs, PlanFormat } from "./args";
import { diffPlans } from "./diff/plan-diff";
import { parsePlanDocument, PLAN_FORMAT, PLAN_FORMAT_VERSION, PlanDocument, planDocument } from "./document";
import { failedPlan, PlanOptions, PlanResult, runPlan } from "./index";
import { renderMarkdown } from "./markdown";
import { renderHuman } from "./render";

export interface CliIo {
    stdout(text: string): void;
    stderr(text: string): void;
}

export interface CommandOptions {
    /** Overrides for the plan (tests shorten the stuck-program wait). */
    plan?: Partial<PlanOptions>;
}

function write(io: CliIo, format: PlanFormat, result: PlanResult, extra: { showInputs?: boolean; baseline?: PlanDocument; baselineLabel?: string } = {}): number {
    const doc = planDocument(result);
    if (extra.baseline) doc.diff = diffPlans(extra.baseline, doc);
    if (format === "json") {
        io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    } else if (format === "markdown") {
        io.stdout(renderMarkdown(doc, { baselineLabel: extra.baselineLabel }));
    } else {
        const text = renderHuman(result, { showInputs: extra.showInputs, diff: doc.diff });
        (result.error ? io.stderr : io.stdout)(`${text}\n`);
    }
    return result.summary.exitCode;
}

/**
 * Sends what anything else writes to stdout to stderr until the returned function is called,
 * so that a JSON or markdown document is all stdout carries.
 */
function divertStdout(to: (text: string) => void): () => void {
    const original = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        to(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
        const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
        callback?.();
        return true;
    }) as typeof process.stdout.write;
    return () => {
        process.stdout.write = original;
    };
}

export async function planCommand(argv: string[], io: CliIo, opts: CommandOptions = {}): Promise<number> {
    const command = parsePlanArgs(argv);
    if (!command.ok) {
        if (command.format === "json") {
            // Help and usage errors as one JSON document; the text goes to stderr for people.
            io.stderr(command.text);
            const doc = command.exitCode === 0 ? { format: PLAN_FORMAT, formatVersion: PLAN_FORMAT_VERSION, usage: PLAN_USAGE } : planDocument(failedPlan("", "usage", command.text.trim()));
            io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
        } else {
            (command.stream === "stdout" ? io.stdout : io.stderr)(command.text);
        }
        return command.exitCode;
    }
    const { format } = command;
    const stack = command.plan.stack;

    let baseline: PlanDocument | undefined;
    if (command.baseline) {
        try {
            baseline = parsePlanDocument(fs.readFileSync(command.baseline, "utf8"), command.baseline);
        } catch (err) {
            const message = (err as NodeJS.ErrnoException).code === "ENOENT" ? `no baseline plan ${command.baseline}` : (err as Error).message;
            return write(io, format, failedPlan(stack, "usage", message));
        }
    }

    // A failure outside the program's own run (the language host would fail on it too): counted
    // against the plan whatever the program did.
    const stray: Error[] = [];
    const onStray = (reason: unknown) => stray.push(reason instanceof Error ? reason : new Error(String(reason)));
    process.on("unhandledRejection", onStray);
    process.on("uncaughtException", onStray);
    const restore = format === "text" ? () => undefined : divertStdout(io.stderr);
    let result: PlanResult;
    try {
        result = await runPlan({ ...command.plan, ...opts.plan });
    } catch (err) {
        result = failedPlan(stack, "program", `the offline plan failed: ${(err as Error).stack ?? err}`);
    } finally {
        restore();
        process.off("unhandledRejection", onStray);
        process.off("uncaughtException", onStray);
    }
    // The program's own run collects its failures itself (tools/plan/run-program.ts); these matter
    // only when the plan would otherwise pass.
    if (stray.length > 0 && !result.error) {
        const message = stray.map((e) => e.message).join("\n");
        result = { ...result, error: { kind: "program", message }, summary: { ...result.summary, exitCode: 3 } };
    }
    return write(io, format, result, { showInputs: command.showInputs, baseline, baselineLabel: command.baselineLabel });
}
