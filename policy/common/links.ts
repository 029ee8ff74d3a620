// How one resource in a stack refers to another, for stack policies. Stack policies see
// outputs, not ids, so a reference is resolved through the engine's property dependencies
// (recorded for every input computed from another resource's output, and known even during
// preview), and otherwise by comparing the values both sides hold.

import type { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { anyYes, Maybe, maybe, tryKnown } from "./unknowns";

/** True when `from.props[prop]` was computed from an output of `to`. */
export function dependsThrough(from: PolicyResource, prop: string, to: PolicyResource): boolean {
    return (from.propertyDependencies[prop] ?? []).some((d) => d.urn === to.urn);
}

/**
 * Whether `from.props[prop]` refers to `to`: yes through a property dependency, else whatever
 * `sameByValue` says (reading values through the proxy, so an unknown gives an unknown answer).
 */
export function refersTo(from: PolicyResource, prop: string, to: PolicyResource, sameByValue: () => boolean): Maybe {
    return dependsThrough(from, prop, to) || maybe(sameByValue);
}

/** Whether two resources' properties point at the same thing (a shared dependency or equal values). */
export function sameTarget(a: PolicyResource, aProp: string, b: PolicyResource, bProp: string): Maybe {
    const aDeps = new Set((a.propertyDependencies[aProp] ?? []).map((d) => d.urn));
    if ((b.propertyDependencies[bProp] ?? []).some((d) => aDeps.has(d.urn))) {
        return true;
    }
    return maybe(() => a.props[aProp] === b.props[bProp]);
}

/** The resources of one @pulumi/aws class, e.g. `ofClass(args.resources, aws.backup.Vault)`. */
export function ofClass(resources: readonly PolicyResource[], cls: Parameters<PolicyResource["isType"]>[0]): PolicyResource[] {
    // Comparing type tokens is what `isType` does for @pulumi/aws classes, without a call per resource.
    const type = (cls as { __pulumiType?: unknown }).__pulumiType;
    return typeof type === "string" ? resources.filter((r) => r.type === type) : resources.filter((r) => r.isType(cls));
}

/**
 * The candidates that refer to `target` by `answer`. When none is known to but some could not
 * be told during preview, throws their unknown rather than answering "none".
 */
export function referencing(candidates: readonly PolicyResource[], answer: (candidate: PolicyResource) => Maybe): PolicyResource[] {
    const found: PolicyResource[] = [];
    const answers: Maybe[] = [];
    for (const c of candidates) {
        const a = answer(c);
        if (a === true) found.push(c);
        answers.push(a);
    }
    if (found.length === 0) anyYes(answers);
    return found;
}

function add<K>(map: Map<K, PolicyResource[]>, key: K, r: PolicyResource): void {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
}

/**
 * Candidates grouped by what they refer to through one property — the resources it depends on,
 * and keys made of the values it holds — so that finding the few that may refer to a target is
 * not a scan of the whole stack for every target. Callers still decide each candidate found with
 * their own answer; the index only leaves out candidates whose answer is certainly no, which
 * needs the keys to be exactly what that answer compares by value.
 */
export class ReferenceIndex {
    private readonly byDependency = new Map<string, PolicyResource[]>();
    private readonly byValue = new Map<unknown, PolicyResource[]>();
    /** Candidates whose value is unknown during preview: they may refer to anything. */
    private readonly undecided: PolicyResource[] = [];

    constructor(
        private readonly candidates: readonly PolicyResource[],
        prop: string,
        keysOf: (candidate: PolicyResource) => unknown[],
    ) {
        for (const c of candidates) {
            for (const d of c.propertyDependencies[prop] ?? []) add(this.byDependency, d.urn, c);
            const keys = tryKnown(() => keysOf(c));
            if (keys.known) {
                for (const k of keys.value) add(this.byValue, k, c);
            } else {
                this.undecided.push(c);
            }
        }
    }

    /** Candidates that may refer to `target`, given the keys a reference to it would hold. */
    mayReferTo(target: PolicyResource, targetKeys: () => unknown[]): PolicyResource[] {
        const keys = tryKnown(targetKeys);
        if (!keys.known) return [...this.candidates];
        const found = new Set(this.byDependency.get(target.urn));
        for (const k of keys.value) for (const c of this.byValue.get(k) ?? []) found.add(c);
        for (const c of this.undecided) found.add(c);
        return [...found];
    }
}

/**
 * Resources of one type by a property value (a vault by its name), answering "is there one
 * with this value?" without a scan, and without a guess when some values are unknown.
 */
export class ValueIndex {
    private readonly values = new Set<unknown>();
    private unknown: UnknownValueError | undefined;

    constructor(resources: readonly PolicyResource[], valueOf: (r: PolicyResource) => unknown) {
        for (const r of resources) {
            const v = tryKnown(() => valueOf(r));
            if (v.known) this.values.add(v.value);
            else this.unknown ??= v.error;
        }
    }

    /** True when some resource holds `value`; throws when none does but some value is unknown. */
    has(value: unknown): boolean {
        if (this.values.has(value)) return true;
        if (this.unknown) throw this.unknown;
        return false;
    }
}
