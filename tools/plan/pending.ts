// Which resources a stuck program constructed but never got registered, and what each waits for.
//
// A resource registers only after its parent, its provider, everything in `dependsOn` and every
// resource its inputs come from (@pulumi/pulumi runtime/resource.ts prepareResource). A program
// whose resources wait on each other in a circle never finishes; the Pulumi engine cannot see the
// circle either (the registrations never reach it), so `pulumi up` would hang. Here the circle is
// found and named.
//
// Construction only records the resource and its arguments (a plan constructs thousands); what
// each one waits for is worked out only once the program is stuck.

import * as pulumi from "@pulumi/pulumi";

interface Constructed {
    resource: pulumi.Resource;
    type: string;
    name: string;
    props: unknown;
    opts: pulumi.CustomResourceOptions;
}

interface Tracked extends Constructed {
    /** Resources this one's registration waits for. */
    waitsFor: Set<pulumi.Resource>;
    registered: boolean;
}

type Settled = { done: true; value: unknown } | { done: false };

/** What a promise has settled to by the next turn of the event loop; a stuck program's never will. */
function settledSoon(promise: Promise<unknown>): Promise<Settled> {
    return Promise.race([
        promise.then(
            (value): Settled => ({ done: true, value }),
            (): Settled => ({ done: false }),
        ),
        new Promise<Settled>((resolve) => setImmediate(() => resolve({ done: false }))),
    ]);
}

interface OutputInternals {
    resources?: () => Set<pulumi.Resource>;
    promise?: (withUnknowns?: boolean) => Promise<unknown>;
}

/** Every resource an input (a resource, output, promise, list or object) refers to, as far as it has resolved. */
async function resourcesIn(value: unknown, add: (r: pulumi.Resource) => void, depth = 0): Promise<void> {
    if (depth > 20 || value === null || value === undefined) return;
    if (pulumi.Resource.isInstance(value)) {
        add(value);
    } else if (pulumi.Output.isInstance(value)) {
        // `dependsOn: promise` arrives wrapped in an output whose value is the resource(s).
        const output = value as unknown as OutputInternals;
        output.resources?.().forEach(add);
        const settled = output.promise ? await settledSoon(output.promise(true)) : { done: false as const };
        if (settled.done) await resourcesIn(settled.value, add, depth + 1);
    } else if (value instanceof Promise) {
        const settled = await settledSoon(value);
        if (settled.done) await resourcesIn(settled.value, add, depth + 1);
    } else if (Array.isArray(value)) {
        for (const v of value) await resourcesIn(v, add, depth + 1);
    } else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        for (const v of Object.values(value)) await resourcesIn(v, add, depth + 1);
    }
}

/** A circle of pending resources each waiting for the next, or undefined. */
function findCycle(tracked: Map<pulumi.Resource, Tracked>): Tracked[] | undefined {
    const state = new Map<Tracked, "visiting" | "done">();
    const stack: Tracked[] = [];
    const visit = (t: Tracked): Tracked[] | undefined => {
        state.set(t, "visiting");
        stack.push(t);
        for (const r of t.waitsFor) {
            const next = tracked.get(r);
            if (!next || next.registered) continue;
            if (state.get(next) === "visiting") return [...stack.slice(stack.indexOf(next)), next];
            if (!state.has(next)) {
                const found = visit(next);
                if (found) return found;
            }
        }
        stack.pop();
        state.set(t, "done");
        return undefined;
    };
    for (const t of tracked.values()) {
        if (!t.registered && !state.has(t)) {
            const found = visit(t);
            if (found) return found;
        }
    }
    return undefined;
}

export class ConstructionTracker {
    private readonly constructed: Constructed[] = [];

    /** A stack transformation that records each resource as it is constructed and changes nothing. */
    readonly transformation: pulumi.ResourceTransformation = (args) => {
        this.constructed.push({ resource: args.resource, type: args.type, name: args.name, props: args.props, opts: args.opts as pulumi.CustomResourceOptions });
        return undefined;
    };

    /** Each constructed resource, whether it registered (its URN resolved), and what it waits for. */
    private async analyse(): Promise<Map<pulumi.Resource, Tracked>> {
        const entries = await Promise.all(
            this.constructed.map(async (c): Promise<Tracked> => {
                const urn = (c.resource as { urn?: unknown }).urn as OutputInternals | undefined;
                const registered = urn?.promise ? (await settledSoon(urn.promise())).done : false;
                const entry: Tracked = { ...c, waitsFor: new Set(), registered };
                if (!registered) {
                    const add = (r: pulumi.Resource) => entry.waitsFor.add(r);
                    if (c.opts.parent) add(c.opts.parent);
                    if (c.opts.provider) add(c.opts.provider);
                    await resourcesIn(c.opts.dependsOn, add);
                    await resourcesIn(c.props, add);
                }
                return entry;
            }),
        );
        return new Map(entries.map((e) => [e.resource, e]));
    }

    /** Why a stuck program is stuck, in a sentence or two. */
    async describeStuck(): Promise<string> {
        const tracked = await this.analyse();
        const label = (t: Tracked) => `${t.type} "${t.name}"`;
        const circle = findCycle(tracked);
        if (circle) {
            return `dependency cycle: ${circle.map(label).join(" → ")}; each waits for the next to register, so none ever does`;
        }
        const pending = [...tracked.values()].filter((t) => !t.registered);
        if (pending.length > 0) {
            const shown = pending.slice(0, 5).map(label).join(", ");
            return `${pending.length} resource(s) never registered (${shown}${pending.length > 5 ? ", …" : ""}): they wait for a promise that never settles`;
        }
        return "the program awaits a promise that never settles (nothing is left that could settle it)";
    }
}
