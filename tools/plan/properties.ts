// Two views of a resource's serialized inputs: what a policy sees (secrets unwrapped,
// unknowns kept as the engine's sentinel) and what people see (secrets masked).

import * as pulumi from "@pulumi/pulumi";

// Wire-format markers of the Pulumi RPC protocol (see @pulumi/pulumi/runtime/rpc).
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const ASSET = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SECRET_MASK = "[secret]";
export const UNKNOWN_MARK = "[unknown]";

type Wire = unknown;

function isObject(v: unknown): v is Record<string, any> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Resource references reach analyzers as the resource's id (custom) or URN (component). */
function resourceRef(v: Record<string, any>): string {
    return typeof v.id === "string" && v.id !== "" ? v.id : String(v.urn);
}

function toAsset(v: Record<string, any>, convert: (x: Wire) => unknown): unknown {
    if (v[SIG] === ASSET) {
        if (v.path) return new pulumi.asset.FileAsset(v.path);
        if (v.text !== undefined) return new pulumi.asset.StringAsset(v.text);
        return new pulumi.asset.RemoteAsset(v.uri);
    }
    if (v.assets) {
        return new pulumi.asset.AssetArchive(Object.fromEntries(Object.entries(v.assets).map(([k, a]) => [k, convert(a)])) as Record<string, any>);
    }
    if (v.path) return new pulumi.asset.FileArchive(v.path);
    return new pulumi.asset.RemoteArchive(v.uri);
}

/** As `@pulumi/policy` deserializes analyzer input: plain JSON, secrets unwrapped. */
export function policyView(wire: Wire): any {
    if (Array.isArray(wire)) {
        return wire.map(policyView);
    }
    if (!isObject(wire)) {
        return wire;
    }
    switch (wire[SIG]) {
        case SECRET:
            return policyView(wire.value);
        case ASSET:
        case ARCHIVE:
            return toAsset(wire, policyView);
        case RESOURCE:
            return resourceRef(wire);
        case undefined:
            return Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, policyView(v)]));
        default:
            throw new Error(`unrecognized property signature ${String(wire[SIG])}`);
    }
}

/** For plans and logs: secrets masked, unknowns marked, assets summarised. */
export function displayView(wire: Wire): unknown {
    if (wire === UNKNOWN) {
        return UNKNOWN_MARK;
    }
    if (Array.isArray(wire)) {
        return wire.map(displayView);
    }
    if (!isObject(wire)) {
        return wire;
    }
    switch (wire[SIG]) {
        case SECRET:
            return SECRET_MASK;
        case ASSET:
            return `[asset ${wire.path ?? wire.uri ?? "text"}]`;
        case ARCHIVE:
            return wire.assets ? `[archive of ${Object.keys(wire.assets).join(", ")}]` : `[archive ${wire.path ?? wire.uri}]`;
        case RESOURCE:
            return resourceRef(wire);
        default:
            return Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, displayView(v)]));
    }
}

/** True when a secret appears anywhere in the value. */
export function containsSecret(wire: Wire): boolean {
    if (Array.isArray(wire)) {
        return wire.some(containsSecret);
    }
    if (!isObject(wire)) {
        return false;
    }
    return wire[SIG] === SECRET || Object.values(wire).some(containsSecret);
}
