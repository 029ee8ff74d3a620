import { expect } from "chai";
import * as path from "node:path";
import { REPO_ROOT, ROOT_STACK_TYPE, runPlan } from "../../tools/plan/index";
import { renderHuman, renderJson } from "../../tools/plan/render";
import { invalidConfigCases } from "../config/invalid-configs";
import { planEditedStack } from "../support/stacks";
import { shippedPlan } from "../support/shipped-plans";

const fixture = (name: string) => path.join(REPO_ROOT, "tests", "fixtures", "programs", name);

describe("offline plan runner", () => {
    for (const stack of ["dev", "prod"] as const) {
        it(`plans the ${stack} stack with exit code 0 and a resource tree under the stack root`, async () => {
            const result = await shippedPlan(stack);
            expect(result.error, result.error?.message).to.equal(undefined);
            expect(result.summary.exitCode).to.equal(0);
            const root = result.resources.find((r) => r.type === ROOT_STACK_TYPE);
            expect(root?.name).to.equal(`gatevault-${stack}`);
            expect(result.summary.resources).to.equal(result.resources.length - 1);
            for (const r of result.resources.filter((r) => r.type !== ROOT_STACK_TYPE)) {
                expect(result.resources.some((p) => p.urn === r.parent), `${r.urn} has no recorded parent`).to.equal(true);
            }
            const provider = result.resources.find((r) => r.type === "pulumi:providers:aws");
            expect(provider?.inputs.region).to.equal("eu-west-1");
            const text = renderHuman(result);
            expect(text).to.contain(`pulumi:pulumi:Stack  gatevault-${stack}`);
            expect(text).to.match(/Summary: \d+ resources?, 0 mandatory/);
        });
    }

    it("renders JSON of the documented shape", async () => {
        const json = JSON.parse(renderJson(await shippedPlan("prod")));
        expect(json).to.include.keys("stack", "resources", "violations", "summary");
        expect(json.stack).to.equal("prod");
        expect(json.resources.length).to.be.greaterThan(1);
        expect(json).to.include({ format: "gatevault-offline-plan", formatVersion: 2 });
        for (const r of json.resources) {
            expect(r).to.have.all.keys("urn", "type", "name", "parent", "inputs", "options");
            expect(r.options).to.have.all.keys("provider", "protect", "retainOnDelete", "dependsOn", "deleteBeforeReplace", "replaceOnChanges", "ignoreChanges");
        }
        expect(json.violations).to.be.an("array");
        expect(json.exemptions).to.deep.equal([]);
        expect(json.summary).to.include({ exitCode: 0 });
    });

    it("gives each resource its options: provider by account and region, protect, retainOnDelete, dependsOn", async () => {
        const json = JSON.parse(renderJson(await shippedPlan("prod")));
        const named = (name: string) => json.resources.find((r: { name: string }) => r.name === name);
        const vault = named("backup-vault-eu-central-1-vault").options;
        expect(vault).to.include({ protect: true, retainOnDelete: true, deleteBeforeReplace: null });
        expect(vault.provider).to.deep.include({ name: "aws-eu-central-1", default: false, accountId: "222222222222", region: "eu-central-1" });
        expect(named("backup-central-vault-vault").options.provider).to.deep.include({ accountId: "555555555555", region: "eu-west-1" });
        // The notifications wait for the topic's policy by dependsOn, not through an input.
        expect(named("backup-vault-notifications").options.dependsOn).to.deep.equal([named("backup-vault-events-policy").urn]);
        // Components are created through no provider of their own.
        expect(named("backup-vault").options.provider).to.equal(null);
    });

    describe("invalid config: exit 2, the key path, nothing registered", () => {
        for (const c of invalidConfigCases) {
            it(c.name, async () => {
                const result = await planEditedStack("dev", c.edit);
                expect(result.summary.exitCode).to.equal(2);
                expect(result.error?.kind).to.equal("config");
                expect(result.error?.problems?.map((p) => p.path)).to.include(c.path);
                expect(result.resources.filter((r) => r.type !== ROOT_STACK_TYPE)).to.have.length(0);
                expect(renderHuman(result)).to.contain(c.path);
            });
        }
    });

    it("gives ARNs and ids in the region and account of each resource's provider", async () => {
        const result = await runPlan({ stack: "dev", program: fixture("regional-resources.ts") });
        expect(result.error, result.error?.message).to.equal(undefined);
        const out = result.outputs!;
        expect(out.vaultArn).to.match(/^arn:aws:backup:eu-west-1:111111111111:backup-vault:vault-[0-9a-f]{7}$/);
        expect(out.copyVaultArn).to.equal("arn:aws:backup:eu-central-1:111111111111:backup-vault:copy");
        expect(out.centralVaultArn).to.equal("arn:aws:backup:eu-west-1:999999999999:backup-vault:central");
        expect(out.keyArn).to.match(/^arn:aws:kms:eu-west-1:111111111111:key\/[0-9a-f-]{36}$/);
        expect(out.executionArn).to.match(/^arn:aws:execute-api:eu-west-1:111111111111:[a-z0-9]{10}$/);
        expect(out.rootResourceId).to.match(/^[a-z0-9]{10}$/);
        expect(out.centralAccount).to.equal("999999999999");
    });

    it("is deterministic: the same program gives the same ids twice", async () => {
        const a = await runPlan({ stack: "dev", program: fixture("regional-resources.ts") });
        const b = await runPlan({ stack: "dev", program: fixture("regional-resources.ts") });
        expect(a.outputs).to.deep.equal(b.outputs);
    });

    it("masks secrets in outputs and inputs, in both renderings", async () => {
        const result = await runPlan({ stack: "dev", program: fixture("regional-resources.ts") });
        expect(result.secretOutputs).to.deep.equal(["secretValue"]);
        expect(result.outputs!.secretValue).to.equal("[secret]");
        expect(renderJson(result)).to.not.contain("hunter2-plaintext");
        expect(renderHuman(result, { showInputs: true })).to.not.contain("hunter2-plaintext");
    });

    it("fails a resource that uses the default provider the stack disables", async () => {
        const result = await runPlan({ stack: "dev", program: fixture("default-provider.ts") });
        expect(result.summary.exitCode).to.equal(3);
        expect(result.error?.message).to.match(/Default provider for 'aws' disabled/);
    });

    it("names a data source that has no mock", async () => {
        const result = await runPlan({ stack: "dev", program: fixture("unmocked-data-source.ts") });
        expect(result.summary.exitCode).to.equal(3);
        expect(result.error?.message).to.contain('no mock for data source "aws:ec2/getAmi:getAmi"');
    });

    it("reports a missing stack file as a usage error", async () => {
        const result = await runPlan({ stack: "no-such-stack" });
        expect(result.summary.exitCode).to.equal(2);
        expect(result.error?.kind).to.equal("usage");
        expect(result.error?.message).to.contain("Pulumi.no-such-stack.yaml");
    });
});
