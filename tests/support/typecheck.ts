// The strict type check as a child process, started when mocha loads (./background-start.ts) so
// that it runs on the second core while the test files load and the other tests run
// (./background.ts); tests/typecheck.test.ts awaits its result.

import { spawn } from "node:child_process";
import * as path from "node:path";
import { inBackground, outputOf } from "./background";

export interface TypecheckResult {
    status: number | null;
    output: string;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");
let running: PromiseLike<TypecheckResult> | undefined;

export function typecheck(): PromiseLike<TypecheckResult> {
    if (!running) {
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
        // V8's parallel garbage collection costs tsc about 2 s more CPU than it saves in wall time
        // (interleaved runs, 17.5 s against 19.5 s of CPU), CPU the other tests running beside it need.
        // Incremental: tsc keeps what it learnt about each file (its hash, its diagnostics, what it
        // depends on) in a build-info file and rechecks only changed files and those that depend on
        // them, with the same diagnostics as a full check. A fresh checkout runs the full check
        // (about 18 s of CPU); a later run with a few files changed about 10 s.
        const buildInfo = path.join(REPO_ROOT, "node_modules", ".cache", "gatevault", "tsc", "tsconfig.tsbuildinfo");
        const child = spawn(process.execPath, ["--single-threaded-gc", tsc, "--noEmit", "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", buildInfo], { cwd: REPO_ROOT });
        running = inBackground(
            child,
            outputOf(child).then(({ code, stdout, stderr }) => ({ status: code, output: stdout + stderr })),
        );
    }
    return running;
}
