// Builds the arguments @pulumi/policy's analyzer passes to a policy — props behind the SDK's
// unknown-checking proxy, `isType`/`asType`/`getConfig`/`notApplicable`, the provider with its
// structured inputs JSON-encoded as the engine sends them, stack resources with property
// dependencies — and runs one policy, returning what it reported.

import type {
    PolicyProviderResource,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { resolvePolicyConfig } from "../../tools/plan/policy-config";
import type { GatevaultPolicy } from "../../policy/types";

// The SDK's sentinels for values unknown during preview (internal to @pulumi/policy).
const sentinels = require("@pulumi/policy/proxy") as Record<string, string>;

export const unknown = {
    string: sentinels.unknownStringValue,
    number: sentinels.unknownNumberValue as unknown as number,
    boolean: sentinels.unknownBooleanValue as unknown as boolean,
    array: sentinels.unknownArrayValue as unknown as any[],
    object: sentinels.unknownObjectValue as unknown as Record<string, any>,
};

type ResourceClass = { new (...args: any[]): unknown };

export function typeOf(cls: ResourceClass | string): string {
    if (typeof cls === "string") return cls;
    const type = (cls as unknown as { __pulumiType?: string }).__pulumiType;
    if (!type) throw new Error(`${cls.name} has no Pulumi type token`);
    return type;
}

export interface Outcome {
    /** Each violation's message (the policy's own text, without the description). */
    violations: string[];
    /** The URN each violation named (stack policies point at a resource). */
    urns: (string | undefined)[];
    notApplicable?: string;
    /** Set when the policy hit a value unknown during preview. */
    cannotJudge?: string;
}

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason);
    }
}

// Resolving compiles the policy's schema, which is slow enough to keep per policy and config.
const resolvedConfigs = new Map<string, Record<string, unknown>>();

/** The policy's config as the CLI resolves it: schema defaults, then `properties`, validated. */
function configFor(policy: GatevaultPolicy, properties: Record<string, unknown>): Record<string, unknown> {
    const key = `${policy.name}\n${JSON.stringify(properties)}`;
    let resolved = resolvedConfigs.get(key);
    if (!resolved) {
        resolved = resolvePolicyConfig([policy], "advisory", { [policy.name]: { properties } })[policy.name].properties;
        resolvedConfigs.set(key, resolved);
    }
    return structuredClone(resolved);
}

function encodeProviderInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** A provider as the engine describes it to an analyzer. */
export function provider(inputs: Record<string, unknown>, name = "aws"): PolicyProviderResource {
    return {
        type: "pulumi:providers:aws",
        name,
        urn: `urn:pulumi:test::gatevault::pulumi:providers:aws::${name}`,
        props: unknownCheckingProxy(encodeProviderInputs(inputs)),
    };
}

const isType = (type: string) => (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === type;

export interface ResourceCase {
    type: ResourceClass | string;
    props: Record<string, unknown>;
    name?: string;
    provider?: PolicyProviderResource;
}

async function capture(run: (report: (message?: string, urn?: string) => void) => unknown): Promise<Outcome> {
    const outcome: Outcome = { violations: [], urns: [] };
    try {
        await run((message, urn) => {
            outcome.violations.push(message ?? "");
            outcome.urns.push(urn);
        });
    } catch (err) {
        if (err instanceof NotApplicable) outcome.notApplicable = err.reason ?? "";
        else if (err instanceof UnknownValueError) outcome.cannotJudge = (err as Error).message;
        else throw err;
    }
    return outcome;
}

export function resourceArgs(policy: GatevaultPolicy, r: ResourceCase, config: Record<string, unknown> = {}): ResourceValidationArgs {
    const type = typeOf(r.type);
    const name = r.name ?? "subject";
    const props = unknownCheckingProxy(structuredClone(r.props));
    const resolved = configFor(policy, config);
    return {
        type,
        props,
        urn: `urn:pulumi:test::gatevault::${type}::${name}`,
        name,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        provider: r.provider,
        stackTags: new Map(),
        isType: isType(type),
        asType: ((cls: unknown) => (isType(type)(cls) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => resolved as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

/** Runs a resource policy on one resource. */
export async function checkResource(policy: GatevaultPolicy, r: ResourceCase, config: Record<string, unknown> = {}): Promise<Outcome> {
    const validate = (policy as ResourceValidationPolicy).validateResource;
    if (!validate) throw new Error(`${policy.name} is not a resource policy`);
    const args = resourceArgs(policy, r, config);
    const validations = Array.isArray(validate) ? validate : [validate];
    return capture(async (report) => {
        for (const v of validations) await v(args, report);
    });
}

/** A resource as stack policies see it; link it to others with `dependsOn`. */
export function stackResource(type: ResourceClass | string, name: string, props: Record<string, unknown>, opts: { provider?: PolicyProviderResource } = {}): PolicyResource {
    const t = typeOf(type);
    const proxied = unknownCheckingProxy(structuredClone(props));
    return {
        type: t,
        name,
        urn: `urn:pulumi:test::gatevault::${t}::${name}`,
        props: proxied,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        provider: opts.provider,
        dependencies: [],
        propertyDependencies: {},
        isType: isType(t),
        asType: ((cls: unknown) => (isType(t)(cls) ? proxied : undefined)) as PolicyResource["asType"],
    };
}

/** Records that `from.props[prop]` was computed from outputs of `targets`, as the engine does. */
export function dependsOn(from: PolicyResource, prop: string, ...targets: PolicyResource[]): PolicyResource {
    from.propertyDependencies[prop] = [...(from.propertyDependencies[prop] ?? []), ...targets];
    from.dependencies = [...from.dependencies, ...targets];
    return from;
}

/** Runs a stack policy over the given resources. */
export async function checkStack(policy: GatevaultPolicy, resources: PolicyResource[], config: Record<string, unknown> = {}): Promise<Outcome> {
    const validate = (policy as StackValidationPolicy).validateStack;
    if (!validate) throw new Error(`${policy.name} is not a stack policy`);
    const resolved = configFor(policy, config);
    return capture((report) =>
        validate(
            {
                resources,
                stackTags: new Map(),
                getConfig: <T extends object>() => resolved as T,
                notApplicable: (reason?: string): never => {
                    throw new NotApplicable(reason);
                },
            },
            report,
        ),
    );
}
