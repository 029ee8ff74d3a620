// Starts a Pulumi program the way the nodejs language host (pulumi-language-nodejs) starts it for
// `pulumi preview`, against an engine of our own. Followed from pulumi/pulumi v3.248.0:
// - pkg/engine/project.go getPwdMain: the program directory is the directory of Pulumi.yaml's
//   `main` (or `main` itself when it is a directory) and the entry point is its base name.
// - sdk/nodejs/cmd/pulumi-language-nodejs/main.go Run/execRuntime/constructArguments/constructConfig:
//   `node <nodeargs> <@pulumi/pulumi/cmd/run resolved from the program directory> --monitor <addr>
//   --engine <addr> --sync <pipes dir> --organization <org> --project <p> --root-directory <root>
//   --stack <s> --pwd <program dir> --dry-run --parallel <n> <entry point>`, with the CLI's own
//   environment plus PULUMI_CONFIG (keys as `<namespace>:config:<name>`), PULUMI_CONFIG_SECRET_KEYS
//   (a JSON list of `<namespace>:<name>`), PULUMI_NODEJS_TYPESCRIPT=true when the `typescript`
//   option is on (the default) and PULUMI_NODEJS_TSCONFIG_PATH when `tsconfig` is set.
// - pkg/cmd/pulumi/operations/up.go defaultParallel: 4 × the CPUs Go may use, unless PULUMI_PARALLEL.
// - pkg/backend/diy/backend.go: the DIY backend's organization is always "organization".
// What happens next (ts-node, transpile-only or not, the tsconfig) is @pulumi/pulumi's own
// cmd/run/run.ts, which this starts unchanged.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EngineConfig } from "../plan/project";
import { NodeRuntimeOptions, typescriptEnv } from "./project-files";

export interface ProgramLaunchOptions {
    projectDir: string;
    project: string;
    stack: string;
    /** Pulumi.yaml `main`, relative to the project directory; default "." (the directory). */
    main?: string;
    runtime: NodeRuntimeOptions;
    config: EngineConfig;
    /** The engine's address, for both --monitor and --engine (the language host's monitor proxy only forwards). */
    engineAddress: string;
    /** Directory the language host creates for synchronous invokes. */
    pipesDir: string;
    organization?: string;
    /** The CLI's environment, which the program inherits. */
    env?: NodeJS.ProcessEnv;
}

export interface ProgramLaunch {
    command: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
    programDir: string;
    entryPoint: string;
}

/** getPwdMain: where the program runs and what it loads. */
export function programLocation(projectDir: string, main: string | undefined): { programDir: string; entryPoint: string } {
    if (!main) {
        return { programDir: projectDir, entryPoint: "." };
    }
    const full = path.resolve(projectDir, main);
    return fs.statSync(full).isDirectory() ? { programDir: full, entryPoint: "." } : { programDir: path.dirname(full), entryPoint: path.basename(full) };
}

/** constructConfig: the config bag in the old `<namespace>:config:<name>` form the SDK still reads. */
export function languageHostConfig(config: EngineConfig): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
    const bag: Record<string, string> = {};
    for (const [key, value] of Object.entries(config.values)) {
        const at = key.indexOf(":");
        bag[`${key.slice(0, at)}:config:${key.slice(at + 1)}`] = value;
    }
    return { PULUMI_CONFIG: JSON.stringify(bag), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys) };
}

export function defaultParallel(env: NodeJS.ProcessEnv = process.env): number {
    const fromEnv = Number.parseInt(env.PULUMI_PARALLEL ?? "", 10);
    return fromEnv > 0 ? fromEnv : os.availableParallelism() * 4;
}

/** locateModule: `require.resolve` of the module from the program directory, as `node -e` run there does. */
export function locateModule(mod: string, dir: string): string {
    try {
        return require.resolve(mod, { paths: [dir] });
    } catch {
        throw new Error("It looks like the Pulumi SDK has not been installed. Have you run pulumi install?");
    }
}

export function programLaunch(opts: ProgramLaunchOptions): ProgramLaunch {
    const { programDir, entryPoint } = programLocation(opts.projectDir, opts.main);
    const runPath = locateModule("@pulumi/pulumi/cmd/run", programDir);
    const env = opts.env ?? process.env;
    const args = [
        ...opts.runtime.nodeargs,
        runPath,
        "--monitor",
        opts.engineAddress,
        "--engine",
        opts.engineAddress,
        "--sync",
        opts.pipesDir,
        "--organization",
        opts.organization ?? "organization",
        "--project",
        opts.project,
        "--root-directory",
        opts.projectDir,
        "--stack",
        opts.stack,
        "--pwd",
        programDir,
        "--dry-run",
        "--parallel",
        String(defaultParallel(env)),
        entryPoint,
    ];
    return {
        command: "node",
        args,
        // The language host runs in the program directory (plugin context pwd); run.ts also chdirs to --pwd.
        cwd: programDir,
        env: { ...env, ...languageHostConfig(opts.config), ...typescriptEnv(opts.runtime) },
        programDir,
        entryPoint,
    };
}

export interface ProgramExit {
    /** The RunResponse error the language host would give, if any. */
    error?: string;
    /** Exit code 32: the program already reported its error through the engine (the host "bails"). */
    bail: boolean;
    stdout: string;
    stderr: string;
}

/** Runs the launched program to its end, as execRuntime waits for it. */
export function runLaunchedProgram(launch: ProgramLaunch): Promise<ProgramExit> {
    return new Promise((resolve, reject) => {
        const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0) resolve({ bail: false, stdout, stderr });
            else if (code === 32) resolve({ bail: true, stdout, stderr });
            else resolve({ error: `Program exited with non-zero exit code: ${code}`, bail: false, stdout, stderr });
        });
    });
}

/**
 * createPipes makes a `pulumi-node-pipes*` directory for synchronous invokes and passes it as --sync.
 * @pulumi/pulumi 3.248 never opens the pipes (runtime/settings.ts tryGetSyncInvokes has no callers),
 * so the directory stays empty here.
 */
export function makePipesDir(): { dir: string; remove(): void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-node-pipes"));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
