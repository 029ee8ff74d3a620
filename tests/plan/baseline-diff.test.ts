// --baseline: the structural diff of values, the plan diff (added, removed, changed field by
// field; replacements from the provider rules' ForceNew data, loud for vaults, keys, locks and
// policies), and the command's output against the shipped plans.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { diffPlans } from "../../tools/plan/diff/plan-diff";
import { diffLines } from "../../tools/plan/diff/render";
import { diffValues, fieldPath, topField } from "../../tools/plan/diff/structural";
import { DocumentResource, PlanDocument, planDocument, PLAN_FORMAT } from "../../tools/plan/document";
import type { PlannedOptions } from "../../tools/plan/options";
import { planInProcess } from "../support/plan-cli";
import { shippedPlan } from "../support/shipped-plans";
import { planEditedStack } from "../support/stacks";

function tempFile(name: string, text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-plan-")), name);
    fs.writeFileSync(file, text);
    return file;
}

const OPTIONS: PlannedOptions = {
    provider: { urn: "urn:pulumi:s::p::pulumi:providers:aws::aws", name: "aws", default: false, accountId: "111111111111", region: "eu-west-1" },
    protect: false,
    retainOnDelete: false,
    dependsOn: [],
    deleteBeforeReplace: null,
    replaceOnChanges: [],
    ignoreChanges: [],
};

function resource(type: string, name: string, inputs: Record<string, unknown>, options: Partial<PlannedOptions> = {}): DocumentResource {
    return { urn: `urn:pulumi:s::p::${type}::${name}`, type, name, parent: null, inputs, options: { ...OPTIONS, ...options } };
}

function doc(resources: DocumentResource[]): PlanDocument {
    return {
        format: PLAN_FORMAT,
        formatVersion: 2,
        stack: "s",
        project: "p",
        resources,
        violations: [],
        outputs: null,
        warnings: [],
        orgBackupPolicies: null,
        error: null,
        summary: { resources: resources.length, mandatory: 0, advisory: 0, exitCode: 0 },
    };
}

const VAULT = "aws:backup/vault:Vault";

