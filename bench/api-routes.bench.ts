// Offline plan of one API with 10, 100 and 1,000 routes, each on a path of its own, as whole
// processes through the plan command (`npm run plan`). Routes live in the OpenAPI body, so the
// resource count must not grow with them (target: the same for all three) and neither should the
// time much (target: 1,000 routes within 1.2x of 10). 1,000 distinct paths are 1,001 API Gateway
// resources, past the default quota of 300, so the API sets its raised quota (`resourceQuota`).
// The API passes the dev policy config (API keys through a usage plan), so the plan's time is the
// program's and the pack's, not a thousand violations printed.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { Benchmark, BenchRow, goal, interleavedMedians, PLAN, REPO_ROOT, timeProcess } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUTE_COUNTS = [10, 100, 1000];
const TARGET = 1.2;

/** One route per path, alternately an HTTP proxy and a mock. */
function routes(count: number): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, i) => {
        const path = `/items${i}`;
        const integration = i % 2 === 0 ? { type: "HTTP_PROXY", uri: `https://backend.example.com${path}` } : { type: "MOCK" };
        return { path, method: "GET", integration };
    });
}

function writeStack(dir: string, count: number): string {
    const doc = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"));
    doc.config["gatevault:apis"] = [
        {
            name: "bench",
            throttle: { rateLimit: 100, burstLimit: 200 },
            cors: { allowOrigins: ["https://app.example.com"] },
            requireApiKey: true,
            usagePlans: { standard: { throttle: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 100_000, period: "DAY" } } },
            clients: { "bench-client": { tier: "standard" } },
            routes: routes(count),
            resourceQuota: 1100,
        },
    ];
    const file = path.join(dir, `Pulumi.bench-${count}.yaml`);
    fs.writeFileSync(file, stringifyYaml(doc));
    return file;
}

export const benchmark: Benchmark = {
    name: "api routes",
    async run(): Promise<BenchRow[]> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-bench-"));
        try {
            const plan = (count: number) => [...PLAN, "--stack", "dev", "--config-file", writeStack(dir, count)];
            // The summary line, not --json: the CLI exits before a large JSON document is fully written to a pipe.
            const resources = Object.fromEntries(
                ROUTE_COUNTS.map((n) => {
                    const summary = /Summary: (\d+) resources?/.exec(timeProcess(plan(n)).stdout);
                    if (!summary) throw new Error(`no summary line in the plan of ${n} routes`);
                    return [n, Number(summary[1])];
                }),
            );
            const medians = interleavedMedians(Object.fromEntries(ROUTE_COUNTS.map((n) => [String(n), plan(n)])), ROUNDS);
            const same = new Set(Object.values(resources)).size === 1;
            return ROUTE_COUNTS.map((n) => ({
                benchmark: this.name,
                case: `${n} routes`,
                medianMs: medians[String(n)],
                notes:
                    `${resources[n]} resources${same ? " (same for all: target met)" : " (differs: target missed)"}` +
                    (n === 10 ? `, ${ROUNDS} runs` : `, ${goal(medians[String(n)], medians["10"], TARGET, "10 routes")}`),
            }));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    },
};
