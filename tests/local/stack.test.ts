// `npm run local` on a shipped stack: the emulator serves the document and stage settings the
// program deploys (checked against the offline plan's recorded RestApi, Stage, MethodSettings
// and UsagePlan inputs), runs the stack's own functions (the JWT authorizer and the upload
// function) from their bundles, mints local tokens, and as a command prints its listening line
// and stops cleanly on Ctrl-C.

import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { parseLocalArgs } from "../../tools/local/args";
import { loadStack, LocalUsageError } from "../../tools/local/stack";
import { startLocalStack, type RunningStack } from "../../tools/local/start";
import { localToken } from "../../tools/local/token";
import { REPO_ROOT } from "../../tools/plan/index";
import { planLookups, rawInputs } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";

/** Equal, except where a value only AWS knows (an ARN or id) stands in either document. */
function sameApartFromIds(local: unknown, deployed: unknown, at = "$"): void {
    const isId = (v: unknown) => typeof v === "string" && /arn:aws|vpce-|^local-|@@gatevault/.test(v);
    if (isId(local) && isId(deployed)) return;
    if (typeof local !== "object" || local === null || typeof deployed !== "object" || deployed === null) {
        expect(local, at).to.deep.equal(deployed);
        return;
    }
    expect(Object.keys(local), at).to.deep.equal(Object.keys(deployed));
    for (const key of Object.keys(local)) sameApartFromIds((local as any)[key], (deployed as any)[key], `${at}.${key}`);
}

