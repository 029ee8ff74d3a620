// The offline plan never reports success for a program `pulumi preview` would fail: each fixture
// program below fails in one of the ways a real run does, and the plan must end with exit 3 and
// a program error that names what went wrong, in the result and in its JSON.

import * as path from "node:path";
import { expect } from "chai";
import { PlanResult, REPO_ROOT, runPlan } from "../../tools/plan/index";
import { renderJson } from "../../tools/plan/render";

const fixture = (name: string) => path.join(REPO_ROOT, "tests", "fixtures", "programs", `${name}.ts`);

// Short enough to keep the suite fast, long enough for a loaded machine's mock registrations.
const SETTLE = { idleMs: 400, deadlineMs: 30_000 };

function planFixture(name: string): Promise<PlanResult> {
    return runPlan({ stack: "dev", program: fixture(name), policyPack: { name: "none", policies: [] }, settle: SETTLE });
}

function expectProgramError(result: PlanResult, pattern: RegExp): void {
    expect(result.summary.exitCode, result.error?.message).to.equal(3);
    expect(result.error?.kind).to.equal("program");
    expect(result.error?.message).to.match(pattern);
    const json = JSON.parse(renderJson(result));
    expect(json.summary.exitCode).to.equal(3);
    expect(json.error.kind).to.equal("program");
    expect(json.error.message).to.match(pattern);
}

describe("offline plan: never a false success", function () {
    this.timeout(60_000);

    it("fails a registration the AWS provider would refuse, naming resource, field, rule and provider file", async () => {
        const result = await planFixture("provider-rule-violation");
        expectProgramError(result, /the AWS provider would refuse aws:backup\/restoreTestingSelection:RestoreTestingSelection "ebs"/);
        const json = JSON.parse(renderJson(result));
        expect(json.error.providerRules).to.have.length(1);
        expect(json.error.providerRules[0]).to.deep.include({
            name: "ebs",
            type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
            kind: "ExactlyOneOf",
            fields: ["protectedResourceArns", "protectedResourceConditions"],
            file: "internal/service/backup/restore_testing_selection.go",
            phase: "plan",
        });
        expect(json.error.providerRules[0].urn).to.match(/::ebs$/);
        expect(json.error.providerRules[0].rule).to.equal("ExactlyOneOf(protectedResourceArns, protectedResourceConditions)");
    });

    it("fails a program whose promise never settles", async () => {
        const result = await planFixture("never-settles");
        expectProgramError(result, /the program never finished: the program awaits a promise that never settles/);
        // What registered before the wait is still shown.
        expect(result.resources.map((r) => r.name)).to.include("registered-before-the-wait");
    });

    it("fails a dependency cycle and names the resources in it", async () => {
        const result = await planFixture("dependency-cycle");
        expectProgramError(result, /dependency cycle: aws:sns\/topic:Topic "first" → aws:sns\/topic:Topic "second" → aws:sns\/topic:Topic "first"/);
    });

    it("fails a duplicate URN, as the engine does", async () => {
        const result = await planFixture("duplicate-urn");
        expectProgramError(result, /Duplicate resource URN '.*::alerts'; try giving it a unique name/);
    });

    it("fails a promise nobody awaited that rejects after the program returned", async () => {
        const result = await planFixture("floating-rejection");
        expectProgramError(result, /floating failure: a rejected promise nobody awaited/);
    });

    it("fails a program that logged an error and carried on", async () => {
        const result = await planFixture("logged-error");
        expectProgramError(result, /the program logged an error: the inventory API has no stage configured/);
    });

    it("still succeeds for a program that does nothing wrong", async () => {
        const result = await planFixture("empty");
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        expect(result.error).to.equal(undefined);
    });
});
