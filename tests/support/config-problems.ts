// Typed stack config for tests, and the problems the config checks report.

import { expect } from "chai";
import { checkedStackConfig } from "../../components/backup/stack/config-problems";
import { type ConfigProblem, type GatevaultConfig, isConfigValidationError } from "../../components/config";
import { editedStack, shippedStack, sourceOf } from "./stacks";

export { checkedStackConfig };

type Edit = (config: Record<string, any>) => void;

/** The typed config of a shipped stack, optionally edited first. */
export function stackConfig(stack = "dev", edit?: Edit): GatevaultConfig {
    return checkedStackConfig(sourceOf(edit ? editedStack(stack, edit) : shippedStack(stack)));
}

/** The problems `fn` is rejected with; any other outcome fails the test. */
export function problemsOf(fn: () => unknown): ConfigProblem[] {
    try {
        fn();
    } catch (err) {
        if (isConfigValidationError(err)) {
            return err.problems;
        }
        throw err;
    }
    throw new Error("expected a ConfigValidationError");
}

/** Problems the stack file alone earns (`checkedStackConfig`): the dev stack, or `stack`, with `edit` applied. */
export function configProblems(edit: Edit, stack = "dev"): ConfigProblem[] {
    return problemsOf(() => checkedStackConfig(sourceOf(editedStack(stack, edit))));
}

/** Some problem at `path` matches `message` (other problems at the same path may come first). */
export function expectProblem(problems: ConfigProblem[], path: string, message: RegExp): void {
    const match = problems.find((p) => p.path === path && message.test(p.message));
    expect(match, `no problem at ${path} matching ${message}; got ${JSON.stringify(problems, null, 1)}`).to.not.equal(undefined);
}
