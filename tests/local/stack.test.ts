// `npm run local` on a shipped stack: the emulator serves the document and stage settings the
// program deploys (checked against the offline plan's recorded RestApi, Stage, MethodSettings
// and UsagePlan inputs), runs the stack's own functions (the JWT authorizer and the upload
// function) from their bundles, mints local tokens, prints its listening line once it answers
// and stops cleanly. (The process around the command, tools/local.ts, only maps Ctrl-C to that
// stop and errors to exit codes; it is not spawned here, which would cost the suite seconds.)

import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { parseLocalArgs } from "../../tools/local/args";
import { runLocalCommand } from "../../tools/local/command";
import { loadStack, LocalUsageError } from "../../tools/local/stack";
import type { RunningStack } from "../../tools/local/start";
import { localToken } from "../../tools/local/token";
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

describe("npm run local: the dev stack's orders API", function () {
    this.timeout(60_000);
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-local-keys-"));
    let running: RunningStack;
    let backend: http.Server;
    const seen: string[] = [];
    const stdout: string[] = [];
    let answeredWhenListening = 0;

    before(async () => {
        backend = http.createServer((req, res) => {
            seen.push(`${req.method} ${req.url}`);
            res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ orders: [{ order_id: "o-1", status: "PAID", total_cents: 1250, created_at: "2026-11-26T12:00:00Z", lines: [] }] }));
        });
        await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
        const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
        const argv = ["--stack", "dev", "--api", "orders", "--port", "0", "--keys-dir", keysDir, "--backend", `orders.dev.example.com=${backendUrl}`];
        const result = await runLocalCommand(argv, {
            stdout: (text) => {
                stdout.push(text);
                // The line must come only once the server answers: ask it at that very moment.
                const m = /^listening on (\S+)\n$/.exec(text);
                if (m) void fetch(`${m[1]}/health`).then((r) => (answeredWhenListening = r.status));
            },
            stderr: () => undefined,
        });
        if (!("running" in result)) throw new Error(`npm run local exited ${result.exitCode}`);
        running = result.running;
    });
    after(async () => {
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
            [["--stack", "dev", "--api", "orders", "--bogus"], "Unknown option '--bogus'"],
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

    it("prints the API keys, then its listening line once it answers, and access log lines as requests come", async () => {
        const key = /^api key of client qa-team: (\S+)\n$/.exec(stdout.find((l) => l.startsWith("api key of client qa-team")) ?? "")![1];
        expect(key).to.equal(running.apiKeys["qa-team"]);
        expect(stdout.findIndex((l) => l.startsWith("listening on "))).to.equal(3);
        expect(stdout[3]).to.equal(`listening on ${running.url}\n`);
        expect(running.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/dev$/);
        // The health route answered (403: no API key) at the moment the line was printed.
        await new Promise((r) => setTimeout(r, 50));
        expect(answeredWhenListening).to.equal(403);
        const logged = stdout.slice(4).map((l) => JSON.parse(l));
        expect(logged.some((l) => l.resourcePath === "/health" && l.status === "403" && l.errorType === "INVALID_API_KEY")).to.equal(true);
    });

    it("mints a token as a command, which the served API accepts", async () => {
        let printed = "";
        const result = await runLocalCommand(["token", "--stack", "dev", "--sub", "bob", "--scopes", "orders/read", "--keys-dir", keysDir], { stdout: (t) => (printed += t), stderr: () => undefined });
        expect(result).to.deep.equal({ exitCode: 0 });
        expect(printed).to.match(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
        expect((await fetch(`${running.url}/orders`, { headers: { Authorization: `Bearer ${printed.trim()}` } })).status).to.equal(200);
    });

    it("stops cleanly: after close the port takes no connection", async () => {
        let printed = "";
        const result = await runLocalCommand(["--stack", "dev", "--api", "inventory", "--port", "0", "--keys-dir", keysDir], { stdout: (t) => (printed += t), stderr: () => undefined });
        if (!("running" in result)) throw new Error("did not start");
        expect(printed).to.contain(`listening on ${result.running.url}\n`);
        expect((await fetch(`${result.running.url}/items`)).status).to.equal(401);
        await result.running.close();
        const refused = await fetch(`${result.running.url}/items`).then(() => "answered", (err: Error) => String((err.cause as { code?: string })?.code));
        expect(refused).to.equal("ECONNREFUSED");
    });
});