describe("plan diff", () => {
    describe("values", () => {
        it("diffs JSON held in strings as JSON: one added route is one added path", () => {
            const before = JSON.stringify({ openapi: "3.0.1", paths: { "/a": { get: {} } } });
            const after = JSON.stringify({ openapi: "3.0.1", paths: { "/a": { get: {} }, "/b": { post: { x: 1 } } } }, null, 2);
            expect(diffValues({ body: before }, { body: after })).to.deep.equal([{ path: 'body$.paths["/b"]', kind: "added", after: { post: { x: 1 } } }]);
            // Formatting alone is no change.
            expect(diffValues({ body: before }, { body: JSON.stringify(JSON.parse(before), null, 4) })).to.deep.equal([]);
        });

        it("aligns lists, so an element inserted in the middle is one insertion", () => {
            expect(diffValues({ l: ["a", "b", "c"] }, { l: ["a", "x", "b", "c"] })).to.deep.equal([{ path: "l[1]", kind: "added", after: "x" }]);
            expect(diffValues({ l: ["a", "b", "c"] }, { l: ["a", "c"] })).to.deep.equal([{ path: "l[1]", kind: "removed", before: "b" }]);
            expect(diffValues({ l: [{ n: 1, v: "a" }] }, { l: [{ n: 1, v: "b" }] })).to.deep.equal([{ path: "l[0].v", kind: "changed", before: "a", after: "b" }]);
        });

        it("reports added, removed and changed fields, and nothing for equal values in another key order", () => {
            expect(diffValues({ a: 1, b: { c: 2 } }, { b: { c: 3 }, d: true })).to.deep.equal([
                { path: "a", kind: "removed", before: 1 },
                { path: "b.c", kind: "changed", before: 2, after: 3 },
                { path: "d", kind: "added", after: true },
            ]);
            expect(diffValues({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).to.deep.equal([]);
        });

        it("names the field a path belongs to, as the rule tables do", () => {
            expect(fieldPath("rules[2].copyActions[0].lifecycle.deleteAfter")).to.equal("rules[].copyActions[].lifecycle.deleteAfter");
            expect(fieldPath('body$.paths["/b"]')).to.equal("body");
            expect(topField('policy$.Statement[0]')).to.equal("policy");
        });
    });

    describe("resources", () => {
        it("finds nothing between a plan and itself", () => {
            const plan = doc([resource(VAULT, "v", { name: "a" })]);
            const diff = diffPlans(plan, structuredClone(plan));
            expect(diff.resources).to.deep.equal([]);
            expect(diff.counts).to.deep.equal({ create: 0, update: 0, replace: 0, delete: 0, unchanged: 1 });
        });

        it("replaces on a ForceNew field, citing the provider file, and is loud for a vault", () => {
            const diff = diffPlans(doc([resource(VAULT, "v", { name: "a", tags: { x: "1" } })]), doc([resource(VAULT, "v", { name: "b", tags: { x: "2" } })]));
            const [change] = diff.resources;
            expect(change).to.include({ action: "replace", loud: "vault" });
            expect(change.replaceReasons).to.deep.equal(["name changed (ForceNew: hashicorp/terraform-provider-aws internal/service/backup/vault.go)"]);
            expect(change.changes.map((c) => c.path)).to.deep.equal(["name", "tags.x"]);
            // Tags alone are an update in place.
            expect(diffPlans(doc([resource(VAULT, "v", { name: "a", tags: { x: "1" } })]), doc([resource(VAULT, "v", { name: "a", tags: { x: "2" } })])).resources[0].action).to.equal("update");
        });

        it("replaces on a ForceNew field inside a list, on replaceOnChanges, and when the provider moves", () => {
            const plan = (ruleName: string, body = "{}") => [
                resource("aws:backup/plan:Plan", "p", { name: "p", rules: [{ ruleName, targetVaultName: "v" }] }),
                resource("aws:apigateway/restApi:RestApi", "api", { name: "api", body }, { replaceOnChanges: ["body"] }),
            ];
            const diff = diffPlans(doc(plan("daily")), doc(plan("daily")));
            expect(diff.resources).to.deep.equal([]);
            const changed = diffPlans(doc(plan("daily")), doc(plan("nightly", '{"paths":{}}')));
            expect(changed.resources.map((r) => [r.name, r.action])).to.deep.equal([
                ["p", "update"],
                ["api", "replace"],
            ]);
            expect(changed.resources[1].replaceReasons).to.deep.equal(["body changed (replaceOnChanges)"]);
            const moved = diffPlans(doc([resource(VAULT, "v", { name: "a" })]), doc([resource(VAULT, "v", { name: "a" }, { provider: { ...OPTIONS.provider!, region: "eu-central-1" } })]));
            expect(moved.resources[0].replaceReasons).to.deep.equal(["provider now targets account 111111111111 in eu-central-1 (was 111111111111 in eu-west-1)"]);
            expect(moved.resources[0].loud).to.equal("vault");
        });

        it("reports created and deleted resources, loud for deleted keys, locks and policies, and protected deletions", () => {
            const before = doc([
                resource("aws:kms/key:Key", "k", {}, { protect: true }),
                resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "lock", { backupVaultName: "v" }),
                resource("aws:iam/rolePolicy:RolePolicy", "rp", { policy: "{}" }),
                resource("aws:sns/topic:Topic", "t", {}),
            ]);
            const after = doc([resource("aws:sns/topic:Topic", "t", {}), resource("aws:sns/topic:Topic", "new", { name: "n" })]);
            const diff = diffPlans(before, after);
            expect(diff.resources.map((r) => [r.name, r.action, r.loud ?? null, r.protectedInBaseline])).to.deep.equal([
                ["new", "create", null, false],
                ["k", "delete", "key", true],
                ["lock", "delete", "lock", false],
                ["rp", "delete", "policy", false],
            ]);
            expect(diffLines(diff)[0]).to.equal("- delete  aws:kms/key:Key  k  [key; protected: fails until protect is lifted]");
        });

        it("compares options field by field, and ignores them against a baseline that has none", () => {
            const diff = diffPlans(doc([resource(VAULT, "v", {}, { dependsOn: ["a"] })]), doc([resource(VAULT, "v", {}, { protect: true, dependsOn: ["a", "b"], ignoreChanges: ["tags"] })]));
            expect(diff.resources[0].changes.map((c) => `${c.kind} ${c.path}`)).to.deep.equal(["changed options.protect", "added options.dependsOn[1]", "added options.ignoreChanges[0]"]);
            const v1 = doc([{ ...resource(VAULT, "v", {}), options: undefined }]);
            expect(diffPlans(v1, doc([resource(VAULT, "v", {}, { protect: true })])).resources).to.deep.equal([]);
        });
    });

    describe("against the shipped plans", function () {
        this.timeout(60_000);

        it("prints no changes for --baseline against the same plan", async () => {
            const baseline = tempFile("dev.json", JSON.stringify(planDocument(await shippedPlan("dev"))));
            const run = await planInProcess(["--stack", "dev", "--baseline", baseline]);
            expect(run.code, run.stderr).to.equal(0);
            expect(run.stdout).to.match(/Changes against the baseline \(0 to create, 0 to update, 0 to replace, 0 to delete, \d+ unchanged\):\n {2}no changes/);
        });

        it("shows only the added route in the API body's diff", async () => {
            const route = {
                path: "/status",
                method: "GET",
                authorizer: "NONE",
                apiKeyRequired: true,
                integration: { type: "MOCK", responses: [{ statusCode: "200", templates: { "application/json": '{"status": "ok"}' } }] },
            };
            const edited = await planEditedStack("dev", (c) => c["gatevault:apis"][0].routes.push(route));
            expect(edited.summary.exitCode, edited.error?.message).to.equal(0);
            const diff = diffPlans(planDocument(await shippedPlan("dev")), planDocument(edited));
            const bodyChanges = diff.resources.flatMap((r) => r.changes.filter((c) => c.path.startsWith("body")).map((c) => ({ api: r.name, ...c })));
            expect(bodyChanges.map((c) => [c.api, c.kind, c.path])).to.deep.equal([["orders-rest-api", "added", 'body$.paths["/status"]']]);
            expect(Object.keys(bodyChanges[0].after as object)).to.include("get");
            expect(diff.counts.delete).to.equal(0);
        });

        it("refuses a baseline that is not a plan with exit 2, in the format asked for", async () => {
            const notPlan = tempFile("x.json", JSON.stringify({ hello: "world" }));
            const run = await planInProcess(["--stack", "dev", "--baseline", notPlan, "--json"]);
            expect(run.code).to.equal(2);
            const json = JSON.parse(run.stdout);
            expect(json.error).to.deep.equal({ kind: "usage", message: `${notPlan} is not an offline plan (npm run plan -- --json): it has no "stack" and "resources"` });
            const missing = await planInProcess(["--stack", "dev", "--baseline", "/nonexistent/plan.json"]);
            expect(missing.code).to.equal(2);
            expect(missing.stderr).to.contain("no baseline plan /nonexistent/plan.json");
        });
    });
});
