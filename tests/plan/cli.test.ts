// The CLI end to end, as users and CI run it; few cases, since each spawns a process.

import { expect } from "chai";
import { planCli as cli } from "../support/plan-cli";
import { editedStack, writeTempStack } from "../support/stacks";

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
