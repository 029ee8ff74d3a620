// npm run bench [-- <filter>]: runs every bench/*.bench.ts and prints one table.

import * as fs from "node:fs";
import * as path from "node:path";
import type { Benchmark, BenchRow } from "./harness";

async function main(): Promise<void> {
    const filter = process.argv[2];
    const files = fs
        .readdirSync(__dirname)
        .filter((f) => f.endsWith(".bench.ts"))
        .sort();
    const rows: BenchRow[] = [];
    for (const file of files) {
        const { benchmark } = require(path.join(__dirname, file)) as { benchmark: Benchmark };
        if (filter && !benchmark.name.includes(filter) && !file.includes(filter)) {
            continue;
        }
        process.stderr.write(`running ${benchmark.name}...\n`);
        rows.push(...(await benchmark.run()));
    }
    const header = ["benchmark", "case", "median ms", "notes"];
    const table = rows.map((r) => [r.benchmark, r.case, r.medianMs.toFixed(1), r.notes]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    table.forEach((row) => console.log(line(row)));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
