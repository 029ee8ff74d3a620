// What the engine hands a policy pack for each recorded resource, and how it attributes the
// diagnostics that come back (pulumi/pulumi v3.248.0):
// - Properties: the engine keeps what the program sent (plugin.UnmarshalProperties with unknowns,
//   secrets, resource references and output values kept; pkg/resource/deploy/source_eval.go
//   RegisterResource) and marshals it for analyzers with unknowns and secrets kept, top-level
//   `__` keys skipped, output values and resource references flattened
//   (sdk/go/common/resource/plugin/analyzer_plugin.go Analyze/AnalyzeStack → rpc.go
//   MarshalProperties/MarshalPropertyValue): an output value becomes its value (a secret when it
//   is secret, unknown when it is not known); a resource reference becomes its id, unknown when
//   the id is empty, or its URN when it has no id.
// - Analyze gets a resource's inputs; AnalyzeStack gets its outputs (tools/plan/evaluate.ts outputsOf).
// - Options: protect, ignoreChanges, deleteBeforeReplace, additionalSecretOutputs, aliases,
//   customTimeouts and parent; the provider as its URN, type, name and inputs.
// - A diagnostic from Analyze belongs to the analyzed resource whatever URN it names
//   (analyze_snapshot.go analyzeResource); one from AnalyzeStack to the URN it names when that
//   resource is in the stack, else to the root stack (step_generator.go AnalyzeResources). A
//   `remediate` level is reported as mandatory.

import type { EnforcementLevel } from "@pulumi/policy";
import {
    specialOutputValueSig as OUTPUT,
    specialResourceSig as RESOURCE,
    specialSecretSig as SECRET,
    specialSigKey as SIG,
    unknownValue as UNKNOWN,
} from "@pulumi/pulumi/runtime/rpc";
import { outputsOf, Violation } from "../plan/evaluate";
import type { RecordedResource } from "../plan/recorder";
import type { AnalyzerDiagnostic, AnalyzerResourceInput } from "./analyzer-host";

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

const secret = (value: unknown) => ({ [SIG]: SECRET, value });

function flatten(wire: unknown): unknown {
    if (Array.isArray(wire)) {
        return wire.map(flatten);
    }
    if (!isObject(wire)) {
        return wire;
    }
    switch (wire[SIG]) {
        case OUTPUT: {
            const value = "value" in wire ? flatten(wire.value) : UNKNOWN;
            return wire.secret === true ? secret(value) : value;
        }
        case RESOURCE:
            if ("id" in wire) {
                const id = flatten(wire.id);
                return id === "" ? UNKNOWN : id;
            }
            return wire.urn;
        case SECRET:
            return secret(flatten(wire.value));
        default:
            return Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, flatten(v)]));
    }
}

/** A property map in the wire form an analyzer receives it. */
export function analyzerProperties(wire: Record<string, unknown> | undefined): Record<string, unknown> {
    return Object.fromEntries(Object.entries(wire ?? {}).filter(([k]) => !k.startsWith("__")).map(([k, v]) => [k, flatten(v)]));
}

function providerOf(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): AnalyzerResourceInput["provider"] {
    if (!r.providerRef) return undefined;
    const provider = byUrn.get(r.providerRef.split("::").slice(0, -1).join("::"));
    return provider && { urn: provider.urn, type: provider.type, name: provider.name, properties: analyzerProperties(provider.wireInputs) };
}

function analyzerResource(r: RecordedResource, properties: Record<string, unknown> | undefined, byUrn: ReadonlyMap<string, RecordedResource>): AnalyzerResourceInput {
    const o = r.options;
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        properties: analyzerProperties(properties),
        options: {
            protect: o.protect,
            ignoreChanges: o.ignoreChanges,
            deleteBeforeReplace: o.deleteBeforeReplace,
            additionalSecretOutputs: o.additionalSecretOutputs,
            aliases: o.aliases,
            customTimeouts: o.customTimeouts,
            parent: r.parent,
        },
        provider: providerOf(r, byUrn),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    };
}

/** The Analyze input of each resource (its inputs) and the AnalyzeStack input (its outputs). */
export function analyzerInputs(resources: readonly RecordedResource[]): { analyze: AnalyzerResourceInput[]; stack: AnalyzerResourceInput[] } {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return {
        analyze: resources.map((r) => analyzerResource(r, r.wireInputs, byUrn)),
        stack: resources.map((r) => analyzerResource(r, outputsOf(r), byUrn)),
    };
}

function level(l: EnforcementLevel): EnforcementLevel {
    return l === "remediate" ? "mandatory" : l;
}

export function resourceViolation(d: AnalyzerDiagnostic, analyzed: string): Violation {
    return { policy: d.policyName, enforcementLevel: level(d.enforcementLevel), urn: analyzed, message: d.message };
}

export function stackViolation(d: AnalyzerDiagnostic, stackUrns: ReadonlySet<string>, rootStackUrn: string): Violation {
    return { policy: d.policyName, enforcementLevel: level(d.enforcementLevel), urn: d.urn && stackUrns.has(d.urn) ? d.urn : rootStackUrn, message: d.message };
}

/** resource.DefaultRootStackURN. */
export function defaultRootStackUrn(stack: string, project: string): string {
    return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}
