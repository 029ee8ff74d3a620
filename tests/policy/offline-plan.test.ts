// The pack through the offline plan, as `npm run plan` runs it: the non-compliant fixture is
// blocked by every rule, values unknown in preview give "can't run" instead of a pass or a
// crash, and the shipped stacks pass their own policy config.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as path from "node:path";
import { policies } from "../../policy/policies";
import { REPO_ROOT, runPlan } from "../../tools/plan/index";
import { planCli } from "../support/plan-cli";
import { shippedPlan } from "../support/shipped-plans";

const FIXTURE = path.join("tests", "fixtures", "noncompliant", "program.ts");

// The one CLI run starts as mocha loads this file and runs beside the other tests (tests/support/background.ts).
const fixtureCli = planCli(["--stack", "prod", "--program", FIXTURE]);

describe("policy: the pack in the offline plan", function () {
    this.timeout(60_000);

    it("blocks the non-compliant fixture on prod with a mandatory violation of every rule", async () => {
        const result = await runPlan({ stack: "prod", program: path.join(REPO_ROOT, FIXTURE) });
        expect(result.error, result.error?.message).to.equal(undefined);
        expect(result.summary.exitCode).to.equal(1);
        const violated = new Set(result.violations.map((v) => v.policy));
        expect([...violated].sort()).to.deep.equal(policies.map((p) => p.name).sort());
        expect(result.violations.every((v) => v.enforcementLevel === "mandatory")).to.equal(true);
        const retention = result.violations.find((v) => v.policy === "backup-plan-retention");
        expect(retention?.message).to.contain('rule "weekly" keeps recovery points 30 days; the minimum is 90 days.');
        expect(retention?.urn).to.match(/aws:backup\/plan:Plan::weekly-plan$/);
        expect(retention?.controls).to.include("AWSConfig:backup-plan-min-frequency-and-min-retention-check");
        expect(retention?.remediation).to.contain("lifecycle.deleteAfter");
        // Types a rule does not judge are reported as not applicable, with the rule's reason.
        const skipped = result.notApplicable.find((n) => n.policy === "required-tags" && n.urn?.endsWith("::open-all"));
        expect(skipped?.reason).to.equal("not a taggable type listed in resourceTypes");
    });

    it("only advises on dev, where the prod-only rules are disabled", async () => {
        const result = await runPlan({ stack: "dev", program: path.join(REPO_ROOT, FIXTURE) });
        expect(result.summary.exitCode).to.equal(0);
        expect(result.summary.mandatory).to.equal(0);
        const violated = new Set(result.violations.map((v) => v.policy));
        for (const prodOnly of ["backup-vault-lock", "backup-cross-region-copy", "backup-audit-framework", "apigateway-waf"]) {
            expect(violated.has(prodOnly), prodOnly).to.equal(false);
        }
        expect(violated.has("backup-plan-retention")).to.equal(true);
    });

    it("reports values unknown in preview as can't-run diagnostics, never as passes or crashes", async () => {
        const result = await runPlan({
            stack: "prod",
            program: () => {
                const provider = new aws.Provider("p", { region: "eu-west-1", defaultTags: { tags: { Owner: "o", CostCenter: "c", Environment: "prod", DataClassification: "x" } } });
                const later = new aws.sqs.Queue("later", {}, { provider });
                const unknownNumber = later.urn.apply(() => pulumi.unknown as unknown as number);
                const unknownBoolean = later.urn.apply(() => pulumi.unknown as unknown as boolean);
                new aws.kms.Key("key", { enableKeyRotation: unknownBoolean }, { provider });
                new aws.backup.Plan(
                    "plan",
                    {
                        rules: [
                            {
                                ruleName: "daily",
                                targetVaultName: "vault",
                                lifecycle: { deleteAfter: unknownNumber },
                                copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-central-1:222222222222:backup-vault:v", lifecycle: { deleteAfter: 400 } }],
                            },
                        ],
                    },
                    { provider },
                );
                return {};
            },
        });
        expect(result.error, result.error?.message).to.equal(undefined);
        const byPolicy = (name: string) => result.violations.filter((v) => v.policy === name);
        for (const name of ["kms-key-rotation", "backup-plan-retention", "backup-copy-retention"]) {
            expect(byPolicy(name).map((v) => [v.enforcementLevel, /can't run policy .* during preview/.test(v.message)]), name).to.deep.equal([["advisory", true]]);
        }
        // Rules that do not read the unknown values still judge the resource.
        expect(byPolicy("backup-plan-frequency")).to.deep.equal([]);
        expect(byPolicy("backup-cross-region-copy")).to.deep.equal([]);
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`finds no mandatory violation in the shipped ${stack} stack under policy/config/${stack}.json`, async () => {
            const result = await shippedPlan(stack);
            expect(result.error, result.error?.message).to.equal(undefined);
            const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
            expect(mandatory.map((v) => `[${v.policy}] ${v.urn}: ${v.message}`)).to.deep.equal([]);
            expect(result.policyConfigFile).to.equal(path.relative(process.cwd(), path.join(REPO_ROOT, "policy", "config", `${stack}.json`)));
        });
    }

    it("exits 1 from the CLI and prints each violation with its remediation and controls", async () => {
        const run = await fixtureCli;
        expect(run.code, run.stderr).to.equal(1);
        for (const p of policies) expect(run.stdout, p.name).to.contain(`[${p.name}]`);
        expect(run.stdout).to.contain("remediation: Set `xrayTracingEnabled: true` on the aws.apigateway.Stage.");
        expect(run.stdout).to.contain("controls: SecurityHub:APIGateway.3, AWSConfig:api-gw-xray-enabled, Checkov:CKV_AWS_73");
        expect(run.stdout).to.match(/Summary: 13 resources, \d+ mandatory, 0 advisory violations .* — blocked/);
    });
});
