// How hosts-check starts the program and the policy pack, checked against what the nodejs language
// host does (pulumi/pulumi v3.248.0, sdk/nodejs/cmd/pulumi-language-nodejs/main.go; the statements
// quoted beside each test). Pure: nothing is started.

import { expect } from "chai";
import * as path from "node:path";
import { analyzerLaunch } from "../../tools/hosts/analyzer-host";
import { HOSTS_USAGE, parseHostsArgs } from "../../tools/hosts/args";
import { languageHostConfig, programLaunch, programLocation } from "../../tools/hosts/language-host";
import { parseNodeRuntimeOptions, readRuntime } from "../../tools/hosts/project-files";
import { REPO_ROOT } from "../../tools/plan/index";
import { engineConfig, loadProject } from "../../tools/plan/project";

const project = loadProject(REPO_ROOT);
const prodConfig = engineConfig(project, path.join(REPO_ROOT, "Pulumi.prod.yaml"));
const runtime = readRuntime(path.join(REPO_ROOT, "Pulumi.yaml"));

describe("hosts-check: starting the program and the pack as the nodejs language host does", () => {
    it("runs node on @pulumi/pulumi/cmd/run with constructArguments' flags in order, the entry point last", () => {
        const launch = programLaunch({
            projectDir: REPO_ROOT,
            project: "gatevault",
            stack: "prod",
            main: runtime.main,
            runtime: runtime.options,
            config: prodConfig,
            engineAddress: "127.0.0.1:5000",
            pipesDir: "/tmp/pulumi-node-pipes1",
            env: { PATH: "/usr/bin", PULUMI_PARALLEL: "3" },
        });
        expect(launch.command).to.equal("node");
        // "nodeargs = append(nodeargs, args...)": Pulumi.yaml's nodeargs come first.
        expect(launch.args).to.deep.equal([
            ...["--require", "gatevault/loader"],
            path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js"),
            ...["--monitor", "127.0.0.1:5000", "--engine", "127.0.0.1:5000", "--sync", "/tmp/pulumi-node-pipes1"],
            ...["--organization", "organization", "--project", "gatevault", "--root-directory", REPO_ROOT, "--stack", "prod", "--pwd", REPO_ROOT],
            ...["--dry-run", "--parallel", "3", "index.ts"],
        ]);
        expect(launch.cwd).to.equal(REPO_ROOT);
        // "env = append(env, pulumiConfigVar+"="+config)"; "if opts.typescript { env = append(env,
        // "PULUMI_NODEJS_TYPESCRIPT=true") }": Pulumi.yaml turns the option off, so cmd/run registers no ts-node.
        expect(launch.env.PATH).to.equal("/usr/bin");
        expect(launch.env).to.not.have.property("PULUMI_NODEJS_TYPESCRIPT");
        expect(launch.env).to.not.have.property("PULUMI_NODEJS_TSCONFIG_PATH");
        const config = JSON.parse(launch.env.PULUMI_CONFIG!);
        expect(config["aws:config:region"]).to.equal(prodConfig.values["aws:region"]);
        expect(JSON.parse(config["gatevault:config:apis"])).to.deep.equal(JSON.parse(prodConfig.values["gatevault:apis"]));
        expect(Object.keys(config).every((k) => /^[^:]+:config:[^:]+$/.test(k))).to.equal(true);
        expect(JSON.parse(launch.env.PULUMI_CONFIG_SECRET_KEYS!)).to.deep.equal(prodConfig.secretKeys);
    });

    it("runs a `main` in a subdirectory from that directory, and a directory `main` as `.` (getPwdMain)", () => {
        const fixture = path.join("tests", "fixtures", "noncompliant", "program.ts");
        expect(programLocation(REPO_ROOT, fixture)).to.deep.equal({ programDir: path.join(REPO_ROOT, "tests", "fixtures", "noncompliant"), entryPoint: "program.ts" });
        expect(programLocation(REPO_ROOT, "components")).to.deep.equal({ programDir: path.join(REPO_ROOT, "components"), entryPoint: "." });
        expect(programLocation(REPO_ROOT, undefined)).to.deep.equal({ programDir: REPO_ROOT, entryPoint: "." });
    });

    it("puts nodeargs before the run entry and passes the tsconfig option as PULUMI_NODEJS_TSCONFIG_PATH", () => {
        const options = parseNodeRuntimeOptions({ name: "nodejs", options: { tsconfig: "tsconfig.deploy.json", nodeargs: "--max-old-space-size=4096 --title 'a b'" } }, "Pulumi.yaml");
        const launch = programLaunch({ projectDir: REPO_ROOT, project: "gatevault", stack: "dev", main: "index.ts", runtime: options, config: { values: {}, secretKeys: [] }, engineAddress: "a:1", pipesDir: "/p", env: {} });
        expect(launch.args.slice(0, 4)).to.deep.equal(["--max-old-space-size=4096", "--title", "a b", path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")]);
        expect(launch.env.PULUMI_NODEJS_TSCONFIG_PATH).to.equal("tsconfig.deploy.json");
        expect(languageHostConfig({ values: {}, secretKeys: [] })).to.deep.equal({ PULUMI_CONFIG: "{}", PULUMI_CONFIG_SECRET_KEYS: "[]" });
    });

    it("refuses runtime options of the wrong type with parseOptions' messages, and reads the shipped ones", () => {
        expect(() => parseNodeRuntimeOptions({ options: { typescript: "yes" } }, "Pulumi.yaml")).to.throw("Pulumi.yaml: typescript option must be a boolean");
        expect(() => parseNodeRuntimeOptions({ options: { tsconfig: 1 } }, "Pulumi.yaml")).to.throw("tsconfigpath option must be a string");
        expect(() => parseNodeRuntimeOptions({ options: { nodeargs: ["--x"] } }, "Pulumi.yaml")).to.throw("nodeargs option must be a string");
        expect(parseNodeRuntimeOptions("nodejs", "Pulumi.yaml")).to.deep.equal({ typescript: true, tsconfig: undefined, nodeargs: [] });
        expect(runtime).to.deep.equal({ options: { typescript: false, tsconfig: undefined, nodeargs: ["--require", "gatevault/loader"] }, main: "index.ts" });
    });

    it("starts the pack as RunPlugin does for an analyzer: run-policy-pack, nodeargs, engine address, pack directory last", () => {
        const packDir = path.join(REPO_ROOT, "policy");
        const launch = analyzerLaunch({
            packDir,
            runtime: { typescript: true, nodeargs: ["--trace-warnings"] },
            engineAddress: "127.0.0.1:7000",
            organization: "organization",
            project: "gatevault",
            stack: "prod",
            config: prodConfig,
            env: {},
        });
        expect(launch.args).to.deep.equal([path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js"), "--trace-warnings", "127.0.0.1:7000", packDir]);
        expect(launch.cwd).to.equal(packDir);
        expect(launch.env).to.include({ PULUMI_NODEJS_TYPESCRIPT: "true", PULUMI_NODEJS_ORGANIZATION: "organization", PULUMI_NODEJS_PROJECT: "gatevault", PULUMI_NODEJS_STACK: "prod", PULUMI_NODEJS_DRY_RUN: "true" });
        // The policy proxy marshals the stack's config map as the engine sent it: `<namespace>:<name>` keys.
        expect(JSON.parse(launch.env.PULUMI_CONFIG!)).to.deep.equal(prodConfig.values);
    });

    it("takes the stack, the stack and policy config files and a program; --stack is required", () => {
        expect(parseHostsArgs(["--stack", "prod", "--config-file", "s.yaml", "--program", "p.ts", "--policy-config", "c.json"])).to.deep.equal({
            ok: true,
            options: { stack: "prod", configFile: "s.yaml", program: "p.ts", policyConfigFile: "c.json" },
        });
        expect(parseHostsArgs([])).to.deep.equal({ ok: false, exitCode: 2, stream: "stderr", text: `--stack is required\n${HOSTS_USAGE}\n` });
        expect(parseHostsArgs(["--stack", "dev", "--json"])).to.include({ ok: false, exitCode: 2 });
    });
});
