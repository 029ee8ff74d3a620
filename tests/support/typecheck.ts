// Starts the strict type check as a child process as soon as mocha loads, so that it runs on
// the second core while the other tests run; tests/typecheck.test.ts awaits its result.

import { spawn } from "node:child_process";
import * as path from "node:path";

export interface TypecheckResult {
    status: number | null;
    output: string;
}

const REPO_ROOT = path.resolve(__dirname, "..", "..");
let running: Promise<TypecheckResult> | undefined;

export function typecheck(): Promise<TypecheckResult> {
    running ??= new Promise((resolve) => {
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
        const child = spawn(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: REPO_ROOT });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("close", (status) => resolve({ status, output }));
    });
    return running;
}

/** Mocha global fixture: begin before the first test file runs. */
export function mochaGlobalSetup(): void {
    void typecheck();
}
