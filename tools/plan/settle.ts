// Knowing when a program run in this process is finished, stuck, or still working.
//
// The Pulumi language host runs a program in its own process and learns that it is stuck when
// Node's event loop empties with promises still pending ("beforeExit"; it then fails the update
// with "the Pulumi runtime detected that N promises were still active", @pulumi/pulumi
// runtime/debuggable.ts). The offline plan runs the program in-process, where the loop never
// empties (the test runner's timers, other plans), so it asks the same question about the
// program alone: is anything the program started still able to call back — a timer, a file
// read, a child process such as esbuild's? Node's async hooks report every such handle as it is
// created; an AsyncLocalStorage marks the ones created on the program's behalf. Whether one is
// still active is read from Node itself (a timer's `_destroyed`, the active handles and
// requests), not from a destroy hook: that would make Node track the destruction of every
// promise, a quarter of a plan's run time. When none is left (unreferenced timers do not count:
// they would not keep Node alive either) and nothing has been registered for a while, no
// callback will ever come: the program is stuck.

import { AsyncLocalStorage, createHook } from "node:async_hooks";

export interface SettleOptions {
    /** How long the program must show no activity and no pending work before it counts as stuck. */
    idleMs: number;
    /** Longest a program may run at all, stuck or not. */
    deadlineMs: number;
}

export const DEFAULT_SETTLE: SettleOptions = { idleMs: 1000, deadlineMs: 10 * 60 * 1000 };

export type Settled<T> = { settled: true; value: T } | { settled: false; reason: "stuck" | "deadline"; afterMs: number };

const programContext = new AsyncLocalStorage<ProgramWatch>();

/** Resources that cannot call back by themselves, or are done within the current turn. */
const PASSIVE = new Set(["PROMISE", "TickObject", "Microtask"]);

interface ProcessInternals {
    _getActiveHandles(): object[];
    _getActiveRequests(): object[];
}

/** The object Node reports as active for a handle or request: its owner (a Socket, a ChildProcess), else itself. */
function ownerOf(resource: object): object | undefined {
    const symbol = Object.getOwnPropertySymbols(resource).find((s) => s.description === "owner_symbol");
    return symbol ? (resource as Record<symbol, object>)[symbol] : undefined;
}

function isActive(type: string, resource: object, active: () => Set<object>): boolean {
    if (type === "Timeout" || type === "Immediate") {
        const timer = resource as { _destroyed?: boolean; hasRef?: () => boolean };
        return timer._destroyed === false && (typeof timer.hasRef !== "function" || timer.hasRef());
    }
    const holder = ownerOf(resource);
    return active().has(resource) || (holder !== undefined && active().has(holder));
}

/** Watches the handles a program creates, from `run` until `close`. */
export class ProgramWatch {
    private readonly created = new Map<object, string>();
    private readonly hook = createHook({
        init: (_asyncId, type, _trigger, resource) => {
            if (!PASSIVE.has(type) && programContext.getStore() === this) this.created.set(resource, type);
        },
    });

    constructor() {
        this.hook.enable();
    }

    /** Runs `program` so that every handle it creates, however indirectly, counts as its own. */
    run<T>(program: () => Promise<T>): Promise<T> {
        return programContext.run(this, program);
    }

    /** Handles of the program's that can still call back (and keep Node's loop alive); forgets the rest. */
    pendingHandles(): number {
        let activeSet: Set<object> | undefined;
        const internals = process as unknown as ProcessInternals;
        const active = () => (activeSet ??= new Set([...internals._getActiveHandles(), ...internals._getActiveRequests()]));
        for (const [resource, type] of this.created) {
            if (!isActive(type, resource, active)) this.created.delete(resource);
        }
        return this.created.size;
    }

    /** Resolves when `work` settles, or when it is stuck or past the deadline. */
    settle<T>(work: Promise<T>, progress: () => number, opts: SettleOptions): Promise<Settled<T>> {
        const started = Date.now();
        return new Promise((resolve) => {
            let lastProgress = progress();
            let quietSince = Date.now();
            const poll = setInterval(
                () => {
                    const p = progress();
                    if (p !== lastProgress || this.pendingHandles() > 0) {
                        lastProgress = p;
                        quietSince = Date.now();
                    } else if (Date.now() - quietSince >= opts.idleMs) {
                        finish({ settled: false, reason: "stuck", afterMs: Date.now() - started });
                    }
                },
                Math.max(10, Math.floor(opts.idleMs / 10)),
            );
            const deadline = setTimeout(() => finish({ settled: false, reason: "deadline", afterMs: Date.now() - started }), opts.deadlineMs);
            let done = false;
            const finish = (result: Settled<T>) => {
                if (done) return;
                done = true;
                clearInterval(poll);
                clearTimeout(deadline);
                resolve(result);
            };
            work.then(
                (value) => finish({ settled: true, value }),
                // The caller awaits `work` itself for its error; here it only counts as settled.
                () => finish({ settled: true, value: undefined as T }),
            );
        });
    }

    /**
     * After the program finished: waits (up to `limitMs`) until the timers and I/O it left
     * behind are done, so that a late rejection of a promise nobody awaited is still seen.
     */
    async drain(limitMs: number): Promise<void> {
        const until = Date.now() + limitMs;
        // One turn of the loop first: rejections queued by the last callbacks are reported then.
        await new Promise((r) => setImmediate(r));
        while (Date.now() < until && this.pendingHandles() > 0) {
            await new Promise((r) => setTimeout(r, 10));
        }
        await new Promise((r) => setImmediate(r));
    }

    close(): void {
        this.hook.disable();
        this.created.clear();
    }
}
