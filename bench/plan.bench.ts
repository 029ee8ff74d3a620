// Whole-process time of the offline plan for each shipped stack, against an empty program
// run through the same runner (so loading Node, the SDKs and the policy pack cancels out).
// Target: a stack's plan within 1.5x of the empty program's.

import { Benchmark, BenchRow, interleavedMedians, ratio, TSX } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

export const benchmark: Benchmark = {
    name: "offline plan",
    async run(): Promise<BenchRow[]> {
        const plan = (...args: string[]) => [TSX, "tools/plan.ts", ...args];
        const medians = interleavedMedians(
            {
                empty: plan("--stack", "dev", "--program", "tests/fixtures/programs/empty.ts"),
                dev: plan("--stack", "dev"),
                prod: plan("--stack", "prod"),
            },
            ROUNDS,
        );
        return [
            { benchmark: this.name, case: "empty program (baseline)", medianMs: medians.empty, notes: `${ROUNDS} runs` },
            { benchmark: this.name, case: "stack dev", medianMs: medians.dev, notes: `${ratio(medians.dev, medians.empty)} of empty (target <= 1.5x)` },
            { benchmark: this.name, case: "stack prod", medianMs: medians.prod, notes: `${ratio(medians.prod, medians.empty)} of empty (target <= 1.5x)` },
        ];
    },
};
