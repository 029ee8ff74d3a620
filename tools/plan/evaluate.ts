// Runs a policy pack's resource and stack policies over recorded resources, building the
// same arguments the @pulumi/policy analyzer server builds for the Pulumi CLI.

import type {
    EnforcementLevel,
    Policies,
    PolicyProviderResource,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
} from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { EXEMPTION_SINK, ExemptionEvent } from "../../policy/common/exemptions";
import { isStackPolicy } from "../../policy/types";
import type { ResolvedPackConfig } from "./policy-config";
import { policyView } from "./properties";
import type { RecordedResource } from "./recorder";

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    urn?: string;
    message: string;
    severity?: string;
    remediation?: string;
    controls?: string[];
}

export interface NotApplicable {
    policy: string;
    urn?: string;
    reason?: string;
}

export interface Evaluation {
    violations: Violation[];
    notApplicable: NotApplicable[];
    /** How many (resource, policy) validations ran; for benchmarks. */
    resourceEvaluations: number;
    /** Violations an exemption in the policy config swallowed (active) or let through (expired). */
    exemptionEvents: ExemptionEvent[];
}

/** Metadata gatevault policies carry beyond @pulumi/policy's own fields. */
interface PolicyExtras {
    controls?: readonly string[];
    remediationSteps?: string;
    severity?: string;
}

/**
 * What `notApplicable` throws. Rules that judge a few types say "not applicable" to every other
 * resource, thousands of times in a large stack, so this is a plain object rather than an Error:
 * throwing it captures no stack trace.
 */
