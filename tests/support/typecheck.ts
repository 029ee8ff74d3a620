// Starts the strict type check as a child process when mocha loads this file (.mocharc.json
// requires it before the test files), so that it runs on the second core while the test files
// load and the other tests run (./background.ts); tests/typecheck.test.ts awaits its result.

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
        const child = spawn(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: REPO_ROOT });
        running = inBackground(
            child,
            outputOf(child).then(({ code, stdout, stderr }) => ({ status: code, output: stdout + stderr })),
        );
    }
    return running;
}

typecheck();
