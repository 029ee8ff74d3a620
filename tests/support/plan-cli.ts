// Runs the repository's command-line tools (`npm run plan -- ...` and the like) as child
// processes, for the few tests whose point is the command line itself: exit code and output;
// and the plan command in-process, which is faster and enough for everything else.

import { spawn } from "node:child_process";
import * as path from "node:path";
import { planCommand } from "../../tools/plan/cli";
import { REPO_ROOT } from "../../tools/plan/index";
import { inBackground, outputOf, ProcessOutput } from "./background";

export type CliRun = ProcessOutput;

/**
 * Runs a TypeScript script of the repository as its npm script does (`node --require
 * ./loader/register.js`, package.json), from the repository root,
 * as background work (./background.ts): start it when the test file loads, await it in the test.
 */
export function scriptCli(script: string, args: string[]): PromiseLike<CliRun> {
    const child = spawn(process.execPath, ["--require", "./loader/register.js", script, ...args], { cwd: REPO_ROOT });
    return inBackground(child, outputOf(child));
}

export function planCli(args: string[]): PromiseLike<CliRun> {
    return scriptCli("tools/plan.ts", args);
}

/** Runs the plan command in-process, through the entry the CLI uses, capturing what it writes. */
export async function planInProcess(argv: string[]): Promise<CliRun & { code: number }> {
    let stdout = "";
    let stderr = "";
    const code = await planCommand(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}
