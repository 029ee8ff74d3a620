// The resource options a reviewer needs to judge a change, per planned resource: which provider
// (so which account and region) it is created through, and the options that change what a
// deployment may do to it (protect, retainOnDelete, dependsOn, deleteBeforeReplace,
// replaceOnChanges, ignoreChanges; https://www.pulumi.com/docs/iac/concepts/options/).

import type { RecordedResource } from "./recorder";

export interface PlannedProvider {
    /** URN of the provider resource; null for the engine's default provider. */
    urn: string | null;
    name: string;
    /** True when no explicit provider was given and the engine's default provider is used. */
    default: boolean;
    accountId: string;
    region: string;
}

export interface PlannedOptions {
    /** Custom resources only; null for components and the stack. */
    provider: PlannedProvider | null;
    protect: boolean;
    retainOnDelete: boolean;
    /**
     * Resources this one waits for besides those its inputs come from: the registration's
     * dependencies minus its property dependencies (the SDK sends their union). A `dependsOn`
     * that is also an input's source is therefore not listed.
     */
    dependsOn: string[];
    /** Null when the program left it to the provider. */
    deleteBeforeReplace: boolean | null;
    replaceOnChanges: string[];
    ignoreChanges: string[];
}

/** `providerRef` is `urn::id`; the URN itself contains `::`, the id never does. */
function providerUrnOf(ref: string): string {
    return ref.slice(0, ref.lastIndexOf("::"));
}

export function plannedOptions(record: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): PlannedOptions {
    const fromInputs = new Set(Object.values(record.propertyDependencies).flat());
    let provider: PlannedProvider | null = null;
    if (record.custom && !record.type.startsWith("pulumi:providers:") && record.target) {
        const urn = record.providerRef ? providerUrnOf(record.providerRef) : null;
        provider = {
            urn,
            name: urn ? (byUrn.get(urn)?.name ?? urn.split("::").pop()!) : "default",
            default: urn === null,
            ...record.target,
        };
    }
    return {
        provider,
        protect: record.options.protect,
        retainOnDelete: record.options.retainOnDelete,
        dependsOn: record.dependencies.filter((d) => !fromInputs.has(d)),
        deleteBeforeReplace: record.options.deleteBeforeReplace ?? null,
        replaceOnChanges: record.options.replaceOnChanges,
        ignoreChanges: record.options.ignoreChanges,
    };
}
