// The policy pack as `pulumi policy publish` ships it: `npm pack` in policy/, the tarball unpacked
// and installed as the Pulumi CLI installs a published pack (`npm install` there, from npm's cache
// alone), and started from there through @pulumi/pulumi's cmd/run-policy-pack, as the CLI starts
// it (tools/policy-pack/publish.ts, which cites each step in pulumi/pulumi). Run once, in the
// background, beside the runs through Pulumi's hosts (tests/support/hosts-runs.ts).

import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { policies } from "../../policy/policies";
import { REPO_ROOT } from "../../tools/plan/index";
import { HostsRuns, hostsRuns } from "../support/hosts-runs";

const runs = hostsRuns();

/** Files under `dir`, relative, without node_modules. */
function filesUnder(dir: string, base = dir): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.name === "node_modules") return [];
        return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join("/")];
    });
}

function installedVersion(name: string): string {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

describe("policy pack: published as `pulumi policy publish` does, installed and started as the Pulumi CLI does", function () {
    this.timeout(300_000);

    let hosts: HostsRuns;
    before(async () => {
        hosts = await runs;
        if (hosts.published.error) throw new Error(`publishing, installing or starting the pack failed: ${hosts.published.error}`);
    });

    it("prints nothing on npm pack's stdout but the tarball's name, which is what Pulumi reads (sdk/nodejs/npm/npm.go Pack)", () => {
        expect(hosts.published.packStdout).to.equal("gatevault-policy-0.1.0.tgz\n");
    });

    it("ships the pack's own files and lockfile, and the shared package bundled: nothing else from the repository", () => {
        const files = hosts.published.files!.map((f) => f.replace(/^package\//, ""));
        const bundled = files.filter((f) => f.startsWith("node_modules/"));
        const aws = path.join(REPO_ROOT, "packages", "aws-model");
        expect(bundled).to.deep.equal(filesUnder(aws).map((f) => `node_modules/@gatevault/aws-model/${f}`).sort());
        // policy/'s own files, its tsconfig.json (no longer extending ../tsconfig.json) among them, and npm-shrinkwrap.json.
        expect(files.filter((f) => !f.startsWith("node_modules/"))).to.deep.equal(filesUnder(path.join(REPO_ROOT, "policy")).sort());
        expect(files).to.include.members(["tsconfig.json", "npm-shrinkwrap.json", "PulumiPolicy.yaml", "index.ts"]);
    });

    it("installs from its lockfile what the repository tested, its own TypeScript among them", () => {
        const versions = hosts.published.installed!;
        for (const name of ["@pulumi/policy", "@pulumi/pulumi", "typescript", "ts-node"]) {
            expect(versions[name], name).to.equal(installedVersion(name));
        }
        // Not the TypeScript 3.8.3 @pulumi/pulumi falls back to when the pack has none (tsutils.js typeScriptRequireStrings).
        expect(versions.typescript).to.match(/^5\.9\./);
        expect(versions["@gatevault/aws-model"]).to.equal("0.1.0");
    });

    it("starts where it was installed and serves every rule, with its severity, remediation and controls in @pulumi/policy's metadata", () => {
        const info = hosts.published.info!;
        expect([info.name, info.version]).to.deep.equal(["gatevault", "0.1.0"]);
        expect(info.policies.map((p) => p.name)).to.deep.equal(policies.map((p) => p.name));
        for (const [i, served] of info.policies.entries()) {
            const p = policies[i];
            expect(served.severity, p.name).to.equal(p.severity);
            expect(served.remediationSteps, p.name).to.equal(p.remediationSteps);
            expect(served.tags, p.name).to.deep.equal(p.controls);
            expect(served.framework, p.name).to.deep.equal(p.framework);
        }
        // The controls reach the analyzer's answer, not only the in-process list.
        const logging = info.policies.find((p) => p.name === "apigateway-execution-logging")!;
        expect(logging.tags).to.include("SecurityHub:APIGateway.1");
        expect(logging.framework).to.include({ name: "AWS Security Hub", reference: "APIGateway.1" });
    });

    it("serves the same metadata as the pack in the repository, which `pulumi policy publish` uploads (policypack.go Publish: GetAnalyzerInfo)", () => {
        expect(hosts.published.info).to.deep.equal(hosts.published.repoInfo);
    });

    it("reports the same violations for the non-compliant fixture as the pack in the repository", () => {
        const violations = hosts.published.noncompliantViolations!;
        expect(new Set(violations.map((v) => v.policy)).size).to.equal(policies.length);
        expect(violations).to.deep.equal(hosts.noncompliant.run.violations);
    });
});
