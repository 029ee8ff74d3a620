// Exemptions in the policy config: a reason and an expiry date are mandatory, an active one
// exempts the resource, an expired one fails like the rule it exempted, and the plan lists them.
// They live in the pack (policy/common/exemptions.ts), so the Pulumi analyzer, which calls the
// same wrapped validations with its own arguments, reports exactly what the offline plan does.

import * as aws from "@pulumi/aws";
import type { ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { expect } from "chai";
import { exemptionStatus, withExemptions } from "../../policy/common/exemptions";
import { keyRotation } from "../../policy/kms/key-rotation";
import { policies } from "../../policy/policies";
import type { GatevaultStackPolicy } from "../../policy/types";
import { PlanResult, runPlan } from "../../tools/plan/index";
import { parsePolicyConfig, resolvePolicyConfig } from "../../tools/plan/policy-config";
import { renderHuman } from "../../tools/plan/render";
import { writeTempJson } from "../support/temp-json";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const REASON = "Imported key, rotated by the owning team by hand";
const VAULT_URN = "urn:pulumi:dev::gatevault::pulumi:pulumi:Stack$aws:backup/vault:Vault::unlocked";

function program() {
    const provider = new aws.Provider("home", { region: "eu-west-1" });
    for (const name of ["k-active", "k-expired", "k-today", "k-plain"]) new aws.kms.Key(name, { enableKeyRotation: false }, { provider });
    new aws.backup.Vault("unlocked", { name: "unlocked" }, { provider });
}

const CONFIG = {
    "kms-key-rotation": {
        enforcementLevel: "mandatory",
        exemptions: [
            { resource: "k-active", reason: REASON, expires: isoDay(30) },
            { resource: "k-expired", reason: REASON, expires: isoDay(-1) },
            { resource: "k-today", reason: REASON, expires: isoDay(0) },
            { resource: "k-gone", reason: "Removed last sprint, exemption left behind", expires: isoDay(30) },
        ],
    },
    "backup-vault-lock": { enforcementLevel: "mandatory", exemptions: [{ resource: VAULT_URN, reason: "Lock arrives with the vault migration", expires: isoDay(10) }] },
};

describe("policy exemptions", function () {
    this.timeout(60_000);
    let plan: PlanResult;
    before(async () => {
        plan = await runPlan({ stack: "dev", program, policyConfigFile: writeTempJson(CONFIG) });
    });

    it("exempts a resource until the end of the expiry day, and fails it again the day after, like the rule", () => {
        expect(plan.error, plan.error?.message).to.equal(undefined);
        const rotation = plan.violations.filter((v) => v.policy === "kms-key-rotation");
        expect(rotation.map((v) => [v.urn?.split("::").pop(), v.enforcementLevel])).to.deep.equal([
            ["k-expired", "mandatory"],
            ["k-plain", "mandatory"],
        ]);
        expect(rotation[0].message).to.contain(`exemption expired on ${isoDay(-1)} (reason given: ${REASON})`);
        expect(plan.summary.exitCode).to.equal(1);
    });

    it("exempts a stack policy's violation at the URN it names", () => {
        expect(plan.violations.filter((v) => v.policy === "backup-vault-lock")).to.deep.equal([]);
    });

    it("lists every exemption with its status, the resources it names and what it did", () => {
        const listed = plan.exemptions.map((e) => [e.policy, e.resource, e.status, e.resources.length, e.violations.length]);
        // In the pack's policy order, then the config's.
        expect(listed).to.deep.equal([
            ["backup-vault-lock", VAULT_URN, "active", 1, 1],
            ["kms-key-rotation", "k-active", "active", 1, 1],
            ["kms-key-rotation", "k-expired", "expired", 1, 1],
            ["kms-key-rotation", "k-today", "active", 1, 1],
            ["kms-key-rotation", "k-gone", "active", 0, 0],
        ]);
        const text = renderHuman(plan);
        expect(text).to.contain(`[kms-key-rotation] k-expired — EXPIRED on ${isoDay(-1)}: ${REASON}`);
        expect(text).to.contain("[kms-key-rotation] k-gone");
        expect(text).to.contain("names no resource in this plan");
    });

    it("refuses an exemption without a reason of 10 characters, without an expiry date, or with another field (exit 2)", () => {
        const resolve = (exemption: object) => () => resolvePolicyConfig(policies, "advisory", parsePolicyConfig({ "kms-key-rotation": { exemptions: [exemption] } }, "test"));
        expect(resolve({ resource: "k", reason: "too short", expires: "2030-01-01" })).to.throw(/Policy "kms-key-rotation": \/exemptions\/0\/reason must NOT have fewer than 10 characters/);
        expect(resolve({ resource: "k", reason: REASON })).to.throw(/\/exemptions\/0 must have required property 'expires'/);
        expect(resolve({ resource: "k", reason: REASON, expires: "next year" })).to.throw(/\/exemptions\/0\/expires must match pattern/);
        expect(resolve({ resource: "k", reason: REASON, expires: "2030-01-01", rule: "x" })).to.throw(/must NOT have additional properties/);
        expect(resolve({ resource: "k", reason: REASON, expires: "2030-01-01" })).to.not.throw();
    });

    it("counts a day that is not one (2026-02-30) as expired, and the expiry day itself as active", () => {
        expect(exemptionStatus({ resource: "k", reason: REASON, expires: "2026-02-30" }, Date.UTC(2025, 0, 1))).to.equal("expired");
        expect(exemptionStatus({ resource: "k", reason: REASON, expires: "2026-03-01" }, Date.UTC(2026, 2, 1, 23, 59, 59))).to.equal("active");
        expect(exemptionStatus({ resource: "k", reason: REASON, expires: "2026-03-01" }, Date.UTC(2026, 2, 2))).to.equal("expired");
    });

    describe("inside the pack, for pulumi preview --policy-pack", () => {
        it("gives every policy an exemptions property and keeps the markers evaluators dispatch on", () => {
            for (const p of policies) expect(Object.keys(p.configSchema?.properties ?? {}), p.name).to.include("exemptions");
            const wrapped = policies.find((p) => p.name === keyRotation.name) as typeof keyRotation;
            const marker = (v: unknown) => (v as { __pulumiType?: string }).__pulumiType;
            expect(marker(wrapped.validateResource)).to.equal(marker(keyRotation.validateResource)).and.to.equal("aws:kms/key:Key");
        });

        it("reports to the analyzer's own reporter what the offline plan reports, with no sink", async () => {
            // Arguments as @pulumi/policy's analyzer server builds them (server.js): getConfig
            // returns the config file's properties, with no schema defaults and no sink.
            const validation = (policies.find((p) => p.name === keyRotation.name) as typeof keyRotation).validateResource as ResourceValidation;
            const reported: string[] = [];
            const report: ReportViolation = (message) => reported.push(`${keyRotation.description}\n${message}`);
            for (const name of ["k-active", "k-expired", "k-today", "k-plain"]) {
                const args = {
                    type: "aws:kms/key:Key",
                    props: { enableKeyRotation: false },
                    urn: `urn:pulumi:dev::gatevault::pulumi:pulumi:Stack$aws:kms/key:Key::${name}`,
                    name,
                    opts: {},
                    getConfig: () => ({ exemptions: CONFIG["kms-key-rotation"].exemptions }),
                    notApplicable: () => undefined,
                    isType: () => true,
                    asType: () => ({ enableKeyRotation: false }),
                } as unknown as ResourceValidationArgs;
                await validation(args, report);
            }
            expect(reported).to.deep.equal(plan.violations.filter((v) => v.policy === "kms-key-rotation").map((v) => v.message));
        });

        it("exempts a stack policy's violation only at the exempted URN, and passes violations without a URN through", () => {
            const reported: (string | undefined)[] = [];
            const stackPolicy: GatevaultStackPolicy = {
                name: "test-stack",
                description: "d",
                enforcementLevel: "mandatory",
                controls: [],
                remediationSteps: "r",
                validateStack: (_args, report) => {
                    report("a", "urn:a");
                    report("b", "urn:b");
                    report("stack");
                },
            };
            const args = {
                resources: [{ urn: "urn:a", name: "a" }, { urn: "urn:b", name: "b" }],
                getConfig: () => ({ exemptions: [{ resource: "a", reason: REASON, expires: isoDay(1) }] }),
            } as unknown as StackValidationArgs;
            void withExemptions(stackPolicy).validateStack(args, (_message, urn) => reported.push(urn));
            expect(reported).to.deep.equal(["urn:b", undefined]);
        });
    });
});
