// The local gateway (`npm run local`) on one core: requests per second through a MOCK route
// and a Lambda proxy route (the function bundled and run in-process), and the time from the
// command's start to its `listening` line, against the offline plan of the same stack (whole
// process). The server is pinned to one CPU with taskset; autocannon drives it from this
// process with 10 keep-alive connections, after a two-second warm-up of each route. Targets: MOCK >= 2,000 requests/s, Lambda proxy
// >= 1,000 requests/s, startup within 1.5x of the offline plan.

import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import autocannon from "autocannon";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { Benchmark, BenchRow, goal, median, PLAN, REPO_ROOT, timeProcess, TS_ENTRY } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_LOCAL_SECONDS ?? 3);
const FUNCTION_ARN = "arn:aws:lambda:eu-west-1:111111111111:function:bench-echo";

/** The dev stack with one API whose limits never throttle the benchmark. */
function writeStack(dir: string): string {
    const doc = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"));
    doc.config["gatevault:apis"] = [
        {
            name: "bench",
            throttle: { rateLimit: 1_000_000, burstLimit: 1_000_000 },
            stage: { name: "bench" },
            routes: [
                { path: "/mock", method: "GET", integration: { type: "MOCK", responses: [{ statusCode: "200", templates: { "application/json": '{"status": "ok", "stage": "$context.stage"}' } }] } },
                { path: "/echo", method: "GET", integration: { type: "LAMBDA", function: FUNCTION_ARN } },
            ],
        },
    ];
    const file = path.join(dir, "Pulumi.bench.yaml");
    fs.writeFileSync(file, stringifyYaml(doc));
    return file;
}

interface Started {
    child: ChildProcess;
    url: string;
    ms: number;
}

/** Starts `npm run local` (as package.json does, pinned to CPU 0) and resolves at its listening line. */
function startLocal(stackFile: string, keysDir: string): Promise<Started> {
    const started = process.hrtime.bigint();
    const args = [process.execPath, ...TS_ENTRY, "tools/local.ts", "--stack", "bench", "--config-file", stackFile, "--port", "0", "--keys-dir", keysDir, "--function", `bench-echo=${path.join(REPO_ROOT, "bench/fixtures/echo-handler.ts")}`];
    const child = spawn("taskset", ["-c", "0", ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    return new Promise((resolve, reject) => {
        child.stdout!.on("data", (d) => {
            stdout += d;
            const m = /listening on (\S+)\n/.exec(stdout);
            if (m) {
                // Access log lines follow on stdout; nobody reads them during the run.
                child.stdout!.removeAllListeners("data");
                child.stdout!.resume();
                resolve({ child, url: m[1], ms: Number(process.hrtime.bigint() - started) / 1e6 });
            }
        });
        child.on("exit", (code) => reject(new Error(`npm run local exited ${code} before listening:\n${stdout}`)));
    });
}

async function stop(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGINT");
    await exited;
}

async function requestsPerSecond(url: string, seconds = SECONDS): Promise<{ rps: number; non2xx: number }> {
    const result = await autocannon({ url, connections: 10, duration: seconds });
    return { rps: result.requests.average, non2xx: result.non2xx };
}

export const benchmark: Benchmark = {
    name: "local gateway",
    async run(): Promise<BenchRow[]> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-bench-local-"));
        const stackFile = writeStack(dir);
        const keysDir = path.join(dir, "keys");
        const startup: number[] = [];
        const plan: number[] = [];
        const mock: number[] = [];
        const lambda: number[] = [];
        let failures = 0;
        for (let i = 0; i < ROUNDS; i++) {
            plan.push(timeProcess([...PLAN, "--stack", "bench", "--config-file", stackFile], [0, 1]).ms);
            const local = await startLocal(stackFile, keysDir);
            startup.push(local.ms);
            try {
                // A fresh process is cold (JIT, first bundle calls): warm both routes up before measuring,
                // and alternate which route goes first so that neither always meets the colder server.
                await requestsPerSecond(`${local.url}/mock`, 2);
                await requestsPerSecond(`${local.url}/echo`, 2);
                const mockFirst = i % 2 === 0;
                const first = await requestsPerSecond(`${local.url}/${mockFirst ? "mock" : "echo"}`);
                const second = await requestsPerSecond(`${local.url}/${mockFirst ? "echo" : "mock"}`);
                const [m, l] = mockFirst ? [first, second] : [second, first];
                mock.push(m.rps);
                lambda.push(l.rps);
                failures += m.non2xx + l.non2xx;
            } finally {
                await stop(local.child);
            }
        }
        const [s, p] = [median(startup), median(plan)];
        const note = (rps: number[], target: number) => `${median(rps).toFixed(0)} requests/s on one core (target >= ${target}); ${failures} non-2XX answers; ${ROUNDS} runs of ${SECONDS} s, 10 connections`;
        return [
            { benchmark: this.name, case: "MOCK route, requests/s", medianMs: 1000 / median(mock), notes: note(mock, 2000) },
            { benchmark: this.name, case: "Lambda proxy route, requests/s", medianMs: 1000 / median(lambda), notes: note(lambda, 1000) },
            { benchmark: this.name, case: "offline plan of the stack (baseline)", medianMs: p, notes: `whole process, ${ROUNDS} runs` },
            { benchmark: this.name, case: "command start to listening", medianMs: s, notes: goal(s, p, 1.5, "the offline plan") },
        ];
    },
};
