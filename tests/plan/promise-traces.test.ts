// While a plan runs, the SDK's promise traces (@pulumi/pulumi runtime/debuggable.ts
// debuggablePromise stores `new Error().stack` on each promise it tracks) are captured empty,
// unless PULUMI_DEBUG_PROMISE_LEAKS asks for the leak report that prints them
// (tools/plan/promise-traces.ts). Outside a plan the SDK is as it was.

import { expect } from "chai";
import { planProgram } from "../support/plan-program";

const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debugPromiseLeaks: boolean;
    debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
};

/** The trace debuggablePromise gives a promise created now. */
async function traceNow(): Promise<string> {
    const p = Promise.resolve("done");
    await debuggable.debuggablePromise(p, "promise-traces test");
    return (p as unknown as { _debugStackTrace: string })._debugStackTrace;
}

describe("offline plan: the SDK's promise traces", () => {
    it("are empty while the program runs, and whole again once the plan is done", async () => {
        const original = debuggable.debuggablePromise;
        let during: string | undefined;
        await planProgram(async () => {
            during = await traceNow();
        });
        expect(during).to.equal("Error");
        expect(debuggable.debuggablePromise).to.equal(original);
        expect(await traceNow()).to.match(/^Error\n\s+at /);
    });

    it("are kept during the plan when PULUMI_DEBUG_PROMISE_LEAKS asks for the leak report", async () => {
        const before = debuggable.debugPromiseLeaks;
        debuggable.debugPromiseLeaks = true;
        try {
            let during: string | undefined;
            await planProgram(async () => {
                during = await traceNow();
            });
            expect(during).to.match(/^Error\n\s+at /);
        } finally {
            debuggable.debugPromiseLeaks = before;
        }
    });
});
