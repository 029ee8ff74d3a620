// Runs a component-building function through the offline plan (mocks, recorder, no policy
// pack) and offers lookups for assertions. Component tests use this instead of ad hoc mocks.

import { parseStackConfig, GatevaultConfig } from "../../components/config";
import { PlannedResource, PlanResult, runPlan } from "../../tools/plan/index";
import { policyView } from "../../tools/plan/properties";
import { editedStack, shippedStack, sourceOf } from "./stacks";

export interface PlannedProgram {
    result: PlanResult;
    /** Resources other than the root stack, in registration order. */
    resources: PlannedResource[];
    ofType(type: string): PlannedResource[];
    /** The single resource of a type (and name, when given); throws when there is not exactly one. */
    one(type: string, name?: string): PlannedResource;
    /** Inputs as a policy sees them: secrets unwrapped, unknowns as the engine's sentinel. */
    rawInputs(resource: PlannedResource): Record<string, any>;
    outputs: Record<string, unknown>;
}

/** The typed config of a shipped stack, optionally edited first. */
export function stackConfig(stack = "dev", edit?: (config: Record<string, any>) => void): GatevaultConfig {
    return parseStackConfig(sourceOf(edit ? editedStack(stack, edit) : shippedStack(stack)));
}

export async function planProgram(program: () => unknown, opts: { stack?: string } = {}): Promise<PlannedProgram> {
    const result = await runPlan({ stack: opts.stack ?? "dev", program, policyPack: { name: "none", policies: [] } });
    if (result.error) {
        const err = new Error(result.error.message);
        (err as Error & { plan: PlanResult }).plan = result;
        throw err;
    }
    const resources = result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
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
        rawInputs: (r) => policyView(r.record.wireInputs),
        outputs: result.outputs ?? {},
    };
}
