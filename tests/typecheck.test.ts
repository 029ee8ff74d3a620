// The real `pulumi up` runs index.ts through ts-node with type checking, and tests run
// through tsx without it; this keeps the whole tree compiling under strict tsc.

import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../tools/plan/index";

describe("type checking", function () {
    this.timeout(120_000);

    it("compiles the program, components, policy pack, tools and tests under strict tsc", () => {
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
        const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: REPO_ROOT, encoding: "utf8" });
        expect(run.status, run.stdout + run.stderr).to.equal(0);
    });
});
