// `pulumi preview`'s program start: the prod stack's program run exactly as Pulumi's nodejs
// language host runs it (node @pulumi/pulumi/cmd/run, which registers ts-node with the project's
// tsconfig.json; its ts-node section asks for transpileOnly) against the hosts-check test engine,
// versus the offline plan of the same stack as a whole process. Also the same start with ts-node
// type-checking (PULUMI_NODEJS_TRANSPILE_ONLY=false, which cmd/run/run.ts reads first): what every
// preview paid before the deploy path's setting, and what `npm test` keeps doing once with tsc.
// Target: the program under Pulumi's loader within 2x of the offline plan.

import { runProgramThroughHost, stackContext, startStackEngine } from "../tools/hosts/index";
import { Benchmark, BenchRow, goal, median, PLAN, ratio, timeProcess } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STACK = "prod";

async function timeThroughHost(env: NodeJS.ProcessEnv): Promise<number> {
    const ctx = stackContext({ stack: STACK });
    const engine = await startStackEngine(ctx);
    try {
        const start = process.hrtime.bigint();
        const exit = await runProgramThroughHost(ctx, engine, { env });
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
        const samples = { offline: [] as number[], pulumi: [] as number[], typeChecked: [] as number[] };
        // Interleaved, so that the machine's load hits all three alike.
        for (let i = 0; i < ROUNDS; i++) {
            samples.offline.push(timeProcess([...PLAN, "--stack", STACK]).ms);
            samples.pulumi.push(await timeThroughHost(process.env));
            samples.typeChecked.push(await timeThroughHost({ ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "false" }));
        }
        const [offline, pulumi, typeChecked] = [samples.offline, samples.pulumi, samples.typeChecked].map(median);
        return [
            { benchmark: this.name, case: `offline plan, stack ${STACK} (whole process)`, medianMs: offline, notes: `${ROUNDS} runs` },
            { benchmark: this.name, case: "program under Pulumi's cmd/run (ts-node, transpileOnly)", medianMs: pulumi, notes: goal(pulumi, offline, 2, "offline plan") },
            { benchmark: this.name, case: "same, ts-node type-checking (before)", medianMs: typeChecked, notes: `${ratio(typeChecked, offline)} of offline plan; ${ratio(typeChecked, pulumi)} of transpileOnly` },
        ];
    },
};
