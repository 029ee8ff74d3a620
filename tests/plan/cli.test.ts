// The CLI end to end, as users and CI run it: two processes (each loads the whole program),
// plus its argument handling in-process.

import { expect } from "chai";
import { parsePlanArgs } from "../../tools/plan/args";
import { planCli as cli } from "../support/plan-cli";
import { editedStack, writeTempStack } from "../support/stacks";

describe("npm run plan (CLI)", function () {
    this.timeout(60_000);

    it("prints prod as JSON with exit 0, and rejects bad config with exit 2 and the key path", async () => {
        const badStack = writeTempStack(editedStack("dev", (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 10, burstLimit: 5 })));
        const [prod, bad] = await Promise.all([cli(["--stack", "prod", "--json"]), cli(["--stack", "dev", "--config-file", badStack])]);

        expect(prod.code, prod.stderr).to.equal(0);
        const json = JSON.parse(prod.stdout);
        expect(json.stack).to.equal("prod");
        expect(json.resources[0]).to.have.all.keys("urn", "type", "name", "parent", "inputs");
        expect(json.summary).to.include({ exitCode: 0, mandatory: 0 });

        expect(bad.code).to.equal(2);
        expect(bad.stderr).to.contain("gatevault:apis[0].throttle.burstLimit: must be >= rateLimit (got 5 < 10)");
        expect(bad.stderr).to.match(/Resources \(0\)/);
    });

    describe("arguments", () => {
        it("takes the stack, files and output flags", () => {
            expect(parsePlanArgs(["--stack", "prod", "--config-file", "a.yaml", "--program", "p.ts", "--policy-config", "c.json", "--json", "--inputs"])).to.deep.equal({
                ok: true,
                plan: { stack: "prod", configFile: "a.yaml", program: "p.ts", policyConfigFile: "c.json" },
                json: true,
                showInputs: true,
            });
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
