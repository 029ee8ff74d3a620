// The engine's side of policy analysis as hosts-check models it (pulumi/pulumi v3.248.0): what
// properties reach the analyzer (sdk/go/common/resource/plugin/rpc.go MarshalPropertyValue),
// which URN a diagnostic is filed under (step_generator.go, analyze_snapshot.go), the policy
// config the CLI reconciles (pkg/resource/analyzer/config.go), and the wording of @pulumi/policy's
// analyzer for values unknown in preview, which the offline evaluator now matches. Pure or
// in-process: nothing is started.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { analyzerProperties, analyzerInputs, resourceViolation, stackViolation } from "../../tools/hosts/analyzer-inputs";
import { analyzeRequest, AnalyzerDiagnostic } from "../../tools/hosts/analyzer-host";
import { reconcilePolicyPackConfig } from "../../tools/hosts/policy-config";
import { defaultPolicyPack, runPlan } from "../../tools/plan/index";

const rpc = require("@pulumi/pulumi/runtime/rpc") as Record<string, string>;
const SIG = rpc.specialSigKey;
const secret = (value: unknown) => ({ [SIG]: rpc.specialSecretSig, value });
const output = (fields: Record<string, unknown>) => ({ [SIG]: rpc.specialOutputValueSig, ...fields });
const ref = (fields: Record<string, unknown>) => ({ [SIG]: rpc.specialResourceSig, ...fields });

