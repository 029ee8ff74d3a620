// hosts-check as a library: a stack's program through Pulumi's nodejs language-host entry against
// the test engine, the policy pack through Pulumi's analyzer host, and both compared with the
// offline plan. The CLI (tools/hosts/cli.ts) and the tests call these.

import * as fs from "node:fs";
import * as path from "node:path";
import { PlanResult, REPO_ROOT, runPlan, stackTarget } from "../plan/index";
import type { Violation } from "../plan/evaluate";
import { EngineConfig, engineConfig, loadProject, PlanUsageError } from "../plan/project";
import type { RecordedResource } from "../plan/recorder";
import { AnalyzerHost } from "./analyzer-host";
import { analyzerInputs, analyzerProperties, defaultRootStackUrn, resourceViolation, stackViolation } from "./analyzer-inputs";
import { ComparedResource, ComparedRun, Comparison, compareRuns, renderComparison } from "./compare";
import { EngineLogEntry, RunningEngine, startEngine } from "./engine";
import { makePipesDir, ProgramExit, programLaunch, runLaunchedProgram } from "./language-host";
import { loadPolicyPackConfigFile, reconcilePolicyPackConfig } from "./policy-config";
import { NodeRuntimeOptions, readRuntime } from "./project-files";

export interface HostsOptions {
    stack: string;
    projectDir?: string;
    /** Stack config file; default `Pulumi.<stack>.yaml` in the project. */
    configFile?: string;
    /** A program file to run instead of Pulumi.yaml's `main`, as if `main` named it. */
    program?: string;
    /** Policy config file; default `policy/config/<stack>.json` when it exists. */
    policyConfigFile?: string;
    /** The environment the program inherits; default this process's, as a program inherits the CLI's. */
    programEnv?: NodeJS.ProcessEnv;
}

export interface StackContext {
    projectDir: string;
    project: string;
    stack: string;
    config: EngineConfig;
    policyConfigFile?: string;
}

export interface HostsRun {
    resources: RecordedResource[];
    violations: Violation[];
    /** Why the program (or the pack) did not finish, with its output. */
    error?: string;
    /** What the program logged through the engine at warning level or above. */
    log: EngineLogEntry[];
}

/** The organization the DIY backend reports (pkg/backend/diy/backend.go). */
const ORGANIZATION = "organization";

export function stackContext(opts: HostsOptions): StackContext {
    const projectDir = path.resolve(opts.projectDir ?? REPO_ROOT);
    const project = loadProject(projectDir);
    const configFile = opts.configFile ?? path.join(projectDir, `Pulumi.${opts.stack}.yaml`);
    if (!fs.existsSync(configFile)) {
        throw new PlanUsageError(`no stack config file ${configFile}`);
    }
    const defaultPolicyConfig = path.join(projectDir, "policy", "config", `${opts.stack}.json`);
    return {
        projectDir,
        project: project.name,
        stack: opts.stack,
        config: engineConfig(project, configFile),
        policyConfigFile: opts.policyConfigFile ?? (fs.existsSync(defaultPolicyConfig) ? defaultPolicyConfig : undefined),
    };
}

/** Starts the project's policy pack (`policy/`, or `packDir`) for a stack, as `--policy-pack policy` does. */
export function startAnalyzer(ctx: StackContext, engineAddress: string, packDir = path.join(ctx.projectDir, "policy")): Promise<AnalyzerHost> {
    return AnalyzerHost.start({
        packDir,
        runtime: readRuntime(path.join(packDir, "PulumiPolicy.yaml")).options,
        engineAddress,
        organization: ORGANIZATION,
        project: ctx.project,
        stack: ctx.stack,
        config: ctx.config,
    });
}

/** GetAnalyzerInfo, reconcile the config file, Configure; then Analyze each resource and AnalyzeStack. */
export async function analyzeWith(analyzer: AnalyzerHost, ctx: StackContext, resources: readonly RecordedResource[]): Promise<Violation[]> {
    const info = await analyzer.info();
    const fileConfig = ctx.policyConfigFile ? loadPolicyPackConfigFile(ctx.policyConfigFile) : undefined;
    await analyzer.configure(reconcilePolicyPackConfig(info.policies, info.initialConfig, fileConfig));
    const inputs = analyzerInputs(resources);
    const violations: Violation[] = [];
    for (const r of inputs.analyze) {
        violations.push(...(await analyzer.analyze(r)).map((d) => resourceViolation(d, r.urn)));
    }
    const urns = new Set(resources.map((r) => r.urn));
    const rootUrn = defaultRootStackUrn(ctx.stack, ctx.project);
    violations.push(...(await analyzer.analyzeStack(inputs.stack)).map((d) => stackViolation(d, urns, rootUrn)));
    return violations;
}

/** A fresh engine for the stack (one at a time in a process: it uses the SDK's process-wide state). */
export function startStackEngine(ctx: StackContext): Promise<RunningEngine> {
    return startEngine({ project: ctx.project, stack: ctx.stack, config: ctx.config, target: stackTarget(ctx.project, ctx.config) });
}

/**
 * Runs the program to its end through the language-host entry against `engine`. `env` replaces
 * the environment the program inherits (the CLI's, by default); `runtime` replaces Pulumi.yaml's
 * runtime options.
 */
