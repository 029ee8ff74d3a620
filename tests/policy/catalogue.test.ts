// The pack as a whole: every catalogue rule exists once, in its own file, registered, with the
// metadata the plan prints; the per-stack config files name real policies and resolve.

import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { complianceFramework } from "../../policy/common/control-metadata";
import { EXEMPTIONS_PROPERTY } from "../../policy/common/exemptions";
import { policies } from "../../policy/policies";
import type { GatevaultPolicy } from "../../policy/types";
import { REPO_ROOT } from "../../tools/plan/index";
import { readPolicyConfigFile, resolvePolicyConfig } from "../../tools/plan/policy-config";

/** The compliance catalogue of the design notes, item by item, and the rule that implements it. */
const CATALOGUE: Record<string, string> = {
    "stage throttling set within limits": "apigateway-stage-throttling",
    "usage plans have throttle and quota": "apigateway-usage-plan-limits",
    "access logging in JSON": "apigateway-access-logging",
    "execution logging": "apigateway-execution-logging",
    "X-Ray tracing": "apigateway-xray-tracing",
    "WAF on public prod APIs": "apigateway-waf",
    "cache encrypted when enabled": "apigateway-cache-encrypted",
    "cached methods keyed by their path parameters and caller": "apigateway-cache-keys",
    "request validation on methods that take input": "apigateway-request-validation",
    "authorization or API key on every non-OPTIONS method": "apigateway-method-authorization",
    "allowed endpoint types": "apigateway-endpoint-types",
    "private APIs restricted to VPC endpoints": "apigateway-private-vpce-only",
    "no wildcard CORS origin where credentials or auth are used": "apigateway-cors-origins",
    "no */* binary type": "apigateway-binary-media-types",
    "TLS 1.2 on custom domains": "apigateway-domain-tls12",
    "every stage covered by a usage plan or an authorizer": "apigateway-stage-protected",
    "plan retention at least 90 days": "backup-plan-retention",
    "plan at least daily": "backup-plan-frequency",
    "copy actions retain at least as long": "backup-copy-retention",
    "valid cold-storage lifecycle": "backup-cold-storage-lifecycle",
    "vaults encrypted with a customer-managed key": "backup-vault-cmk",
    "vault lock in prod": "backup-vault-lock",
    "recovery-point deletion denied by vault policy": "backup-vault-deny-delete",
    "cross-region copy in prod": "backup-cross-region-copy",
    "an audit framework in prod": "backup-audit-framework",
    "every vault a plan targets exists in the stack or config": "backup-plan-target-vaults",
    "KMS key rotation on": "kms-key-rotation",
    "no wildcard actions in generated IAM policies": "iam-no-wildcard-actions",
    "required tags": "required-tags",
};

const RULE_FOLDERS = ["apigateway", "backup", "common", "iam", "kms"];
/** `<framework>:<id>`, e.g. `SecurityHub:APIGateway.1`, `cdk-nag:AwsSolutions-APIG1`. */
const CONTROL = /^[A-Za-z][A-Za-z-]*:[A-Za-z0-9_.-]+$/;

function isPolicy(value: unknown): value is GatevaultPolicy {
    const v = value as Partial<GatevaultPolicy> & { validateResource?: unknown; validateStack?: unknown };
    return typeof v === "object" && v !== null && typeof v.name === "string" && (v.validateResource !== undefined || v.validateStack !== undefined);
}