describe("hosts-check: the engine's side of policy analysis", () => {
    describe("properties as the analyzer receives them (MarshalProperties without output values or resource references)", () => {
        it("turns an output value into its value, a secret when secret, unknown when not known", () => {
            expect(
                analyzerProperties({
                    known: output({ value: "a", dependencies: ["urn:x"] }),
                    secretValue: output({ value: { b: 1 }, secret: true }),
                    unknown: output({}),
                    unknownSecret: output({ secret: true }),
                    nested: [output({ value: secret("s") })],
                }),
            ).to.deep.equal({
                known: "a",
                secretValue: secret({ b: 1 }),
                unknown: rpc.unknownValue,
                unknownSecret: secret(rpc.unknownValue),
                nested: [secret("s")],
            });
        });

        it("turns a resource reference into its id, unknown for an empty id, its URN without one", () => {
            expect(
                analyzerProperties({
                    custom: ref({ urn: "urn:a", id: "i-123" }),
                    pending: ref({ urn: "urn:b", id: "" }),
                    component: ref({ urn: "urn:c" }),
                }),
            ).to.deep.equal({ custom: "i-123", pending: rpc.unknownValue, component: "urn:c" });
        });

        it("skips internal `__` keys at the top level only", () => {
            expect(analyzerProperties({ __defaults: ["a"], tags: { __keep: "x" } })).to.deep.equal({ tags: { __keep: "x" } });
        });

        it("gives AnalyzeStack a component's registered outputs and a custom resource's outputs", () => {
            const base = { parent: undefined, remote: false, read: false, dependencies: [], propertyDependencies: {}, wireInputs: { a: 1 } };
            const options = { protect: false, retainOnDelete: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } };
            const inputs = analyzerInputs([
                { ...base, options, urn: "urn:comp", type: "x:y:Z", name: "comp", custom: false, wireOutputs: {}, registeredOutputs: { out: "v" } },
                { ...base, options, urn: "urn:res", type: "aws:s3/bucketV2:BucketV2", name: "res", custom: true, wireOutputs: { a: 1, arn: "arn" } },
            ]);
            expect(inputs.analyze.map((r) => r.properties)).to.deep.equal([{ a: 1 }, { a: 1 }]);
            expect(inputs.stack.map((r) => r.properties)).to.deep.equal([{ out: "v" }, { a: 1, arn: "arn" }]);
        });
    });

    describe("where diagnostics are filed", () => {
        const d = (urn: string, enforcementLevel: AnalyzerDiagnostic["enforcementLevel"] = "mandatory"): AnalyzerDiagnostic => ({
            policyName: "p",
            policyPackName: "pack",
            policyPackVersion: "1.0.0",
            description: "d",
            message: "m",
            enforcementLevel,
            urn,
        });
        it("files Analyze diagnostics under the analyzed resource, whatever URN they name", () => {
            expect(resourceViolation(d("urn:other"), "urn:analyzed").urn).to.equal("urn:analyzed");
        });
        it("files AnalyzeStack diagnostics under a named resource of the stack, else under the root stack", () => {
            const stack = new Set(["urn:in"]);
            expect(stackViolation(d("urn:in"), stack, "urn:root").urn).to.equal("urn:in");
            expect(stackViolation(d("urn:gone"), stack, "urn:root").urn).to.equal("urn:root");
            expect(stackViolation(d(""), stack, "urn:root").urn).to.equal("urn:root");
        });
        it("files the offline evaluator's violations the same way", async () => {
            const policies = [
                { name: "names-other", description: "r", enforcementLevel: "mandatory" as const, validateResource: (_a: unknown, report: (m: string, urn?: string) => void) => report("x", "urn:pulumi:dev::gatevault::elsewhere") },
                { name: "names-none", description: "s", enforcementLevel: "mandatory" as const, validateStack: (_a: unknown, report: (m: string, urn?: string) => void) => report("y") },
            ];
            const result = await runPlan({ stack: "dev", program: () => new aws.Provider("only", { region: "eu-west-1" }) && {}, policyPack: { name: "t", version: "1.0.0", policies } });
            expect(result.violations.map((v) => [v.policy, v.urn])).to.deep.equal([
                ["names-other", "urn:pulumi:dev::gatevault::pulumi:pulumi:Stack::gatevault-dev"],
                ["names-other", "urn:pulumi:dev::gatevault::pulumi:pulumi:Stack$pulumi:providers:aws::only"],
                ["names-none", "urn:pulumi:dev::gatevault::pulumi:pulumi:Stack::gatevault-dev"],
            ]);
        });
        it("reports a remediate level as mandatory", () => {
            expect(stackViolation(d("", "remediate"), new Set(), "urn:root").enforcementLevel).to.equal("mandatory");
        });
    });

    describe("policy config as the CLI reconciles it (ReconcilePolicyPackConfig)", () => {
        const policies = [
            { name: "a", enforcementLevel: "advisory" as const, configSchema: { properties: { min: { type: "number", default: 90 }, names: { type: "array" } }, required: [] } },
            { name: "b", enforcementLevel: "mandatory" as const },
        ];
        it("starts from schema defaults and reported levels, lets `all` set levels only, then each entry, keeping unknown names", () => {
            const result = reconcilePolicyPackConfig(policies, {}, { all: { enforcementLevel: "disabled" }, a: { properties: { names: ["x"] } }, c: { enforcementLevel: "advisory" } });
            expect(result).to.deep.equal({
                a: { enforcementLevel: "disabled", properties: { min: 90, names: ["x"] } },
                b: { enforcementLevel: "disabled", properties: undefined },
                all: { enforcementLevel: "disabled", properties: undefined },
                c: { enforcementLevel: "advisory", properties: undefined },
            });
        });
        it("applies the pack's initial config before the file, and refuses properties its schema refuses", () => {
            expect(reconcilePolicyPackConfig(policies, { a: { properties: { min: 30 } } }, { a: { enforcementLevel: "mandatory" } }).a).to.deep.equal({ enforcementLevel: "mandatory", properties: { min: 30 } });
            expect(() => reconcilePolicyPackConfig(policies, {}, { a: { properties: { min: "ninety" } } })).to.throw("a: /min must be number");
        });
    });

    it("words a can't-run-in-preview diagnostic as @pulumi/policy's analyzer does, naming the pack and its version", async () => {
        const result = await runPlan({
            stack: "prod",
            program: () => {
                const provider = new aws.Provider("p", { region: "eu-west-1" });
                const later = new aws.sqs.Queue("later", {}, { provider });
                new aws.kms.Key("key", { enableKeyRotation: later.urn.apply(() => pulumi.unknown as unknown as boolean) }, { provider });
                return {};
            },
        });
        const offline = result.violations.find((v) => v.policy === "kms-key-rotation")!;
        // The oracle: @pulumi/policy's own Analyze handler, given the request the engine sends.
        const pack = defaultPolicyPack();
        const { makeAnalyzeRpcFun } = require("@pulumi/policy/server") as { makeAnalyzeRpcFun: (...args: unknown[]) => (call: unknown, cb: (err: unknown, resp: any) => void) => Promise<void> };
        const analyze = makeAnalyzeRpcFun(pack.name, pack.version, "mandatory", pack.policies.filter((p) => p.name === "kms-key-rotation"));
        const key = analyzerInputs(result.resources.map((r) => r.record)).analyze.find((r) => r.name === "key")!;
        const response = await new Promise<any>((resolve, reject) => analyze({ request: analyzeRequest(key) }, (err, resp) => (err ? reject(err) : resolve(resp))));
        const messages = response.getDiagnosticsList().map((d: any) => d.getMessage());
        expect(messages).to.have.length(1);
        expect(messages[0]).to.contain(`from policy pack '${pack.name}@v${pack.version}'`);
        expect(offline.message).to.equal(messages[0]);
    });
});
