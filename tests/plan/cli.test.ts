// The CLI end to end, as users and CI run it: two processes (each loads the whole program),
// plus the command and its argument handling in-process.

import * as path from "node:path";
import { expect } from "chai";
import { parsePlanArgs } from "../../tools/plan/args";
import { REPO_ROOT } from "../../tools/plan/index";
import { planCli as cli, planInProcess } from "../support/plan-cli";
import { editedStack, writeTempStack } from "../support/stacks";

const fixture = (name: string) => path.join(REPO_ROOT, "tests", "fixtures", "programs", `${name}.ts`);

// Both processes start as mocha loads this file and run beside the other tests (tests/support/background.ts).
const badStack = writeTempStack(editedStack("dev", (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 10, burstLimit: 5 })));
const prodRun = cli(["--stack", "prod", "--json"]);
const badRun = cli(["--stack", "dev", "--config-file", badStack]);

describe("npm run plan (CLI)", function () {
    this.timeout(60_000);

    it("prints prod as JSON with exit 0, and rejects bad config with exit 2 and the key path", async () => {
        const [prod, bad] = await Promise.all([prodRun, badRun]);

        expect(prod.code, prod.stderr).to.equal(0);
        const json = JSON.parse(prod.stdout);
        expect(json.stack).to.equal("prod");
        expect(json.resources[0]).to.have.all.keys("urn", "type", "name", "parent", "inputs", "options");
        expect(json.summary).to.include({ exitCode: 0, mandatory: 0 });

        expect(bad.code).to.equal(2);
        expect(bad.stderr).to.contain("gatevault:apis[0].throttle.burstLimit: must be >= rateLimit (got 5 < 10)");
        expect(bad.stderr).to.match(/Resources \(0\)/);
    });

    describe("in-process: stdout under --json is one JSON document, whatever the exit code", () => {
        it("answers a usage error and --help in JSON", async () => {
            const usage = await planInProcess(["--stak", "dev", "--json"]);
            expect(usage.code).to.equal(2);
            expect(JSON.parse(usage.stdout)).to.deep.include({ format: "gatevault-offline-plan", error: { kind: "usage", message: usage.stderr.trim() } });
            expect(JSON.parse(usage.stdout).summary.exitCode).to.equal(2);
            const help = await planInProcess(["--help", "--format", "json"]);
            expect(help.code).to.equal(0);
            expect(JSON.parse(help.stdout).usage).to.contain("usage: npm run plan");
        });

        it("sends what the program prints to stderr", async () => {
            const run = await planInProcess(["--stack", "dev", "--program", fixture("noisy"), "--json"]);
            expect(run.code, run.stderr).to.equal(0);
            expect(JSON.parse(run.stdout).resources.map((r: { name: string }) => r.name)).to.include("alerts");
            expect(run.stderr).to.contain("hello from the program").and.to.contain("a raw write to stdout");
        });

        it("fails a program that throws from a timer after returning (Node would crash the language host)", async () => {
            // Mocha fails the running test on any uncaught exception; while the plan runs, only
            // the plan listens, as in its own process.
            const mochaListeners = process.listeners("uncaughtException");
            process.removeAllListeners("uncaughtException");
            let run;
            try {
                run = await planInProcess(["--stack", "dev", "--program", fixture("throws-later"), "--json"]);
            } finally {
                for (const listener of mochaListeners) process.on("uncaughtException", listener);
            }
            expect(run.code, run.stderr).to.equal(3);
            const failed = JSON.parse(run.stdout);
            expect(failed.error.kind).to.equal("program");
            expect(failed.error.message).to.contain("thrown from a timer the program set");
        });

        it("fails a provider-rule violation with exit 3 and the refused fields in JSON", async () => {
            const run = await planInProcess(["--stack", "dev", "--program", fixture("provider-rule-violation"), "--json"]);
            expect(run.code).to.equal(3);
            const [refused] = JSON.parse(run.stdout).error.providerRules;
            expect(refused).to.deep.include({ name: "ebs", kind: "ExactlyOneOf", fields: ["protectedResourceArns", "protectedResourceConditions"] });
        });
    });

    describe("arguments", () => {
        it("takes the stack, files and output flags", () => {
            const argv = ["--stack", "prod", "--config-file", "a.yaml", "--program", "p.ts", "--policy-config", "c.json", "--baseline", "b.json", "--baseline-label", "main", "--json", "--inputs"];
            expect(parsePlanArgs(argv)).to.deep.equal({
                ok: true,
                plan: { stack: "prod", configFile: "a.yaml", program: "p.ts", policyConfigFile: "c.json" },
                format: "json",
                baseline: "b.json",
                baselineLabel: "main",
                showInputs: true,
            });
            expect(parsePlanArgs(["--stack", "dev", "--format", "markdown"])).to.deep.include({ ok: true, format: "markdown" });
            expect(parsePlanArgs(["--stack", "dev"])).to.deep.include({ ok: true, format: "text" });
        });

        it("refuses an unknown format, --json with another format, and a label without a baseline", () => {
            for (const argv of [["--stack", "dev", "--format", "yaml"], ["--stack", "dev", "--json", "--format", "markdown"], ["--stack", "dev", "--baseline-label", "main"]]) {
                expect(parsePlanArgs(argv), argv.join(" ")).to.deep.include({ ok: false, exitCode: 2 });
            }
            // Even a command line that does not parse answers in the format it asked for.
            expect(parsePlanArgs(["--stak", "dev", "--format=json"])).to.deep.include({ ok: false, format: "json" });
        });

        it("refuses a missing --stack, an unknown flag and a stray argument with exit 2 and the usage", () => {
            for (const argv of [[], ["--stak", "dev"], ["--stack", "dev", "extra"]]) {
                const command = parsePlanArgs(argv);
                expect(command.ok, argv.join(" ")).to.equal(false);
                if (!command.ok) {
                    expect(command).to.include({ exitCode: 2, stream: "stderr" });
                    expect(command.text).to.contain("usage: npm run plan");
                }
            }
        });

        it("answers --help on stdout with exit 0", () => {
            expect(parsePlanArgs(["--help"])).to.deep.include({ ok: false, exitCode: 0, stream: "stdout" });
        });
    });
});
