// Runs a Pulumi program in this process under the offline mocks, the way the engine would
// run it for a preview, and returns everything it registered.

import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { OfflineMocks, TargetContext } from "./mocks";
import { ConstructionTracker } from "./pending";
import { withoutPromiseTraces } from "./promise-traces";
import type { EngineConfig } from "./project";
import { MockMonitorLike, RecordedResource, ResourceRecorder } from "./recorder";
import { DEFAULT_SETTLE, ProgramWatch, SettleOptions } from "./settle";

export type Program = string | (() => unknown);

export interface ProgramRunOptions {
    project: string;
    stack: string;
    config: EngineConfig;
    /** A program file (its exports become stack outputs) or a function (its result does). */
    program: Program;
    /** Where ARNs point when no provider says otherwise. */
    target: TargetContext;
    /** When a program counts as stuck; defaults to DEFAULT_SETTLE. */
    settle?: SettleOptions;
}

export interface ProgramRun {
    resources: RecordedResource[];
    outputs?: Record<string, unknown>;
    /** The first error that stopped the program, if any. */
    error?: Error;
    /** Registration and data-source failures, which a real preview would also report. */
    failures: Error[];
    /** `pulumi.log.warn` messages, in order: the engine would print them during a preview. */
    warnings: string[];
}

/** The program never finished: stuck (nothing left could settle it) or past the deadline. */
export class ProgramDidNotFinishError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramDidNotFinishError";
    }
}

// Without an engine connection (mock mode), `pulumi.log.warn` and `pulumi.log.error` write these
// prefixes to console.warn and console.error.
const ENGINE_PREFIX = { warn: "warning: [runtime] ", error: "error: [runtime] " } as const;

/**
 * Collects `pulumi.log.warn` and `pulumi.log.error` messages while `run` executes. Other console
 * output passes through untouched.
 */
async function collectingLogs(run: () => Promise<void>): Promise<{ warnings: string[]; errors: string[] }> {
    const logs = { warnings: [] as string[], errors: [] as string[] };
    const originals = { warn: console.warn, error: console.error };
    const capture = (level: "warn" | "error", into: string[]) => (...args: unknown[]) => {
        const [first] = args;
        if (args.length === 1 && typeof first === "string" && first.startsWith(ENGINE_PREFIX[level])) {
            into.push(first.slice(ENGINE_PREFIX[level].length));
        } else {
            originals[level].apply(console, args);
        }
    };
    console.warn = capture("warn", logs.warnings);
    console.error = capture("error", logs.errors);
    try {
        await run();
        return logs;
    } finally {
        console.warn = originals.warn;
        console.error = originals.error;
    }
}

export function disabledDefaultProviders(config: EngineConfig): string[] {
    const raw = config.values["pulumi:disable-default-providers"];
    if (!raw) {
        return [];
    }
    try {
        const parsed = JSON.parse(raw);
        return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    } catch {
        return raw.split(",").map((s) => s.trim());
    }
}

/** Loads a program module afresh, so the same file can run once per plan in one process. */
function requireFresh(file: string): unknown {
    const resolved = require.resolve(path.resolve(file));
    delete require.cache[resolved];
    const mod = require(resolved);
    // Like the Pulumi language host: a default-exported function is the program.
    if (mod && typeof mod.default === "function") {
        return mod.default();
    }
    return mod;
}

export interface OfflineEngine {
    /** The SDK's mock monitor, its registration entry points replaced by the recorder's. */
    monitor: MockMonitorLike;
    recorder: ResourceRecorder;
}

/**
 * The engine side of a plan: puts the SDK in preview mode for the stack under the offline mocks
 * and records every registration. tools/hosts serves the same monitor over gRPC to a program
 * started by Pulumi's own language-host entry.
 */
export async function installOfflineEngine(opts: Pick<ProgramRunOptions, "project" | "stack" | "config" | "target">): Promise<OfflineEngine> {
    const mocks = new OfflineMocks(opts.target);
    await pulumi.runtime.setMocks(mocks, opts.project, opts.stack, true);
    const recorder = new ResourceRecorder(mocks, { disabledDefaultProviders: disabledDefaultProviders(opts.config) });
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
    recorder.install(monitor);
    return { monitor, recorder };
}

export async function runProgram(opts: ProgramRunOptions): Promise<ProgramRun> {
    pulumi.runtime.setAllConfig(opts.config.values, opts.config.secretKeys);
    const settle = opts.settle ?? DEFAULT_SETTLE;
    const { recorder } = await installOfflineEngine(opts);
    const tracker = new ConstructionTracker();

    // Registration failures surface as rejected promises deep inside the SDK, and a program may
    // leave a promise nobody awaits that rejects later; the language host fails the update on
    // either (it listens for unhandled rejections for the whole run). Collect them until the
    // program and everything it left running are done.
    // An exception thrown from a callback (a timer the program set) fails it the same way.
    const stray: Error[] = [];
    const onRejection = (reason: unknown) => stray.push(reason instanceof Error ? reason : new Error(String(reason)));
    process.on("unhandledRejection", onRejection);
    process.on("uncaughtException", onRejection);

    // The SDK captures a stack trace for every resource and promise; with source maps on
    // (tsx turns them on) each capture maps through them, a large part of a plan's run time.
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);

    let outputs: Record<string, unknown> | undefined;
    let error: Error | undefined;
    // Watches the timers and I/O the program starts, to tell a stuck program from a busy one.
    const watch = new ProgramWatch();
    const logs = await withoutPromiseTraces(() => collectingLogs(async () => {
        const program = opts.program;
        const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
        const work = watch.run(async () => {
            try {
                outputs = (await pulumi.runtime.runInPulumiStack(async () => {
                    pulumi.runtime.registerStackTransformation(tracker.transformation);
                    return typeof program === "string" ? requireFresh(program) : program();
                })) as Record<string, unknown> | undefined;
            } catch (err) {
                error = asError(err);
            }
            // Waits for every registration still in flight, as the language host does before exiting.
            try {
                await pulumi.runtime.disconnect();
            } catch (err) {
                error ??= asError(err);
            }
        });
        const result = await watch.settle(work, () => recorder.activity, settle);
        if (result.settled) {
            await watch.drain(settle.idleMs);
        } else {
            const why = await tracker.describeStuck();
            error = new ProgramDidNotFinishError(
                result.reason === "stuck" ? `the program never finished: ${why}` : `the program did not finish within ${Math.round(settle.deadlineMs / 1000)} s: ${why}`,
            );
        }
    })).finally(() => {
        watch.close();
        process.off("unhandledRejection", onRejection);
        process.off("uncaughtException", onRejection);
        process.setSourceMapsEnabled(sourceMaps);
    });

    const failures = [...recorder.failures];
    const known = (message: string) => failures.some((f) => message.includes(f.message)) || (error !== undefined && message.includes(error.message));
    for (const err of stray) {
        if (err !== error && !known(err.message)) failures.push(err);
    }
    // `pulumi.log.error` fails an update even when the program carries on.
    for (const message of logs.errors) {
        if (!known(message)) failures.push(new Error(`the program logged an error: ${message}`));
    }
    return { resources: recorder.resources, outputs, error, failures, warnings: logs.warnings };
}