describe("policy: the pack", () => {
    it("implements every catalogue item", () => {
        const names = policies.map((p) => p.name);
        const missing = Object.entries(CATALOGUE).filter(([, rule]) => !names.includes(rule));
        expect(missing).to.deep.equal([]);
    });

    it("has unique, kebab-case names and the metadata the plan prints", () => {
        const names = policies.map((p) => p.name);
        expect(new Set(names).size).to.equal(names.length);
        for (const p of policies) {
            expect(p.name, p.name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(p.description.length, p.name).to.be.greaterThan(10);
            expect(["low", "medium", "high", "critical"], p.name).to.include(p.severity);
            expect(p.remediationSteps.length, p.name).to.be.greaterThan(20);
            for (const control of p.controls) expect(control, p.name).to.match(CONTROL);
        }
    });

    it("gives each rule's controls to @pulumi/policy's tags and framework, which the Pulumi CLI and Pulumi Cloud show", () => {
        for (const p of policies) {
            expect(p.tags, p.name).to.deep.equal(p.controls);
            if (p.controls.length === 0) expect(p.framework, p.name).to.equal(undefined);
            else expect(p.framework?.reference, p.name).to.equal(p.controls[0].slice(p.controls[0].indexOf(":") + 1));
            // Every control names a framework the mapping knows, wherever the rule lists it.
            for (const control of p.controls) expect(complianceFramework(control), `${p.name}: ${control}`).to.not.equal(undefined);
        }
        // The pages the controls are specified on, as AWS's documentation spells them: Security Hub
        // anchors each control as <service>-<n> on its service's page; each AWS Config managed rule
        // has a page of its own (docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html,
        // docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-minimum-retention-check.html).
        expect(policies.find((p) => p.name === "apigateway-execution-logging")?.framework).to.deep.equal({
            name: "AWS Security Hub",
            version: "",
            reference: "APIGateway.1",
            specification: "https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1",
        });
        expect(complianceFramework("AWSConfig:backup-recovery-point-minimum-retention-check")?.specification).to.equal(
            "https://docs.aws.amazon.com/config/latest/developerguide/backup-recovery-point-minimum-retention-check.html",
        );
        expect(complianceFramework("ControlTower:CT.APIGATEWAY.PR.6")?.specification).to.equal(
            "https://docs.aws.amazon.com/controltower/latest/controlreference/api-gateway-rules.html#ct-apigateway-pr-6-description",
        );
        expect(complianceFramework("Unknown:X.1")).to.equal(undefined);
    });

    it("keeps one rule per file, and registers every rule file", () => {
        const found: string[] = [];
        for (const folder of RULE_FOLDERS) {
            for (const file of fs.readdirSync(path.join(REPO_ROOT, "policy", folder)).filter((f) => f.endsWith(".ts"))) {
                const exported = Object.values(require(path.join(REPO_ROOT, "policy", folder, file)) as Record<string, unknown>).filter(isPolicy);
                expect(exported.length, `${folder}/${file}`).to.be.at.most(1);
                found.push(...exported.map((p) => p.name));
            }
        }
        expect([...found].sort()).to.deep.equal(policies.map((p) => p.name).sort());
    });

    it("is documented in the rule table (docs/policy-rules.md) with its severity and controls", () => {
        const table = fs.readFileSync(path.join(REPO_ROOT, "docs", "policy-rules.md"), "utf8");
        for (const p of policies) {
            const row = table.split("\n").find((line) => line.startsWith(`| \`${p.name}\``));
            expect(row, p.name).to.be.a("string");
            const cells = row!.split(" | ");
            expect(cells[2], p.name).to.equal(p.severity);
            if (p.controls.length === 0) expect(cells[3], p.name).to.equal("none");
            for (const control of p.controls) expect(cells[3], p.name).to.contain(`\`${control}\``);
            // Every rule takes `exemptions` (policy/common/exemptions.ts), documented once in docs/offline-plan.md.
            for (const parameter of Object.keys(p.configSchema?.properties ?? {}).filter((k) => k !== EXEMPTIONS_PROPERTY)) expect(cells[4], p.name).to.contain(`\`${parameter}\``);
        }
    });

    for (const stack of ["dev", "prod"]) {
        it(`policy/config/${stack}.json names only real policies and resolves against their schemas`, () => {
            const file = path.join(REPO_ROOT, "policy", "config", `${stack}.json`);
            const given = readPolicyConfigFile(file);
            const unknownNames = Object.keys(given).filter((name) => name !== "all" && !policies.some((p) => p.name === name));
            expect(unknownNames).to.deep.equal([]);
            const resolved = resolvePolicyConfig(policies, "advisory", given);
            const levels = new Set(Object.values(resolved).map((c) => c.enforcementLevel));
            if (stack === "prod") {
                expect([...levels]).to.deep.equal(["mandatory"]);
                expect(resolved["backup-plan-retention"].properties.minRetentionDays).to.equal(90);
            } else {
                expect(levels.has("mandatory")).to.equal(false);
                expect(resolved["backup-vault-lock"].enforcementLevel).to.equal("disabled");
            }
        });
    }
});
