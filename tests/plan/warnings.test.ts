// The offline plan shows what the program logs with pulumi.log.warn, as `pulumi preview` would.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { runPlan } from "../../tools/plan/index";
import { renderHuman, renderJson } from "../../tools/plan/render";

const noPolicies = { name: "none", policies: [] };

describe("offline plan warnings", () => {
    it("collects pulumi.log.warn messages in order, in the text and the JSON", async () => {
        const result = await runPlan({
            stack: "dev",
            policyPack: noPolicies,
            program: () => {
                const provider = new aws.Provider("p", { region: "eu-west-1" });
                const topic = new aws.sns.Topic("t", {}, { provider });
                pulumi.log.warn("first: about a resource", topic);
                pulumi.log.warn("second: about the program\nwith a second line");
            },
        });
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        expect(result.warnings).to.deep.equal(["first: about a resource", "second: about the program\nwith a second line"]);
        expect(renderHuman(result)).to.contain("Warnings (2):\n  first: about a resource\n  second: about the program\n  with a second line");
        expect(JSON.parse(renderJson(result)).warnings).to.deep.equal(result.warnings);
    });

    it("leaves other console.warn output alone and restores console.warn afterwards", async () => {
        const original = console.warn;
        const seen: unknown[][] = [];
        console.warn = (...args: unknown[]) => void seen.push(args);
        try {
            const result = await runPlan({ stack: "dev", policyPack: noPolicies, program: () => console.warn("library noise", 42) });
            expect(result.warnings).to.deep.equal([]);
            expect(seen).to.deep.equal([["library noise", 42]]);
        } finally {
            const restored = console.warn;
            console.warn = original;
            expect(restored).to.not.equal(original);
        }
        const plain = await runPlan({ stack: "dev", policyPack: noPolicies, program: () => undefined });
        expect(plain.warnings).to.deep.equal([]);
        expect(renderHuman(plain)).to.not.contain("Warnings");
    });
});
