// Process work the suite starts early and reads late. The suite runs on machines with two cores:
// mocha runs the in-process tests on one, one test after another, and the expensive process work
// (the type check, programs under Pulumi's own hosts, the command-line runs) goes beside it on
// the other. Each such process is started when the test file that reads it is loaded (mocha
// loads every file before running the first test), and awaited by the tests that read it.
// No process runs at a lower priority: on a shared machine a niced process waits for everyone
// else's, and the suite measured slower that way (README, Tests and benchmarks).

import { ChildProcess, fork } from "node:child_process";
import * as path from "node:path";

type Unrefable = { ref(): void; unref(): void };

function handlesOf(child: ChildProcess): Unrefable[] {
    const channel = (child as { channel?: Unrefable }).channel;
    const streams = [child.stdout, child.stderr].map((s) => s as unknown as Partial<Unrefable> | null);
    return [child, ...(channel ? [channel] : []), ...streams.filter((s): s is Unrefable => typeof s?.unref === "function")];
}

/**
 * Starts `child` as background work: killed if this process exits first, and not keeping this
 * process alive unless someone awaits the result (a `--grep` that leaves out the tests reading it
 * must not keep mocha waiting). Returns `result` as a thenable that, once awaited, keeps this
 * process alive until the result is in.
 */
export function inBackground<T>(child: ChildProcess, result: Promise<T>): PromiseLike<T> {
    const stop = () => child.kill();
    process.once("exit", stop);
    child.once("exit", () => process.off("exit", stop));
    for (const h of handlesOf(child)) h.unref();
    // A failure before anyone awaits is not an unhandled rejection; whoever awaits still gets it.
    result.catch(() => undefined);
    return {
        then(onFulfilled, onRejected) {
            for (const h of handlesOf(child)) h.ref();
            return result.then(onFulfilled, onRejected);
        },
    };
}

export interface ProcessOutput {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Collects a child's output until it exits. */
export function outputOf(child: ChildProcess): Promise<ProcessOutput> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stdout?.on("data", (d) => (stdout += d));
        child.stderr?.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

const WORKER = path.join(__dirname, "background-worker.ts");

/**
 * Calls `exportName` of `modulePath` (an async function of no arguments) in a child process of
 * its own under tsx, in the background, and resolves with its result, copied with the structured
 * clone algorithm. For work that uses the SDK's process-wide state, which in the child is its own.
 */
export function callInChild<T>(modulePath: string, exportName: string): PromiseLike<T> {
    const child = fork(WORKER, [modulePath, exportName], {
        execArgv: ["--require", path.join(__dirname, "..", "..", "tools", "sdk-preload.js"), "--require", "tsx/cjs"],
        serialization: "advanced",
        stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let answer: { value: T } | { error: string } | undefined;
    child.on("message", (m) => (answer = m as typeof answer));
    const result = outputOf(child).then(({ code, stdout, stderr }) => {
        if (answer && "value" in answer) return answer.value;
        throw new Error(`${path.basename(modulePath)} ${exportName} in a child process: ${answer?.error ?? `exited ${code} without an answer`}\n${stderr}${stdout}`);
    });
    return inBackground(child, result);
}
