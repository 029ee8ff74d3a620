// npm run effective-policy, end to end; two runs, since each spawns a process.

import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { scriptCli } from "../support/plan-cli";

const cli = (args: string[]) => scriptCli("tools/effective-policy.ts", args);

function write(dir: string, name: string, content: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
}

// The files are written and both processes started as mocha loads this file, so the runs go on
// beside the other tests (tests/support/background.ts).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-effective-"));
const root = write(dir, "root.json", {
    plans: {
        Daily: {
            "@@operators_allowed_for_child_policies": ["@@append"],
            regions: { "@@assign": ["eu-west-1"] },
            rules: { Nightly: { lifecycle: { delete_after_days: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "120" } } } },
        },
    },
});
// Two policies attached to the same OU, in attachment order.
const ou = write(dir, "ou.json", [{ plans: { daily: { regions: { "@@append": ["eu-central-1"] } } } }, { plans: { DAILY: { regions: { "@@append": ["eu-north-1"] } } } }]);
const account = write(dir, "account.json", { plans: { daily: { rules: { nightly: { lifecycle: { delete_after_days: { "@@assign": "7" } } } } } } });
const bad = write(dir, "bad.json", [{ plans: { daily: { regions: { "@@append": "eu-west-1" } } } }]);
const broken = write(dir, "broken.json", '{"plans": ');
const okRun = cli(["--retention", root, ou, account]);
const malformedRun = cli([root, bad, broken]);

describe("npm run effective-policy (CLI)", function () {
    this.timeout(60_000);

    it("prints the effective policy of a path, and rejects malformed input with exit 2 naming the file and path", async () => {
        const [ok, malformed] = await Promise.all([okRun, malformedRun]);

        expect(ok.code, ok.stderr).to.equal(0);
        const out = JSON.parse(ok.stdout);
        expect(out.effectivePolicy).to.deep.equal({
            plans: { daily: { regions: ["eu-west-1", "eu-central-1", "eu-north-1"], rules: { nightly: { lifecycle: { delete_after_days: "120" } } } } },
        });
        expect(out.retention.minimumDays).to.equal(120);
        expect(ok.stderr).to.contain(`cancelled: @@assign at $.plans.daily.rules.nightly.lifecycle.delete_after_days in ${account}`);

        expect(malformed.code).to.equal(2);
        expect(malformed.stdout).to.equal("");
        expect(malformed.stderr).to.contain(`${bad}: $[0].plans.daily.regions.@@append: @@append works only on multi-valued settings`);
        expect(malformed.stderr).to.match(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`));
    });
});
