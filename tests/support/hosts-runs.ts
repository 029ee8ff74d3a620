// One run through Pulumi's own hosts per case, shared by the test files that read it. Each case
// costs a program process under Pulumi's cmd/run; the policy-pack process is shared. The programs run one
// after another, because the test engine uses the SDK's process-wide state (as the offline plan
// does). Beside them, the pack is published and installed as Pulumi does it
// (tools/policy-pack/publish.ts) and started from where it was installed. All of it happens in a
// child process of its own (./background.ts), started when mocha loads (./background-start.ts),
// so that it runs beside the in-process tests and their plans.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AnalyzerHost, AnalyzerInfo } from "../../tools/hosts/analyzer-host";
import { analyzeWith, HostsRun, runThroughHosts, StackContext, stackContext, startAnalyzer } from "../../tools/hosts/index";
import type { Violation } from "../../tools/plan/evaluate";
import { REPO_ROOT } from "../../tools/plan/index";
import { DEFAULT_INSTALL_CACHE, InstalledPack, publishAndInstall } from "../../tools/policy-pack/publish";
import { callInChild } from "./background";

export const NONCOMPLIANT_PROGRAM = path.join(REPO_ROOT, "tests", "fixtures", "noncompliant", "program.ts");

/** What loaded the program's TypeScript in the process Pulumi's cmd/run started (tests/support/loader-probe.js). */
export interface LoaderSeen {
    tsNode: boolean;
    /** The name of the function Node calls for `.ts` files, and the file that exports it. */
    tsExtension: string | null;
    definedIn: string | null;
    typescriptModules: number;
    sourceMapsEnabled: boolean;
    awsIndexLoaded: boolean;
    awsxLoaded: boolean;
}

export interface HostsCase {
    run: HostsRun;
    loader: LoaderSeen | null;
}

/** The pack as `pulumi policy publish` ships it, installed and started as the Pulumi CLI does. */
export interface PublishedPackRun {
    /** Why publishing, installing or starting it failed. */
    error?: string;
    /** `npm pack`'s stdout, which Pulumi reads as the tarball's name. */
    packStdout?: string;
    /** The tarball's entries. */
    files?: string[];
    /** False when an install of the same files, npm and Node was reused. */
    installedNow?: boolean;
    /** The versions installed beside it (node_modules/<name>/package.json). */
    installed?: Record<string, string>;
    /** GetAnalyzerInfo of the pack in the repository: what `pulumi policy publish` uploads. */
    repoInfo?: AnalyzerInfo;
    /** GetAnalyzerInfo of the installed pack. */
    info?: AnalyzerInfo;
    /** The non-compliant fixture's resources (its run through the hosts) analyzed by the installed pack. */
    noncompliantViolations?: Violation[];
}

export interface HostsRuns {
    dev: HostsCase;
    prod: HostsCase;
    /** The non-compliant fixture on the prod stack. */
    noncompliant: HostsCase;
    published: PublishedPackRun;
}

let runs: PromiseLike<HostsRuns> | undefined;

/** The CLI's environment plus a preloaded probe; cmd/run decides its loader from execArgv and its own variables, not NODE_OPTIONS. */
function probedEnv(file: string): NodeJS.ProcessEnv {
    const probe = `--require ${JSON.stringify(path.join(__dirname, "loader-probe.js"))}`;
    return { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, probe].filter(Boolean).join(" "), GATEVAULT_LOADER_PROBE: file };
}

