// Runs a Pulumi program in this process under the offline mocks, the way the engine would
// run it for a preview, and returns everything it registered.

import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { OfflineMocks, TargetContext } from "./mocks";
import type { EngineConfig } from "./project";
import { MockMonitorLike, RecordedResource, ResourceRecorder } from "./recorder";

export type Program = string | (() => unknown);

export interface ProgramRunOptions {
    project: string;
    stack: string;
    config: EngineConfig;
    /** A program file (its exports become stack outputs) or a function (its result does). */
    program: Program;
    /** Where ARNs point when no provider says otherwise. */
    target: TargetContext;
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

// Without an engine connection (mock mode), `pulumi.log.warn` writes this prefix to console.warn.
const ENGINE_WARNING_PREFIX = "warning: [runtime] ";

/**
 * Collects `pulumi.log.warn` messages while `run` executes. Other console.warn output passes
 * through untouched.
 */
async function collectingWarnings(run: () => Promise<void>): Promise<string[]> {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
        const [first] = args;
        if (args.length === 1 && typeof first === "string" && first.startsWith(ENGINE_WARNING_PREFIX)) {
            warnings.push(first.slice(ENGINE_WARNING_PREFIX.length));
        } else {
            original.apply(console, args);
        }
    };
    try {
        await run();
        return warnings;
    } finally {
        console.warn = original;
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
    const { recorder } = await installOfflineEngine(opts);

    // Registration failures surface as rejected promises deep inside the SDK; collect them
    // for the duration of the run instead of letting Node print and exit.
    const stray: Error[] = [];
    const onRejection = (reason: unknown) => stray.push(reason instanceof Error ? reason : new Error(String(reason)));
    process.on("unhandledRejection", onRejection);

    // The SDK captures a stack trace for every resource and promise; with source maps on
    // (tsx turns them on) each capture maps through them, a large part of a plan's run time.
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);

    let outputs: Record<string, unknown> | undefined;
    let error: Error | undefined;
    const warnings = await collectingWarnings(async () => {
        try {
            const program = opts.program;
            outputs = (await pulumi.runtime.runInPulumiStack(async () =>
                typeof program === "string" ? requireFresh(program) : program(),
            )) as Record<string, unknown> | undefined;
        } catch (err) {
            error = err instanceof Error ? err : new Error(String(err));
        }
    });
    try {
        await pulumi.runtime.disconnect();
    } catch (err) {
        error ??= err instanceof Error ? err : new Error(String(err));
    }
    // Let rejections queued by the last registrations reach the handler before removing it.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onRejection);
    process.setSourceMapsEnabled(sourceMaps);

    const failures = [...recorder.failures];
    for (const err of stray) {
        if (!failures.some((f) => f.message === err.message) && err !== error) {
            failures.push(err);
        }
    }
    return { resources: recorder.resources, outputs, error, failures, warnings };
}
