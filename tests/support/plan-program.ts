// Runs a component-building function through the offline plan (mocks, recorder, no policy
// pack) and offers lookups for assertions. Component tests use this instead of ad hoc mocks.

import { PlannedResource, PlanResult, ROOT_STACK_TYPE, runPlan } from "../../tools/plan/index";
import { policyView } from "../../tools/plan/properties";

// Many component tests build their program from a shipped stack's typed config.
export { stackConfig } from "./config-problems";

export interface PlannedProgram {
    result: PlanResult;
    /** Resources other than the root stack, in registration order. */
    resources: PlannedResource[];
    ofType(type: string): PlannedResource[];
    /** The single resource of a type (and name, when given); throws when there is not exactly one. */
    one(type: string, name?: string): PlannedResource;
    /** Inputs as a policy sees them: secrets unwrapped, unknowns as the engine's sentinel. */
    rawInputs(resource: PlannedResource): Record<string, any>;
    /** Outputs the mocks gave the resource, as a policy would see them. */
    rawOutputs(resource: PlannedResource): Record<string, any>;
    /** The provider resource a resource was registered through. */
    providerOf(resource: PlannedResource): PlannedResource | undefined;
    outputs: Record<string, unknown>;
}

/** A plan the program stopped: the result, with the error it stopped on. */
export type FailedPlan = PlanResult & { error: NonNullable<PlanResult["error"]> };
export type PlanFailure = Error & { plan: FailedPlan };

export const rawInputs = (resource: PlannedResource): Record<string, any> => policyView(resource.record.wireInputs);
export const rawOutputs = (resource: PlannedResource): Record<string, any> => policyView(resource.record.wireOutputs ?? {});

/** Lookups over any plan result: a component's program, or a whole stack's. */
export function planLookups(result: PlanResult): PlannedProgram {
    const resources = result.resources.filter((r) => r.type !== ROOT_STACK_TYPE);
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    return {
        result,
        resources,
        ofType,
        one(type, name) {
            const matches = ofType(type).filter((r) => name === undefined || r.name === name);
            if (matches.length !== 1) {
                throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${matches.length}: ${matches.map((m) => m.name).join(", ")}`);
            }
            return matches[0];
        },
        rawInputs,
        rawOutputs,
        providerOf: (r) => resources.find((p) => p.type === "pulumi:providers:aws" && r.record.providerRef?.startsWith(`${p.urn}::`)),
        outputs: result.outputs ?? {},
    };
}

function runProgram(program: () => unknown, opts: { stack?: string }): Promise<PlanResult> {
    return runPlan({ stack: opts.stack ?? "dev", program, policyPack: { name: "none", policies: [] } });
}

function failureOf(result: FailedPlan): PlanFailure {
    return Object.assign(new Error(result.error.message), { plan: result });
}

/** Plans the program; a program that stops rejects with a `PlanFailure`. */
export async function planProgram(program: () => unknown, opts: { stack?: string } = {}): Promise<PlannedProgram> {
    const result = await runProgram(program, opts);
    if (result.error) {
        throw failureOf(result as FailedPlan);
    }
    return planLookups(result);
}

/** Plans a program that must stop; resolves with how it stopped. */
export async function planFailure(program: () => unknown, opts: { stack?: string } = {}): Promise<PlanFailure> {
    const result = await runProgram(program, opts);
    if (!result.error) {
        throw new Error("expected the plan to fail");
    }
    return failureOf(result as FailedPlan);
}
