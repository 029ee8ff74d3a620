// Whole-process time of the offline plan (`npm run plan`) for each shipped stack, against the
// floor: Node loading @pulumi/pulumi and nothing else (`node -e 'require("@pulumi/pulumi")'`),
// which no plan can beat. Goal: the prod stack's plan within 1.5x of the floor. An empty program
// through the same command is shown too: what the command costs before the program does anything.
// Warm: the caches the plan keeps on disk (transpiled TypeScript, handler bundles, policy-config
// validators) filled by an earlier run; cold: emptied before each run, as in a fresh checkout.

import { Benchmark, BenchRow, emptyCaches, goal, interleavedMedians, PLAN, ratio } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET = 1.5;

export const benchmark: Benchmark = {
    name: "offline plan",
    async run(): Promise<BenchRow[]> {
        const plan = (...args: string[]) => [...PLAN, ...args];
        const medians = interleavedMedians(
            {
                floor: ["-e", 'require("@pulumi/pulumi")'],
                empty: plan("--stack", "dev", "--program", "tests/fixtures/programs/empty.ts"),
                dev: plan("--stack", "dev"),
                prod: plan("--stack", "prod"),
                prodCold: plan("--stack", "prod"),
            },
            ROUNDS,
            { prodCold: emptyCaches },
        );
        const ofFloor = (ms: number) => ratio(ms, medians.floor) + " of the floor";
        return [
            { benchmark: this.name, case: "floor: node -e 'require(\"@pulumi/pulumi\")'", medianMs: medians.floor, notes: `${ROUNDS} runs each, interleaved` },
            { benchmark: this.name, case: "empty program", medianMs: medians.empty, notes: ofFloor(medians.empty) },
            { benchmark: this.name, case: "stack dev", medianMs: medians.dev, notes: `${ofFloor(medians.dev)}; ${ratio(medians.dev, medians.empty)} of empty` },
            { benchmark: this.name, case: "stack prod (warm caches)", medianMs: medians.prod, notes: `${goal(medians.prod, medians.floor, TARGET, "the floor")}; ${ratio(medians.prod, medians.empty)} of empty` },
            { benchmark: this.name, case: "stack prod, caches empty (first run)", medianMs: medians.prodCold, notes: ofFloor(medians.prodCold) },
        ];
    },
};