async function probed(run: (env: NodeJS.ProcessEnv) => Promise<HostsRun>): Promise<HostsCase> {
    const file = path.join(os.tmpdir(), `gatevault-loader-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
    try {
        const result = await run(probedEnv(file));
        return { run: result, loader: fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as LoaderSeen) : null };
    } finally {
        fs.rmSync(file, { force: true });
    }
}

/** The three runs, in this process; `hostsRuns` calls it in a child process. */
export async function runAllThroughHosts(): Promise<HostsRuns> {
    // One policy pack for the three runs: its start type-checks the pack (about 14 s of CPU).
    // `npm run hosts-check` starts one per stack, as the CLI does; here the pack's process
    // environment names the prod stack during the dev run too, which nothing in policy/ reads
    // (it never calls pulumi.getStack or pulumi.Config), and each run sends its own
    // ConfigureStack and Configure. The pack never uses the engine address it is given
    // (cmd/run-policy-pack drops it).
    const prodStack = stackContext({ stack: "prod" });
    const pack = startAnalyzer(prodStack, "127.0.0.1:0");
    pack.catch(() => undefined);
    // Published, installed and started beside the programs' runs: npm and the pack are processes of their own.
    const published = startPublishedPack(prodStack);
    try {
        // Each program runs while the pack is still starting; only its analysis waits for the pack.
        const dev = await probed((env) => runThroughHosts({ stack: "dev", programEnv: env }, pack));
        const prod = await probed((env) => runThroughHosts({ stack: "prod", programEnv: env }, pack));
        const noncompliant = await probed((env) => runThroughHosts({ stack: "prod", program: NONCOMPLIANT_PROGRAM, programEnv: env }, pack));
        return { dev, prod, noncompliant, published: await finishPublishedPack(published, await pack, prodStack, noncompliant.run) };
    } finally {
        await (await pack.catch(() => undefined))?.stop();
        const started = await published.catch(() => undefined);
        await started?.analyzer?.stop();
        started?.installed?.remove();
    }
}

interface StartedPublishedPack {
    installed?: InstalledPack;
    analyzer?: AnalyzerHost;
    error?: string;
}

/** Publishes and installs the pack as Pulumi does, then starts it where it was installed. */
async function startPublishedPack(prod: StackContext): Promise<StartedPublishedPack> {
    const started: StartedPublishedPack = {};
    try {
        // An install of the same files with the same npm and Node is reused (tools/policy-pack/publish.ts);
        // GATEVAULT_PACK_INSTALL_CACHE=off installs every time, as a fresh machine does.
        const installCache = process.env.GATEVAULT_PACK_INSTALL_CACHE === "off" ? undefined : DEFAULT_INSTALL_CACHE;
        started.installed = await publishAndInstall(path.join(REPO_ROOT, "policy"), { installCache });
        started.analyzer = await startAnalyzer(prod, "127.0.0.1:0", started.installed.dir);
    } catch (err) {
        started.error = (err as Error).message;
    }
    return started;
}

/** The installed pack's GetAnalyzerInfo and its analysis of the non-compliant resources, beside the repository pack's GetAnalyzerInfo. */
async function finishPublishedPack(starting: Promise<StartedPublishedPack>, repoPack: AnalyzerHost, prod: StackContext, noncompliant: HostsRun): Promise<PublishedPackRun> {
    const result: PublishedPackRun = { repoInfo: await repoPack.info() };
    const { installed, analyzer, error } = await starting;
    result.packStdout = installed?.packStdout;
    result.files = installed?.files;
    result.installedNow = installed?.installedNow;
    try {
        if (error) throw new Error(error);
        result.installed = Object.fromEntries(
            ["@pulumi/policy", "@pulumi/pulumi", "typescript", "ts-node", "@gatevault/aws-model"].map((name) => [
                name,
                (JSON.parse(fs.readFileSync(path.join(installed!.dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version,
            ]),
        );
        result.info = await analyzer!.info();
        result.noncompliantViolations = await analyzeWith(analyzer!, prod, noncompliant.resources);
    } catch (err) {
        result.error = (err as Error).message;
    }
    return result;
}

/** Starts the runs (once per test process) and resolves with them. */
export function hostsRuns(): PromiseLike<HostsRuns> {
    runs ??= callInChild<HostsRuns>(__filename, "runAllThroughHosts");
    return runs;
}
