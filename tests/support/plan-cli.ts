// Runs the offline plan's CLI (`npm run plan -- ...`) as a child process, for the few tests
// whose point is the command line itself: its exit code and printed output.

import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/plan/index";

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function planCli(args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/plan.ts", ...args], {
            cwd: REPO_ROOT,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
