// The CLI end to end, as users and CI run it; few cases, since each spawns a process.

import { expect } from "chai";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/plan/index";
import { editedStack, writeTempStack } from "../support/stacks";

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/plan.ts", ...args], {
            cwd: REPO_ROOT,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

describe("npm run plan (CLI)", function () {
    this.timeout(60_000);

    it("prints the dev plan, prod as JSON, and rejects bad config and usage with exit 2", async () => {
        const badStack = writeTempStack(editedStack("dev", (c) => (c["gatevault:apis"][0].throttle = { rateLimit: 10, burstLimit: 5 })));
        const [dev, prod, bad, usage] = await Promise.all([
            cli(["--stack", "dev"]),
            cli(["--stack", "prod", "--json"]),
            cli(["--stack", "dev", "--config-file", badStack]),
            cli(["--stak", "dev"]),
        ]);

        expect(dev.code, dev.stderr).to.equal(0);
        expect(dev.stdout).to.contain("pulumi:pulumi:Stack  gatevault-dev");
        expect(dev.stdout).to.match(/Summary: \d+ resources?/);

        expect(prod.code, prod.stderr).to.equal(0);
        const json = JSON.parse(prod.stdout);
        expect(json.stack).to.equal("prod");
        expect(json.resources[0]).to.have.all.keys("urn", "type", "name", "parent", "inputs");

        expect(bad.code).to.equal(2);
        expect(bad.stderr).to.contain("gatevault:apis[0].throttle.burstLimit: must be >= rateLimit (got 5 < 10)");

        expect(usage.code).to.equal(2);
        expect(usage.stderr).to.contain("usage: npm run plan");
    });
});
