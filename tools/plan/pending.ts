// Which resources a stuck program constructed but never got registered, and what each waits for.
//
// A resource registers only after its parent, its provider, everything in `dependsOn` and every
// resource its inputs come from (@pulumi/pulumi runtime/resource.ts prepareResource). A program
// whose resources wait on each other in a circle never finishes; the Pulumi engine cannot see the
// circle either (the registrations never reach it), so `pulumi up` would hang. Here the circle is
// found and named.

import * as pulumi from "@pulumi/pulumi";

interface Tracked {
    resource: pulumi.Resource;
    type: string;
    name: string;
    /** Resources this one's registration waits for, filled in as promises resolve. */
    waitsFor: Set<pulumi.Resource>;
    registered: boolean;
}

function isResource(value: unknown): value is pulumi.Resource {
    return pulumi.Resource.isInstance(value);
}

/** Calls `add` with every resource an input (a resource, output, promise, list or object) refers to. */
function collectResources(value: unknown, add: (r: pulumi.Resource) => void, depth = 0): void {
    if (depth > 20 || value === null || value === undefined) return;
    if (isResource(value)) {
        add(value);
    } else if (pulumi.Output.isInstance(value)) {
        // `dependsOn: promise` arrives wrapped in an output whose value is the resource(s).
        const output = value as unknown as { resources?: () => Set<pulumi.Resource>; promise?: (withUnknowns?: boolean) => Promise<unknown> };
        output.resources?.().forEach(add);
        output.promise?.(true).then((v) => collectResources(v, add, depth + 1), () => undefined);
    } else if (value instanceof Promise) {
        value.then((v) => collectResources(v, add, depth + 1), () => undefined);
    } else if (Array.isArray(value)) {
        value.forEach((v) => collectResources(v, add, depth + 1));
    } else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        Object.values(value).forEach((v) => collectResources(v, add, depth + 1));
    }
}

export class ConstructionTracker {
    private readonly tracked = new Map<pulumi.Resource, Tracked>();

    /** A stack transformation that records each resource as it is constructed and changes nothing. */
    readonly transformation: pulumi.ResourceTransformation = (args) => {
        const entry: Tracked = { resource: args.resource, type: args.type, name: args.name, waitsFor: new Set(), registered: false };
        this.tracked.set(args.resource, entry);
        const add = (r: pulumi.Resource) => entry.waitsFor.add(r);
        const opts = args.opts as pulumi.CustomResourceOptions;
        if (opts.parent) add(opts.parent);
        if (opts.provider) add(opts.provider);
        collectResources(opts.dependsOn, add);
        collectResources(args.props, add);
        // The URN output exists once the constructor has run; it resolves when the engine (here,
        // the mocks) has accepted the registration.
        queueMicrotask(() => {
            const urn = (args.resource as { urn?: pulumi.Output<string> }).urn as unknown as { promise?: () => Promise<unknown> } | undefined;
            urn?.promise?.().then(
                () => (entry.registered = true),
                () => undefined,
            );
        });
        return undefined;
    };

    /** Resources constructed and still waiting to register. */
    pending(): Tracked[] {
        return [...this.tracked.values()].filter((t) => !t.registered);
    }

    /** A circle of pending resources each waiting for the next, or undefined. */
    cycle(): Tracked[] | undefined {
        const pending = this.pending();
        const state = new Map<Tracked, "visiting" | "done">();
        const stack: Tracked[] = [];
        const visit = (t: Tracked): Tracked[] | undefined => {
            state.set(t, "visiting");
            stack.push(t);
            for (const r of t.waitsFor) {
                const next = this.tracked.get(r);
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
        for (const t of pending) {
            if (!state.has(t)) {
                const found = visit(t);
                if (found) return found;
            }
        }
        return undefined;
    }

    /** Why a stuck program is stuck, in a sentence or two. */
    describeStuck(): string {
        const label = (t: Tracked) => `${t.type} "${t.name}"`;
        const circle = this.cycle();
        if (circle) {
            return `dependency cycle: ${circle.map(label).join(" → ")}; each waits for the next to register, so none ever does`;
        }
        const pending = this.pending();
        if (pending.length > 0) {
            const shown = pending.slice(0, 5).map(label).join(", ");
            return `${pending.length} resource(s) never registered (${shown}${pending.length > 5 ? ", …" : ""}): they wait for a promise that never settles`;
        }
        return "the program awaits a promise that never settles (nothing is left that could settle it)";
    }
}
