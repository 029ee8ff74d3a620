// --format markdown: the pull-request comment. Built from plan documents, so these tests need
// no program run.

import { expect } from "chai";
import { diffPlans } from "../../tools/plan/diff/plan-diff";
import { PLAN_FORMAT, PlanDocument } from "../../tools/plan/document";
import { commentMarker, renderMarkdown } from "../../tools/plan/markdown";

const provider = { urn: "urn:pulumi:s::p::pulumi:providers:aws::aws", name: "aws", default: false, accountId: "111111111111", region: "eu-west-1" };
const options = { provider, protect: false, retainOnDelete: false, dependsOn: [], deleteBeforeReplace: null, replaceOnChanges: [], ignoreChanges: [] };

function doc(resources: { type: string; name: string; inputs: Record<string, unknown> }[], extra: Partial<PlanDocument> = {}): PlanDocument {
    return {
        format: PLAN_FORMAT,
        formatVersion: 2,
        stack: "prod",
        project: "gatevault",
        resources: resources.map((r) => ({ ...r, urn: `urn:pulumi:prod::gatevault::${r.type}::${r.name}`, parent: null, options })),
        violations: [],
        exemptions: [],
        outputs: null,
        warnings: [],
        orgBackupPolicies: null,
        error: null,
        summary: { resources: resources.length, mandatory: 0, advisory: 0, exitCode: 0 },
        ...extra,
    };
}

const vault = (name: string) => ({ type: "aws:backup/vault:Vault", name: "main", inputs: { name } });

describe("plan as a pull-request comment", () => {
    it("starts with the stack's marker and the verdict, and says when nothing changes", () => {
        const plan = doc([vault("a")]);
        const text = renderMarkdown({ ...plan, diff: diffPlans(plan, plan) }, { baselineLabel: "`main`" });
        expect(text.split("\n")[0]).to.equal(commentMarker("prod"));
        expect(text).to.contain("### Offline plan · `gatevault` / `prod` — ✅ passes");
        expect(text).to.contain("**Against `main`:** 0 to create, 0 to update, 0 to replace, 0 to delete, 1 unchanged.");
        expect(text).to.contain("No resource changes.");
    });

    it("calls out a replaced vault above the diff, with the ForceNew reason", () => {
        const after = doc([vault("b")]);
        const text = renderMarkdown({ ...after, diff: diffPlans(doc([vault("a")]), after) });
        const caution = text.indexOf("> [!CAUTION]");
        expect(caution).to.be.greaterThan(0);
        expect(text).to.contain("> - **Replaces vault** `main` (`aws:backup/vault:Vault`): name changed (ForceNew: hashicorp/terraform-provider-aws internal/service/backup/vault.go)");
        expect(text.indexOf("```diff")).to.be.greaterThan(caution);
        expect(text).to.contain('! replace aws:backup/vault:Vault  main  [vault]');
        expect(text).to.contain('~     name: "a" → "b"');
    });

    it("groups violations by rule with counts, marking those new since the baseline", () => {
        const at = (name: string, policy = "kms-key-rotation") => ({ policy, enforcementLevel: "mandatory", urn: `urn:pulumi:prod::gatevault::aws:kms/key:Key::${name}`, message: "d\nm", severity: null, remediation: null, controls: [] });
        const before = doc([], { violations: [at("a")] });
        const after = doc([], { violations: [at("a"), at("b"), at("v", "backup-vault-lock")], summary: { resources: 0, mandatory: 3, advisory: 0, exitCode: 1 } });
        const text = renderMarkdown({ ...after, diff: diffPlans(before, after) });
        expect(text).to.contain("#### Mandatory violations (3)");
        expect(text).to.contain("| `kms-key-rotation` | 2 (1 🆕) | `a`, `b` |");
        expect(text).to.contain("| `backup-vault-lock` | 1 (1 🆕) | `v` |");
    });

    it("shows the verdict, violations and provider-rule refusals of a failing plan", () => {
        const violation = { policy: "kms-key-rotation", enforcementLevel: "mandatory", urn: "urn:pulumi:prod::gatevault::aws:kms/key:Key::k", message: "Keys rotate.\nrotation is off | really", severity: "high", remediation: null, controls: [] };
        const blocked = renderMarkdown(doc([], { violations: [violation], summary: { resources: 0, mandatory: 1, advisory: 0, exitCode: 1 } }));
        expect(blocked).to.contain("❌ blocked by 1 mandatory violation (exit 1)");
        expect(blocked).to.contain("| `kms-key-rotation` | 1 | `k` |");
        expect(blocked).to.contain("| `kms-key-rotation` | `k` | rotation is off \\| really |");
        const refused = renderMarkdown(
            doc([], {
                error: {
                    kind: "program",
                    message: "refused",
                    providerRules: [
                        {
                            urn: "u::ebs",
                            name: "ebs",
                            type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
                            kind: "ExactlyOneOf",
                            rule: "ExactlyOneOf(a, b)",
                            fields: ["a", "b"],
                            message: "only one of a, b can be set",
                            file: "internal/service/backup/restore_testing_selection.go",
                            phase: "plan",
                        },
                    ],
                },
                summary: { resources: 0, mandatory: 0, advisory: 0, exitCode: 3 },
            }),
        );
        expect(refused).to.contain("💥 the program failed (exit 3)");
        expect(refused).to.contain("| `ebs` (`aws:backup/restoreTestingSelection:RestoreTestingSelection`) | `a`, `b` | only one of a, b can be set | `internal/service/backup/restore_testing_selection.go` |");
    });

    it("shows changes to the effective organisation backup policies", () => {
        const target = (days: string) => ({ target: "ou-a1b2-workload", effective: { plans: { daily: { rules: { daily: { lifecycle: { delete_after_days: days } } } } } } });
        const before = doc([], { orgBackupPolicies: [target("120")] as never });
        const after = doc([], { orgBackupPolicies: [target("90")] as never });
        const text = renderMarkdown({ ...after, diff: diffPlans(before, after) });
        expect(text).to.contain("<details><summary>Effective organisation backup policy changes</summary>");
        expect(text).to.contain('~ orgBackupPolicies[0].effective.plans.daily.rules.daily.lifecycle.delete_after_days: "120" → "90"');
    });

    it("lists exemptions with their status and reason", () => {
        const exemption = { policy: "kms-key-rotation", enforcementLevel: "mandatory" as const, resource: "urn:pulumi:prod::gatevault::aws:kms/key:Key::k", reason: "Imported key, rotated by hand", expires: "2020-01-31", status: "expired" as const, resources: ["u"], violations: [{ urn: "u", message: "m" }] };
        const text = renderMarkdown(doc([], { exemptions: [exemption] }));
        expect(text).to.contain("| `kms-key-rotation` | `k` | 2020-01-31 | ⛔ expired, 1 violation(s) fail again | Imported key, rotated by hand |");
    });

    it("keeps under GitHub's comment limit by cutting the diff, and fences content holding backticks", () => {
        const many = Array.from({ length: 400 }, (_, i) => ({ type: "aws:sns/topic:Topic", name: `t${i}`, inputs: { displayName: "```".padEnd(200, "x") } }));
        const after = doc(many);
        const text = renderMarkdown({ ...after, diff: diffPlans(doc([]), after) }, { maxLength: 20_000 });
        expect(text.length).to.be.at.most(20_000);
        expect(text).to.match(/… \d+ more lines cut to fit a comment/);
        expect(text).to.contain("````diff");
    });
});
