// The SDK gives every promise it tracks a stack trace: `debuggablePromise` (@pulumi/pulumi
// runtime/debuggable.ts, v3.248) stores `new Error().stack` on it, several per registered
// resource. Nothing reads that trace but the promise-leak report, and only when
// PULUMI_DEBUG_PROMISE_LEAKS is set; the offline plan never prints that report (it finds stuck
// programs itself, ./settle.ts and ./pending.ts). Formatting the traces was the largest single
// cost of an in-process plan (about 40% of planning the prod stack in a warm process), so while
// a plan runs, and unless that variable asks for them, the traces are captured empty.
// Everything else about those promises (ids, leak candidates, the exit check) stays as it is.

const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
    debugPromiseLeaks: boolean;
    debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
};

const TRACELESS = Symbol("gatevault.tracelessPromises");

/** Runs `work` with the SDK's promise traces captured empty (see above); restores them after. */
export async function withoutPromiseTraces<T>(work: () => Promise<T>): Promise<T> {
    const original = debuggable.debuggablePromise;
    if (debuggable.debugPromiseLeaks || TRACELESS in original) {
        return work();
    }
    // The SDK's modules call it through this exports object, so replacing the property is enough.
    debuggable.debuggablePromise = Object.assign(<T>(p: Promise<T>, ctx: unknown) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    }, { [TRACELESS]: true });
    try {
        return await work();
    } finally {
        debuggable.debuggablePromise = original;
    }
}