/** `npm run local` as a child process; resolves with its URL once it prints the listening line. */
function startCommand(keysDir: string) {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/local.ts", "--stack", "dev", "--api", "orders", "--port", "0", "--keys-dir", keysDir], { cwd: REPO_ROOT });
    let stdout = "";
    const listening = new Promise<string>((resolve, reject) => {
        child.stdout!.on("data", (d) => {
            stdout += d;
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/dev)\n/.exec(stdout);
            if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code} before listening:\n${stdout}`)));
    });
    listening.catch(() => undefined);
    return { child, stdout: () => stdout, listening };
}

describe("npm run local: the dev stack's orders API", function () {
    this.timeout(60_000);
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-local-keys-"));
    let running: RunningStack;
    let backend: http.Server;
    const seen: string[] = [];
    let command: { child: ChildProcess; stdout: () => string; listening: Promise<string> };

    before(async () => {
        // The command starts first and gets ready while the in-process tests run.
        command = startCommand(keysDir);
        backend = http.createServer((req, res) => {
            seen.push(`${req.method} ${req.url}`);
            res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ orders: [{ order_id: "o-1", status: "PAID", total_cents: 1250, created_at: "2026-11-26T12:00:00Z", lines: [] }] }));
        });
        await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
        running = await startLocalStack({
            stack: "dev",
            api: "orders",
            port: 0,
            keysDir,
            backends: { "orders.dev.example.com": `http://127.0.0.1:${(backend.address() as AddressInfo).port}` },
            accessLog: () => undefined,
            warn: () => undefined,
            functionLog: () => undefined,
        });
    });
    after(async () => {
        if (command.child.exitCode === null) command.child.kill("SIGKILL");
        await running?.close();
        backend.closeAllConnections();
        await new Promise<void>((resolve) => backend.close(() => resolve()));
    });

    it("serves the document, stage, method settings and usage plans the program deploys", async () => {
        const plan = planLookups(await shippedPlan("dev"));
        const d = running.definition;
        sameApartFromIds(d.document, JSON.parse(rawInputs(plan.one("aws:apigateway/restApi:RestApi", "orders-rest-api")).body));
        const stage = rawInputs(plan.one("aws:apigateway/stage:Stage", "orders-stage"));
        expect([d.stage.name, d.stage.accessLogFormat, d.stage.cacheClusterEnabled]).to.deep.equal([stage.stageName, stage.accessLogSettings.format, stage.cacheClusterEnabled]);
        const settings = plan.ofType("aws:apigateway/methodSettings:MethodSettings").filter((r) => r.name.startsWith("orders-")).map(rawInputs);
        expect(d.stage.methodSettings).to.deep.equal(Object.fromEntries(settings.map((s) => [s.methodPath, s.settings])));
        const plans = plan.ofType("aws:apigateway/usagePlan:UsagePlan").filter((r) => r.name.startsWith("orders-")).map(rawInputs);
        expect(d.usagePlans.map((p) => ({ name: `orders-${p.name}`, throttle: p.throttle, quota: p.quota?.limit }))).to.deep.equal(
            plans.map((p) => ({ name: p.name, throttle: p.throttleSettings, quota: p.quotaSettings.limit })),
        );
    });

    it("answers the MOCK health route with the client's local API key, and 403 without it", async () => {
        const [key] = Object.values(running.apiKeys);
        const ok = await fetch(`${running.url}/health`, { headers: { "x-api-key": key } });
        expect([ok.status, await ok.json()]).to.deep.equal([200, { status: "ok", stage: "dev" }]);
        expect((await fetch(`${running.url}/health`)).status).to.equal(403);
    });

    it("answers the preflight from the document's OPTIONS method with its CORS headers", async () => {
        const preflight = await fetch(`${running.url}/orders`, { method: "OPTIONS", headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "GET" } });
        expect(preflight.status).to.equal(200);
        expect(preflight.headers.get("access-control-allow-origin")).to.equal("http://localhost:3000");
    });

    it("verifies a minted token with the stack's JWT authorizer code, and maps the backend's answer with the shipped template", async () => {
        const token = await localToken({ stack: "dev", subject: "alice", scopes: ["orders/read"], groups: [], ttlSeconds: 300, keysDir });
        const list = await fetch(`${running.url}/orders?cursor=c1`, { headers: { Authorization: `Bearer ${token}` } });
        expect(list.status).to.equal(200);
        expect(seen[seen.length - 1]).to.equal("GET /orders?cursor=c1");
        expect(await list.json()).to.deep.equal({ items: [{ id: "o-1", status: "PAID", createdAt: "2026-11-26T12:00:00Z", totalCents: 1250 }] });
        // orders/read does not grant POST /orders: the authorizer's policy does not cover it.
        expect((await fetch(`${running.url}/orders`, { method: "POST", headers: { Authorization: `Bearer ${token}` } })).status).to.equal(403);
        expect((await fetch(`${running.url}/orders`, { headers: { Authorization: "Bearer forged.token.value" } })).status).to.equal(401);
    });

    it("runs the stack's upload function with the environment its component sets", async () => {
        const token = await localToken({ stack: "dev", subject: "alice", scopes: ["orders/write"], groups: [], ttlSeconds: 300, keysDir });
        const refused = await fetch(`${running.url}/uploads`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ contentType: "text/x-nope", size: 10, fileName: "a.bin" }) });
        expect(refused.status).to.equal(400);
        expect(((await refused.json()) as { details: string[] }).details[0]).to.match(/^contentType: must be one of application\/pdf, image\/png/);
    });

    it("names the stack's APIs when the one asked for does not exist, and refuses bad arguments with the usage", () => {
        expect(() => loadStack({ stack: "dev", api: "billing" })).to.throw(LocalUsageError, 'stack dev has no API "billing" (APIs: orders, inventory)');
        expect(() => loadStack({ stack: "dev" })).to.throw(LocalUsageError, "choose one with --api (orders, inventory)");
        for (const [argv, message] of [
            [["--api", "orders"], "--stack is required"],
            [["--stack", "dev", "--port", "70000"], "--port must be 0-65535"],
            [["--stack", "dev", "--backend", "nohost"], "--backend must be <name>=<value>"],
            [["token", "--stack", "dev"], "--sub is required"],
        ]) {
            const parsed = parseLocalArgs(argv as string[]);
            expect(parsed.ok, message as string).to.equal(false);
            expect(!parsed.ok && parsed.exitCode).to.equal(2);
            expect(!parsed.ok && parsed.text).to.contain(message).and.contain("usage: npm run local");
        }
    });

    it("as a command: prints its listening line once it answers, and exits 0 on Ctrl-C", async () => {
        const url = await command.listening;
        const key = /api key of client qa-team: (\S+)/.exec(command.stdout())![1];
        expect((await fetch(`${url}/health`, { headers: { "x-api-key": key } })).status).to.equal(200);
        const exited = new Promise<number | null>((resolve) => command.child.on("exit", resolve));
        command.child.kill("SIGINT");
        expect(await exited).to.equal(0);
    });
});
