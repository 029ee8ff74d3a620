// Shared pieces for benchmarks: timing whole processes and in-process functions, and the
// table every benchmark reports into. Benchmarks run on demand (`npm run bench`), never in tests.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..");

export interface BenchRow {
    benchmark: string;
    case: string;
    /** Median of the measured runs, in milliseconds. */
    medianMs: number;
    /** Extra columns: counts, ratios, targets. */
    notes: string;
}

export interface Benchmark {
    name: string;
    run(): Promise<BenchRow[]>;
}

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command to completion and returns its wall time; throws if it fails unexpectedly. */
export function timeProcess(args: string[], okCodes: number[] = [0]): { ms: number; stdout: string } {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status === null || !okCodes.includes(run.status)) {
        throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    }
    return { ms, stdout: run.stdout };
}

/** Node's arguments before a TypeScript entry, as package.json's scripts start the tools. */
export const TS_ENTRY = ["--require", "./loader/register.js"];

/** `npm run plan` without npm: the node arguments of package.json's plan script. */
export const PLAN = [...TS_ENTRY, "tools/plan.ts"];

/**
 * Empties what the plan and the program keep on disk between runs under node_modules/.cache/gatevault
 * (loader/register.js's transpiled files, handler bundles, policy-config validators, the
 * CloudFormation extract, tsc's build info), as a fresh checkout has them.
 */
export function emptyCaches(): void {
    fs.rmSync(path.join(REPO_ROOT, "node_modules", ".cache", "gatevault"), { recursive: true, force: true });
}

/**
 * Times several process commands, interleaving their runs so that machine noise hits all of
 * them alike; returns each command's median. `before[key]` runs before each run of that command, untimed.
 */
export function interleavedMedians(commands: Record<string, string[]>, rounds: number, before: Record<string, () => void> = {}): Record<string, number> {
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let i = 0; i < rounds; i++) {
        for (const [key, args] of Object.entries(commands)) {
            before[key]?.();
            samples[key].push(timeProcess(args).ms);
        }
    }
    return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export function ratio(a: number, b: number): string {
    return `${(a / b).toFixed(2)}x`;
}

/** A ratio beside its goal: "1.08x of 10 routes (goal <= 1.2x: met)". */
export function goal(a: number, b: number, target: number, of: string): string {
    return `${ratio(a, b)} of ${of} (goal <= ${target}x: ${a / b <= target ? "met" : "missed"})`;
}
