// How the upload function gets the AWS SDK: bundled (what ships, components/functions/bundle.ts)
// against left external for the Lambda runtime's copy, the way it shipped before. For each
// variant of the same entry: the deployment package's size (index.js, and deflated as in the
// .zip), and in a fresh Node process per run the cold-start parts measurable here: loading
// index.js (`require`) and the first invocation (start an upload: S3 client set-up and one
// presigned PUT, no network). The external variant resolves the SDK from the repository's
// node_modules through NODE_PATH, as Lambda resolves its own copy (NODE_PATH includes
// /var/runtime/node_modules; nodejs-package.html#nodejs-package-searchpath). Runs interleave.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deflateRawSync } from "node:zlib";
import * as esbuild from "esbuild";
import { handlerBuildOptions } from "../components/functions/bundle";
import { uploadEnvironment } from "../functions/uploads/settings";
import { uploadSettings } from "../tests/functions/support/upload-harness";
import { Benchmark, BenchRow, median, ratio, REPO_ROOT } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5) * 2;
const ENTRY = "functions/uploads/handler.ts";

const VARIANTS: Record<string, Partial<esbuild.BuildOptions>> = {
    "SDK external (runtime's copy)": { external: ["@aws-sdk/*"] },
    "SDK bundled (shipped)": {},
    "SDK bundled, CommonJS builds (main fields)": { mainFields: ["main", "module"] },
    "SDK bundled, minified": { minify: true },
};

// Loads index.js and starts one upload, then prints the two times as JSON on stderr (the
// handler's own log goes to stdout).
const PROBE = `
const t0 = process.hrtime.bigint();
const { handler } = require(process.argv[1]);
const t1 = process.hrtime.bigint();
handler({ httpMethod: "POST", resource: "/uploads", body: JSON.stringify({ contentType: "application/pdf", size: 1000, fileName: "a.pdf" }), requestContext: { authorizer: { principalId: "alice" } } }).then((r) => {
    if (r.statusCode !== 201) throw new Error(r.body);
    process.stderr.write(JSON.stringify({ load: Number(t1 - t0) / 1e6, invoke: Number(process.hrtime.bigint() - t1) / 1e6 }));
});`;

export const benchmark: Benchmark = {
    name: "lambda bundle",
    async run(): Promise<BenchRow[]> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-bundle-bench-"));
        const env = {
            ...process.env,
            ...(uploadEnvironment(uploadSettings()) as Record<string, string>),
            AWS_REGION: "eu-west-1",
            AWS_ACCESS_KEY_ID: "AKIAEXAMPLEBENCH",
            AWS_SECRET_ACCESS_KEY: "bench-secret",
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            NODE_PATH: path.join(REPO_ROOT, "node_modules"),
        };
        try {
            const files: Record<string, { file: string; bytes: number; deflated: number }> = {};
            for (const [name, options] of Object.entries(VARIANTS)) {
                const code = esbuild.buildSync({ ...handlerBuildOptions(ENTRY), ...options, write: false }).outputFiles[0].contents;
                const file = path.join(dir, `${Object.keys(files).length}`, "index.js");
                fs.mkdirSync(path.dirname(file));
                fs.writeFileSync(file, code);
                files[name] = { file, bytes: code.length, deflated: deflateRawSync(code, { level: 9 }).length };
            }
            const samples: Record<string, { load: number[]; invoke: number[] }> = Object.fromEntries(Object.keys(files).map((n) => [n, { load: [], invoke: [] }]));
            for (let round = 0; round < ROUNDS; round++) {
                for (const [name, { file }] of Object.entries(files)) {
                    const run = spawnSync(process.execPath, ["-e", PROBE, file], { cwd: dir, env, encoding: "utf8" });
                    if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
                    const times = JSON.parse(run.stderr) as { load: number; invoke: number };
                    samples[name].load.push(times.load);
                    samples[name].invoke.push(times.invoke);
                }
            }
            const shipped = "SDK bundled (shipped)";
            const baseLoad = median(samples[shipped].load);
            const baseColdStart = baseLoad + median(samples[shipped].invoke);
            return Object.entries(files).map(([name, { bytes, deflated }]) => {
                const load = median(samples[name].load);
                const invoke = median(samples[name].invoke);
                return {
                    benchmark: this.name,
                    case: `upload handler, ${name}: load index.js`,
                    medianMs: load,
                    notes: `${(bytes / 1024).toFixed(0)} KiB, ${(deflated / 1024).toFixed(0)} KiB deflated; load ${ratio(load, baseLoad)} of shipped; first invocation ${invoke.toFixed(1)} ms; load + first invocation ${ratio(load + invoke, baseColdStart)} of shipped; ${ROUNDS} runs`,
                };
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    },
};
