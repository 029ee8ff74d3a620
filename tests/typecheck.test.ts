// `pulumi up` loads index.ts through loader/register.js and tests run through tsx, both without
// type checking; this keeps the whole tree compiling under strict tsc. The check
// itself starts when mocha loads (tests/support/background-start.ts) and overlaps the other tests.

import { expect } from "chai";
import { typecheck } from "./support/typecheck";

describe("type checking", function () {
    this.timeout(180_000);

    it("compiles the program, components, policy pack, tools and tests under strict tsc", async () => {
        const { status, output } = await typecheck();
        expect(status, output).to.equal(0);
    });
});
