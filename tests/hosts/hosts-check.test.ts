// hosts-check: the shipped stacks and the non-compliant fixture through Pulumi's own hosts (the
// program under @pulumi/pulumi/cmd/run against the test engine, the pack under
// @pulumi/pulumi/cmd/run-policy-pack) agree with the offline plan; and the comparison notices when
// the offline evaluator or a resource differs. The three runs are shared (tests/support/hosts-runs.ts).

import { expect } from "chai";
import * as path from "node:path";
import { comparedHostsRun, comparedPlan, hostsCheckReport } from "../../tools/hosts/index";
import { compareRuns, renderComparison } from "../../tools/hosts/compare";
import { defaultPolicyPack, PlanResult, REPO_ROOT, ROOT_STACK_TYPE, runPlan } from "../../tools/plan/index";
import { HostsRuns, hostsRuns, NONCOMPLIANT_PROGRAM } from "../support/hosts-runs";
import { shippedPlan } from "../support/shipped-plans";

const ROOT_STACK_URN = "urn:pulumi:prod::gatevault::pulumi:pulumi:Stack::gatevault-prod";

// Started when mocha loads (tests/support/background-start.ts), or here when this file runs alone.
const runs = hostsRuns();

describe("hosts-check: the offline plan against Pulumi's own hosts", function () {
    this.timeout(300_000);

    let hosts: HostsRuns;
    let offline: Record<"dev" | "prod" | "noncompliant", PlanResult>;
    before(async () => {
        offline = {
            dev: await shippedPlan("dev"),
            prod: await shippedPlan("prod"),
            noncompliant: await runPlan({ stack: "prod", program: NONCOMPLIANT_PROGRAM }),
        };
        hosts = await runs;
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`finds the ${stack} stack identical: every resource with its type, parent, provider and inputs, and the same violations`, () => {
            const run = hosts[stack].run;
            expect(run.error).to.equal(undefined);
            const comparison = compareRuns(comparedPlan(offline[stack]), comparedHostsRun(run));
            expect(comparison.differences).to.deep.equal([]);
            expect(renderComparison(comparison)).to.equal(`identical: ${offline[stack].resources.length} resources, ${offline[stack].violations.length} violations`);
            // Not two empty runs: the program registered the whole stack through the language host.
            expect(run.resources.find((r) => r.type === ROOT_STACK_TYPE)?.name).to.equal(`gatevault-${stack}`);
            expect(run.resources.filter((r) => r.type.startsWith("aws:")).length).to.be.greaterThan(40);
        });
    }

    it("gets the same violation of every rule from Pulumi's analyzer for the non-compliant fixture", () => {
        const run = hosts.noncompliant.run;
        expect(run.error).to.equal(undefined);
        const comparison = compareRuns(comparedPlan(offline.noncompliant), comparedHostsRun(run));
        expect(comparison.differences).to.deep.equal([]);
        const pack = defaultPolicyPack();
        expect([...new Set(run.violations.map((v) => v.policy))].sort()).to.deep.equal(pack.policies.map((p) => p.name).sort());
        expect(run.violations.every((v) => v.enforcementLevel === "mandatory")).to.equal(true);
    });

    it("files a stack policy's violation under the root stack, as the engine does (step_generator.go AnalyzeResources)", () => {
        for (const violations of [hosts.noncompliant.run.violations, offline.noncompliant.violations]) {
            const audit = violations.filter((v) => v.policy === "backup-audit-framework");
            expect(audit.map((v) => v.urn)).to.deep.equal([ROOT_STACK_URN]);
        }
    });

    // Pulumi.yaml turns `typescript` off, so cmd/run registers no ts-node (run.ts registers it only
    // when PULUMI_NODEJS_TYPESCRIPT=true, which the language host sets only for that option), and
    // passes `--require gatevault/loader` through `nodeargs`, which the language host puts before
    // cmd/run's own arguments (pulumi-language-nodejs/main.go, Run).
    it("loads each program's TypeScript through loader/register.js, without ts-node and without Node's source maps", () => {
        for (const c of [hosts.dev, hosts.prod, hosts.noncompliant]) {
            expect(c.loader).to.include({ tsNode: false, tsExtension: "compileTypeScript", definedIn: path.join(REPO_ROOT, "loader", "register.js"), sourceMapsEnabled: false });
        }
        // The whole program, not only its entry: index.ts, components/**, the config schema.
        expect(hosts.prod.loader!.typescriptModules).to.be.greaterThan(100);
    });

    // What the prod program's start does not load: @pulumi/aws's index (components/shared/aws.ts
    // loads the services used, one module each) and @pulumi/awsx (only a demo VPC loads it).
    it("starts the prod program without @pulumi/aws's index or @pulumi/awsx; dev's demo VPC loads awsx", () => {
        expect(hosts.prod.loader).to.include({ awsIndexLoaded: false, awsxLoaded: false });
        expect(hosts.dev.loader).to.include({ awsxLoaded: true });
    });

    it("reports each violation whose message the offline evaluator words differently", async () => {
        const pack = defaultPolicyPack();
        const edited = {
            ...pack,
            policies: pack.policies.map((p) => (p.name === "apigateway-waf" ? { ...p, description: `${p.description} (edited offline)` } : p)),
        };
        const editedPlan = await runPlan({ stack: "prod", program: NONCOMPLIANT_PROGRAM, policyPack: edited });
        const comparison = compareRuns(comparedPlan(editedPlan), comparedHostsRun(hosts.noncompliant.run));
        const waf = hosts.noncompliant.run.violations.filter((v) => v.policy === "apigateway-waf");
        expect(waf.length).to.be.greaterThan(0);
        expect(comparison.identical).to.equal(false);
        expect(comparison.differences).to.have.length(2 * waf.length);
        expect(comparison.differences.filter((d) => d.startsWith("violation only in the offline plan: mandatory apigateway-waf") && d.includes("(edited offline)"))).to.have.length(waf.length);
        expect(comparison.differences.filter((d) => d.startsWith("violation only through Pulumi's hosts: mandatory apigateway-waf"))).to.have.length(waf.length);
        const report = hostsCheckReport({ offline: editedPlan, hosts: hosts.noncompliant.run, comparison });
        expect(report.exitCode).to.equal(1);
        expect(report.stdout).to.contain(`differences: ${2 * waf.length}`);
    });

    it("exits 2 when the stack config is invalid and 3 when a program fails, naming the side", () => {
        const failedPlan = (kind: "config" | "program", message: string) => ({ ...offline.dev, error: { kind, message } }) as PlanResult;
        const failedRun = { ...hosts.dev.run, error: "Program exited with non-zero exit code: 1" };
        expect(hostsCheckReport({ offline: failedPlan("config", "Invalid stack config (1 problem)"), hosts: failedRun })).to.deep.equal({
            exitCode: 2,
            stdout: "",
            stderr: "offline plan: Invalid stack config (1 problem)\nthrough Pulumi's hosts: Program exited with non-zero exit code: 1\n",
        });
        expect(hostsCheckReport({ offline: offline.dev, hosts: failedRun }).exitCode).to.equal(3);
    });

    it("reports a resource fed differently, one missing and one extra, by URN", () => {
        const plan = comparedPlan(offline.noncompliant);
        const api = plan.resources.find((r) => r.name === "open-api")!;
        const changed = {
            ...plan,
            resources: plan.resources.filter((r) => r.type !== "aws:apigateway/domainName:DomainName").map((r) => (r === api ? { ...r, inputs: { ...r.inputs, binaryMediaTypes: ["image/png"] } } : r)),
        };
        const differences = compareRuns(changed, comparedHostsRun(hosts.noncompliant.run)).differences;
        expect(differences).to.deep.equal([
            `resource ${api.urn}: input binaryMediaTypes[0] is "image/png" in the offline plan, "*/*" through Pulumi's hosts`,
            "resource urn:pulumi:prod::gatevault::pulumi:pulumi:Stack$aws:apigateway/domainName:DomainName::open-domain: only through Pulumi's hosts",
        ]);
    });
});