export async function runProgramThroughHost(
    ctx: StackContext,
    engine: RunningEngine,
    opts: { program?: string; env?: NodeJS.ProcessEnv; runtime?: NodeRuntimeOptions } = {},
): Promise<ProgramExit> {
    const pipes = makePipesDir();
    try {
        const project = readRuntime(path.join(ctx.projectDir, "Pulumi.yaml"));
        const main = project.main;
        // The bench compares Pulumi.yaml's runtime options with others.
        const options = opts.runtime ?? project.options;
        const launch = programLaunch({
            projectDir: ctx.projectDir,
            project: ctx.project,
            stack: ctx.stack,
            main: opts.program ? path.relative(ctx.projectDir, path.resolve(opts.program)) : main,
            runtime: options,
            config: ctx.config,
            engineAddress: engine.address,
            pipesDir: pipes.dir,
            organization: ORGANIZATION,
            env: opts.env,
        });
        return await runLaunchedProgram(launch);
    } finally {
        pipes.remove();
    }
}

/**
 * Runs the program through the language-host entry and its resources through the analyzer host.
 * Pass `analyzer` to reuse a pack already started (or still starting) for several runs: the
 * program runs while it starts, and its analysis waits for it. It is sent this stack's
 * ConfigureStack and Configure, which replace all the state the analyzer keeps (stack tags,
 * policy config); only its process environment still names the stack it was started for.
 */
export async function runThroughHosts(opts: HostsOptions, analyzer?: AnalyzerHost | PromiseLike<AnalyzerHost>): Promise<HostsRun> {
    const ctx = stackContext(opts);
    const engine = await startStackEngine(ctx);
    // The CLI loads policy packs before it runs the program, so their start-up overlaps.
    const ownAnalyzer = analyzer ? undefined : startAnalyzer(ctx, engine.address);
    ownAnalyzer?.catch(() => undefined);
    try {
        const exit = await runProgramThroughHost(ctx, engine, { program: opts.program, env: opts.programEnv });
        const log = engine.log.filter((l) => l.severity === "warning" || l.severity === "error");
        const failed = exit.error ?? (exit.bail || engine.failures.length > 0 ? "the program reported errors" : undefined);
        if (failed) {
            const logged = log.filter((l) => l.severity === "error").map((l) => l.message);
            return { resources: engine.resources, violations: [], log, error: [failed, ...logged, exit.stderr.trim()].filter(Boolean).join("\n") };
        }
        const shared = analyzer && (await analyzer);
        if (shared) await shared.configureStack({ organization: ORGANIZATION, project: ctx.project, stack: ctx.stack, config: ctx.config });
        const pack = shared || (await ownAnalyzer!);
        return { resources: engine.resources, violations: await analyzeWith(pack, ctx, engine.resources), log };
    } finally {
        await engine.stop();
        if (ownAnalyzer) await (await ownAnalyzer.catch(() => undefined))?.stop();
    }
}

function comparedResource(r: RecordedResource): ComparedResource {
    return { urn: r.urn, type: r.type, name: r.name, parent: r.parent, provider: r.providerRef, inputs: analyzerProperties(r.wireInputs) };
}

/** The offline plan in the compared form. */
export function comparedPlan(plan: PlanResult): ComparedRun {
    return { resources: plan.resources.map((r) => comparedResource(r.record)), violations: plan.violations, warnings: plan.warnings };
}

/** The hosts run in the compared form. */
export function comparedHostsRun(run: HostsRun): ComparedRun {
    return { resources: run.resources.map(comparedResource), violations: run.violations, warnings: run.log.filter((l) => l.severity === "warning").map((l) => l.message) };
}

export interface HostsCheck {
    offline: PlanResult;
    hosts: HostsRun;
    comparison?: Comparison;
}

/** The offline plan first (it uses the SDK's process-wide state the engine uses next), then the hosts. */
export async function hostsCheck(opts: HostsOptions): Promise<HostsCheck> {
    const offline = await runPlan({ stack: opts.stack, projectDir: opts.projectDir, configFile: opts.configFile, program: opts.program, policyConfigFile: opts.policyConfigFile });
    if (offline.error?.kind === "usage") {
        throw new PlanUsageError(offline.error.message);
    }
    const hosts = await runThroughHosts(opts);
    const comparison = offline.error || hosts.error ? undefined : compareRuns(comparedPlan(offline), comparedHostsRun(hosts));
    return { offline, hosts, comparison };
}

/** What the command prints and its exit code: 0 identical, 1 differences, 2 invalid stack config, 3 a run failed. */
export function hostsCheckReport(check: HostsCheck): { exitCode: 0 | 1 | 2 | 3; stdout: string; stderr: string } {
    if (!check.comparison) {
        const failures = [check.offline.error && `offline plan: ${check.offline.error.message.trim()}`, check.hosts.error && `through Pulumi's hosts: ${check.hosts.error}`];
        return { exitCode: check.offline.error?.kind === "config" ? 2 : 3, stdout: "", stderr: `${failures.filter(Boolean).join("\n")}\n` };
    }
    return { exitCode: check.comparison.identical ? 0 : 1, stdout: `${renderComparison(check.comparison)}\n`, stderr: "" };
}
