// `pulumi preview`'s program start: the prod stack's program run exactly as Pulumi's nodejs
// language host runs it (node <Pulumi.yaml nodeargs> @pulumi/pulumi/cmd/run ...; Pulumi.yaml turns
// the `typescript` option off and requires loader/register.js) against the hosts-check test engine,
// versus the offline plan of the same stack as a whole process. Warm: the loader's cache filled by an
// earlier run, as on any machine after the first preview; cold: the loader's and the handler
// bundles' caches emptied before each run, as in a fresh CI checkout. For comparison, the start
// before this setting: ts-node with transpileOnly from tsconfig.json's ts-node section (what cmd/run
// registers when `typescript` is on), and with ts-node type-checking (PULUMI_NODEJS_TRANSPILE_ONLY=false).
// Target: the program under Pulumi's loader within 2x of the offline plan.

import { runProgramThroughHost, stackContext, startStackEngine } from "../tools/hosts/index";
import type { NodeRuntimeOptions } from "../tools/hosts/project-files";
import { Benchmark, BenchRow, emptyCaches, goal, median, PLAN, ratio, timeProcess } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STACK = "prod";
const TS_NODE: NodeRuntimeOptions = { typescript: true, nodeargs: [] };

async function timeThroughHost(opts: { env?: NodeJS.ProcessEnv; runtime?: NodeRuntimeOptions } = {}): Promise<number> {
    const ctx = stackContext({ stack: STACK });
    const engine = await startStackEngine(ctx);
    try {
        const start = process.hrtime.bigint();
        const exit = await runProgramThroughHost(ctx, engine, { env: opts.env ?? process.env, runtime: opts.runtime });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (exit.error || exit.bail) {
            throw new Error(`program under cmd/run failed: ${exit.error ?? "bailed"}\n${exit.stderr}`);
        }
        return ms;
    } finally {
        await engine.stop();
    }
}

export const benchmark: Benchmark = {
    name: "preview start",
    async run(): Promise<BenchRow[]> {
        const samples = { offline: [] as number[], warm: [] as number[], cold: [] as number[], tsNode: [] as number[], typeChecked: [] as number[] };
        // Interleaved, so that the machine's load hits all of them alike.
        for (let i = 0; i < ROUNDS; i++) {
            emptyCaches();
            samples.cold.push(await timeThroughHost());
            // Untimed: fills the caches only the offline plan uses (policy-config validators, the
            // CloudFormation extract), so that the timed plan below is as warm as the program.
            timeProcess([...PLAN, "--stack", STACK]);
            samples.offline.push(timeProcess([...PLAN, "--stack", STACK]).ms);
            samples.warm.push(await timeThroughHost());
            samples.tsNode.push(await timeThroughHost({ runtime: TS_NODE }));
            samples.typeChecked.push(await timeThroughHost({ runtime: TS_NODE, env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "false" } }));
        }
        const [offline, warm, cold, tsNode, typeChecked] = [samples.offline, samples.warm, samples.cold, samples.tsNode, samples.typeChecked].map(median);
        const ofOffline = (ms: number) => `${ratio(ms, offline)} of offline plan`;
        return [
            { benchmark: this.name, case: `offline plan, stack ${STACK} (whole process)`, medianMs: offline, notes: `${ROUNDS} runs of each, interleaved` },
            { benchmark: this.name, case: "program under Pulumi's cmd/run, as Pulumi.yaml sets it (loader, warm cache)", medianMs: warm, notes: goal(warm, offline, 2, "offline plan") },
            { benchmark: this.name, case: "same, caches empty (first run)", medianMs: cold, notes: ofOffline(cold) },
            { benchmark: this.name, case: "before: ts-node, transpileOnly (typescript: true)", medianMs: tsNode, notes: `${ofOffline(tsNode)}; ${ratio(tsNode, warm)} of the loader's` },
            { benchmark: this.name, case: "ts-node type-checking", medianMs: typeChecked, notes: `${ofOffline(typeChecked)}; ${ratio(typeChecked, warm)} of the loader's` },
        ];
    },
};