class NotApplicableSignal {
    readonly message: string;
    constructor(readonly reason?: string) {
        this.message = reason ?? "not applicable";
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableSignal(reason);
}

function pulumiTypeOf(x: unknown): string | undefined {
    const t = (x as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

/**
 * The types a validation judges, when it says so: the SDK's `__pulumiType` (set by
 * `validateResourceOfType`), or gatevault's `__gatevaultTypes` for validations of several types
 * (policy/common/typed-validation.ts). Other resources skip it without a call, as the SDK's
 * analyzer skips a mismatched `__pulumiType`.
 */
function validationTypes(validation: ResourceValidation): ReadonlySet<string> | undefined {
    const one = pulumiTypeOf(validation);
    if (one) {
        return new Set([one]);
    }
    const several = (validation as { __gatevaultTypes?: unknown }).__gatevaultTypes;
    return Array.isArray(several) ? new Set(several.map(String)) : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = pulumiTypeOf(resourceClass);
    if (pulumiType) {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return typeof (p as ResourceValidationPolicy).validateResource === "function" || Array.isArray((p as ResourceValidationPolicy).validateResource);
}

function effectiveLevel(level: EnforcementLevel): EnforcementLevel {
    // The SDK reports violations of remediation policies as mandatory.
    return level === "remediate" ? "mandatory" : level;
}

/**
 * @param urnOf the URN a violation is shown against, given the one the policy named. The engine
 *   files a resource policy's violation under the resource it analyzed, whatever URN the policy
 *   names (pulumi/pulumi pkg/resource/deploy/analyze_snapshot.go analyzeResource), and a stack
 *   policy's under the URN it names when that resource is in the stack, else under the root stack
 *   (step_generator.go AnalyzeResources).
 */
function makeReporter(p: Policies[number], level: EnforcementLevel, out: Violation[], urnOf: (named?: string) => string | undefined): ReportViolation {
    const extras = p as PolicyExtras;
    return (message?: string, urn?: string) => {
        out.push({
            policy: p.name,
            enforcementLevel: level,
            urn: urnOf(urn),
            message: message ? `${p.description}\n${message}` : p.description,
            severity: extras.severity,
            remediation: extras.remediationSteps,
            controls: extras.controls ? [...extras.controls] : undefined,
        });
    };
}

/** The pack as the analyzer names it in messages: its name and its package.json version. */
export interface PackLabel {
    name: string;
    version: string;
}

// The wording of @pulumi/policy's analyzer (server.js makeAnalyzeRpcFun), which names the pack.
function previewDiagnostic(p: Policies[number], err: UnknownValueError, urn: string | undefined, pack: PackLabel | undefined): Violation {
    const from = pack ? ` from policy pack '${pack.name}@v${pack.version}'` : "";
    return {
        policy: p.name,
        enforcementLevel: "advisory",
        urn,
        message: `can't run policy '${p.name}'${from} during preview: ${err.message}`,
    };
}

function optionsOf(r: RecordedResource): ResourceValidationArgs["opts"] {
    const o = r.options;
    const opts: ResourceValidationArgs["opts"] = {
        protect: o.protect,
        ignoreChanges: o.ignoreChanges,
        aliases: o.aliases,
        customTimeouts: o.customTimeouts,
        additionalSecretOutputs: o.additionalSecretOutputs,
    };
    if (o.deleteBeforeReplace !== undefined) opts.deleteBeforeReplace = o.deleteBeforeReplace;
    if (r.parent) opts.parent = r.parent;
    return opts;
}

/**
 * What resource and stack policies alike see of a resource: props (unwrapped from the wire
 * form, behind the SDK's unknown-checking proxy), identity, options, provider and type tests.
 * A class, so that a stack of thousands of resources shares one copy of the methods; unlike
 * the SDK's closures, `isType` and `asType` must be called on their object (`r.isType(X)`).
 */
class ResourceView {
    readonly type: string;
    readonly props: Record<string, any>;
    readonly urn: string;
    readonly name: string;
    readonly opts: ResourceValidationArgs["opts"];

    constructor(r: RecordedResource, wire: Record<string, unknown>, readonly provider: PolicyProviderResource | undefined) {
        this.type = r.type;
        this.props = unknownCheckingProxy(policyView(wire));
        this.urn = r.urn;
        this.name = r.name;
        this.opts = optionsOf(r);
    }

    isType(resourceClass: unknown): boolean {
        return isTypeOf(this.type, resourceClass);
    }

    // The SDK's typed asType hands back the same props, typed by the caller's class.
    asType(resourceClass: unknown): any {
        return isTypeOf(this.type, resourceClass) ? this.props : undefined;
    }
}

/**
 * What stack policies see of a resource: its outputs. For a component (the stack included) those
 * are what it passed to registerOutputs, which replace its outputs in the engine (pulumi/pulumi
 * pkg/resource/deploy/step_executor.go executeRegisterResourceOutputs).
 */
export function outputsOf(r: RecordedResource): Record<string, unknown> {
    return (r.custom ? r.wireOutputs : (r.registeredOutputs ?? r.wireOutputs)) ?? r.wireInputs;
}

export async function evaluatePolicies(
    policies: Policies,
    config: ResolvedPackConfig,
    resources: readonly RecordedResource[],
    stackTags: ReadonlyMap<string, string> = new Map(),
    pack?: PackLabel,
): Promise<Evaluation> {
    const violations: Violation[] = [];
    const notApplicable: NotApplicable[] = [];
    let resourceEvaluations = 0;
    // The pack's exemption wrapper (policy/common/exemptions.ts) tells this sink what it did;
    // the Pulumi analyzer passes none, and the violations reported are the same.
    const exemptionEvents: ExemptionEvent[] = [];
    const sink = { [EXEMPTION_SINK]: (event: ExemptionEvent) => exemptionEvents.push(event) };
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const getConfig = (name: string) => () => ({ ...(config[name]?.properties ?? {}) }) as any;

    // One view per provider, shared by its resources as one view of a resource's props is
    // shared by the policies that judge it.
    const providerViews = new Map<string, PolicyProviderResource | undefined>();
    const providerOf = (r: RecordedResource): PolicyProviderResource | undefined => {
        if (!r.providerRef) return undefined;
        if (providerViews.has(r.providerRef)) return providerViews.get(r.providerRef);
        const urn = r.providerRef.split("::").slice(0, -1).join("::");
        const provider = byUrn.get(urn);
        const view = provider
            ? { type: provider.type, props: unknownCheckingProxy(policyView(provider.wireInputs)), urn: provider.urn, name: provider.name }
            : undefined;
        providerViews.set(r.providerRef, view);
        return view;
    };

    const resourceView = (r: RecordedResource, wire: Record<string, unknown>) => new ResourceView(r, wire, providerOf(r));

    // What does not change from one resource to the next is worked out once per policy.
    let current: RecordedResource | undefined;
    const resourcePolicies = policies.filter(isResourcePolicy).flatMap((p) => {
        const level = config[p.name]?.enforcementLevel ?? "advisory";
        if (level === "disabled" || !p.validateResource) {
            return [];
        }
        const validations: ResourceValidation[] = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
        const onlyTypes = validations.length === 1 ? validationTypes(validations[0]) : undefined;
        // One reporter per policy; a violation without its own URN belongs to the resource being judged.
        const report = makeReporter(p, effectiveLevel(level), violations, () => current?.urn);
        return [{ p, validations, onlyTypes, report, getConfig: getConfig(p.name) }];
    });
    for (const r of resources) {
        current = r;
        // One arguments object per resource, shared by the policies that judge it (validations
        // run one at a time; only getConfig differs between policies).
        let args: ResourceValidationArgs | undefined;
        for (const { p, validations, onlyTypes, report, getConfig } of resourcePolicies) {
            if (onlyTypes && !onlyTypes.has(r.type)) {
                continue;
            }
            args ??= Object.assign(resourceView(r, r.wireInputs), { stackTags, notApplicable: throwNotApplicable, getConfig }, sink) as ResourceValidationArgs;
            args.getConfig = getConfig;
            for (const validation of validations) {
                resourceEvaluations++;
                try {
                    // Most validations are synchronous; awaiting only promises saves a microtask each.
                    const pending = validation(args, report);
                    if (pending && typeof (pending as Promise<void>).then === "function") {
                        await pending;
                    }
                } catch (err) {
                    if (err instanceof UnknownValueError) {
                        violations.push(previewDiagnostic(p, err, r.urn, pack));
                    } else if (err instanceof NotApplicableSignal) {
                        notApplicable.push({ policy: p.name, urn: r.urn, reason: err.reason });
                    } else {
                        throw new Error(`Error validating resource ${r.urn} with policy '${p.name}': ${(err as Error).stack ?? err}`);
                    }
                }
            }
        }
    }

    const stackPolicies = policies.filter(isStackPolicy);
    if (stackPolicies.length > 0) {
        const policyResources = new Map<string, PolicyResource>();
        for (const r of resources) {
            policyResources.set(r.urn, Object.assign(resourceView(r, outputsOf(r)), { dependencies: [], propertyDependencies: {} }) as PolicyResource);
        }
        // Second pass: link parents and dependencies as objects, as the SDK does.
        for (const r of resources) {
            const pr = policyResources.get(r.urn)!;
            if (r.parent) pr.parent = policyResources.get(r.parent);
            pr.dependencies = r.dependencies.map((u) => policyResources.get(u)).filter((x): x is PolicyResource => x !== undefined);
            for (const [key, urns] of Object.entries(r.propertyDependencies)) {
                pr.propertyDependencies[key] = urns.map((u) => policyResources.get(u)).filter((x): x is PolicyResource => x !== undefined);
            }
        }
        const all = [...policyResources.values()];
        const rootStackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent)?.urn;
        for (const p of stackPolicies) {
            const level = config[p.name]?.enforcementLevel ?? "advisory";
            if (level === "disabled") {
                continue;
            }
            const args: StackValidationArgs = { resources: all, stackTags, getConfig: getConfig(p.name), notApplicable: throwNotApplicable, ...sink };
            try {
                await p.validateStack(args, makeReporter(p, effectiveLevel(level), violations, (named) => (named && byUrn.has(named) ? named : rootStackUrn)));
            } catch (err) {
                if (err instanceof UnknownValueError) {
                    violations.push(previewDiagnostic(p, err, rootStackUrn, pack));
                } else if (err instanceof NotApplicableSignal) {
                    notApplicable.push({ policy: p.name, reason: err.reason });
                } else {
                    throw new Error(`Error validating stack with policy '${p.name}': ${(err as Error).stack ?? err}`);
                }
            }
        }
    }
    return { violations, notApplicable, resourceEvaluations, exemptionEvents };
}
