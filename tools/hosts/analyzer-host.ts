// Runs a policy pack through Pulumi's own analyzer host: `@pulumi/pulumi/cmd/run-policy-pack`, which
// loads the pack under ts-node and serves @pulumi/policy's analyzer over gRPC. Started and driven
// the way the Pulumi CLI does it for `pulumi preview --policy-pack <dir> --policy-pack-config <file>`
// (pulumi/pulumi v3.248.0):
// - sdk/go/common/resource/plugin/analyzer_plugin.go NewPolicyAnalyzer: with the nodejs language
//   plugin present (it ships with the CLI) the pack is started through the language host's RunPlugin
//   with the engine address as its only argument.
// - sdk/nodejs/cmd/pulumi-language-nodejs/main.go RunPlugin: `node <run-policy-pack resolved from the
//   pack directory> <nodeargs> <engine address> <pack directory>` in the pack directory, the CLI's
//   environment plus the typescript/tsconfig variables of PulumiPolicy.yaml's runtime options and,
//   from the stack configuration the engine sends first (sdk/policy_proxy.go), PULUMI_NODEJS_ORGANIZATION,
//   _PROJECT, _STACK, _DRY_RUN and PULUMI_CONFIG. The proxy reads the pack's port from its stdout,
//   forwards ConfigureStack to it and answers Handshake itself.
// - pkg/engine/update.go LoadLocalPolicyPackAnalyzers: GetAnalyzerInfo, reconcile the config file
//   (./policy-config.ts), Configure.
// - pkg/resource/deploy/step_generator.go: every registered resource goes to Remediate, then Analyze,
//   with its inputs; at the end AnalyzeStack gets every resource with its outputs.

import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { EnforcementLevel, PolicyComplianceFramework, Severity } from "@pulumi/policy";
import type { EngineConfig } from "../plan/project";
import { locateModule } from "./language-host";
import type { AnalyzerPackConfig, AnalyzerPolicyInfo } from "./policy-config";
import { NodeRuntimeOptions, typescriptEnv } from "./project-files";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const structproto = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdkDir] }));
const emptyproto = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [sdkDir] }));
const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

// analyzer.proto EnforcementLevel, in enum order.
const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
// analyzer.proto PolicySeverity, in enum order (0 is POLICY_SEVERITY_UNSPECIFIED).
const SEVERITIES: readonly (Severity | undefined)[] = [undefined, "low", "medium", "high", "critical"];

export interface AnalyzerStart {
    packDir: string;
    runtime: NodeRuntimeOptions;
    engineAddress: string;
    organization: string;
    project: string;
    stack: string;
    config: EngineConfig;
    env?: NodeJS.ProcessEnv;
}

export interface AnalyzerLaunch {
    command: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
}

/** RunPlugin for kind=analyzer, after the proxy has the stack configuration (a preview: dry run). */
export function analyzerLaunch(opts: AnalyzerStart): AnalyzerLaunch {
    const runPath = locateModule("@pulumi/pulumi/cmd/run-policy-pack", opts.packDir);
    return {
        command: "node",
        // For analyzers the program directory goes last, after the plugin's own arguments.
        args: [runPath, ...opts.runtime.nodeargs, opts.engineAddress, opts.packDir],
        cwd: opts.packDir,
        env: {
            ...(opts.env ?? process.env),
            ...typescriptEnv(opts.runtime),
            PULUMI_NODEJS_ORGANIZATION: opts.organization,
            PULUMI_NODEJS_PROJECT: opts.project,
            PULUMI_NODEJS_STACK: opts.stack,
            PULUMI_NODEJS_DRY_RUN: "true",
            // The stack's config map as the engine sends it (keys `<namespace>:<name>`), marshalled as JSON.
            PULUMI_CONFIG: JSON.stringify(opts.config.values),
        },
    };
}

export interface AnalyzerDiagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
}

/** What GetAnalyzerInfo says about a policy beyond what config reconciliation reads: the metadata `pulumi policy publish` uploads. */
export interface AnalyzerPolicyMetadata extends AnalyzerPolicyInfo {
    description: string;
    severity?: Severity;
    framework?: PolicyComplianceFramework;
    tags: string[];
    remediationSteps: string;
    url: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: AnalyzerPolicyMetadata[];
    initialConfig: AnalyzerPackConfig;
}

function unary<Req>(client: grpc.Client, method: string, req: Req): Promise<any> {
    return new Promise((resolve, reject) =>
        (client as unknown as Record<string, (r: Req, cb: (err: Error | null, resp: any) => void) => void>)[method](req, (err, resp) => (err ? reject(err) : resolve(resp))),
    );
}

function diagnosticsOf(response: any): AnalyzerDiagnostic[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        urn: d.getUrn(),
    }));
}

/** One resource as the engine hands it to an analyzer (plugin.AnalyzerResource / AnalyzerStackResource). */
export interface AnalyzerResourceInput {
    urn: string;
    type: string;
    name: string;
    /** Wire form, as the engine marshals it for analyzers. */
    properties: Record<string, unknown>;
    options: {
        protect: boolean;
        ignoreChanges: string[];
        deleteBeforeReplace?: boolean;
        additionalSecretOutputs: string[];
        aliases: string[];
        customTimeouts: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
        parent?: string;
    };
    provider?: { urn: string; type: string; name: string; properties: Record<string, unknown> };
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
}

function optionsMessage(o: AnalyzerResourceInput["options"]): any {
    const opts = new analyzerproto.AnalyzerResourceOptions();
    opts.setProtect(o.protect);
    opts.setIgnorechangesList(o.ignoreChanges);
    opts.setDeletebeforereplace(o.deleteBeforeReplace ?? false);
    opts.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
    opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs);
    opts.setAliasesList(o.aliases);
    const timeouts = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(o.customTimeouts.createSeconds);
    timeouts.setUpdate(o.customTimeouts.updateSeconds);
    timeouts.setDelete(o.customTimeouts.deleteSeconds);
    opts.setCustomtimeouts(timeouts);
    opts.setParent(o.parent ?? "");
    return opts;
}

function providerMessage(p: AnalyzerResourceInput["provider"]): any {
    if (!p) return undefined;
    const provider = new analyzerproto.AnalyzerProviderResource();
    provider.setUrn(p.urn);
    provider.setType(p.type);
    provider.setName(p.name);
    provider.setProperties(structproto.Struct.fromJavaScript(p.properties));
    return provider;
}

/** The AnalyzeRequest (and RemediateRequest) the engine sends for one resource. */
export function analyzeRequest(r: AnalyzerResourceInput): any {
    const req = new analyzerproto.AnalyzeRequest();
    req.setUrn(r.urn);
    req.setType(r.type);
    req.setName(r.name);
    req.setProperties(structproto.Struct.fromJavaScript(r.properties));
    req.setOptions(optionsMessage(r.options));
    const provider = providerMessage(r.provider);
    if (provider) req.setProvider(provider);
    return req;
}

function stackResourceMessage(r: AnalyzerResourceInput): any {
    const res = new analyzerproto.AnalyzerResource();
    res.setUrn(r.urn);
    res.setType(r.type);
    res.setName(r.name);
    res.setProperties(structproto.Struct.fromJavaScript(r.properties));
    res.setOptions(optionsMessage(r.options));
    const provider = providerMessage(r.provider);
    if (provider) res.setProvider(provider);
    res.setParent(r.options.parent ?? "");
    res.setDependenciesList(r.dependencies);
    const deps = res.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        // "Skip properties that have no dependencies."
        if (urns.length === 0) continue;
        const d = new analyzerproto.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        deps.set(key, d);
    }
    return res;
}

export class AnalyzerHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: grpc.Client,
        readonly output: { stdout: string; stderr: string },
    ) {}

    /** Starts the pack and waits for the port it prints; sends ConfigureStack as the proxy does. */
    static async start(opts: AnalyzerStart): Promise<AnalyzerHost> {
        const launch = analyzerLaunch(opts);
        const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env });
        const output = { stdout: "", stderr: "" };
        const port = await new Promise<number>((resolve, reject) => {
            child.stdout!.on("data", (d) => {
                output.stdout += d;
                const line = /^(\d+)\n/.exec(output.stdout);
                if (line) resolve(Number(line[1]));
            });
            child.stderr!.on("data", (d) => (output.stderr += d));
            child.on("error", reject);
            child.on("exit", (code) => reject(new Error(`policy pack exited (${code}) before serving:\n${output.stderr}${output.stdout}`)));
        });
        const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        const host = new AnalyzerHost(child, client, output);
        await host.configureStack(opts);
        return host;
    }

    /** ConfigureStack: the stack, its config and (for a preview) dry run; stack tags are left empty, as the offline plan has none. */
    async configureStack(stack: Pick<AnalyzerStart, "organization" | "project" | "stack" | "config">): Promise<void> {
        const configure = new analyzerproto.AnalyzerStackConfigureRequest();
        configure.setStack(stack.stack);
        configure.setProject(stack.project);
        configure.setOrganization(stack.organization);
        configure.setDryRun(true);
        const config = configure.getConfigMap();
        for (const [k, v] of Object.entries(stack.config.values)) config.set(k, v);
        configure.setConfigSecretKeysList(stack.config.secretKeys);
        await unary(this.client, "configureStack", configure);
    }

    async info(): Promise<AnalyzerInfo> {
        const info = await unary(this.client, "getAnalyzerInfo", new emptyproto.Empty());
        const policies: AnalyzerPolicyMetadata[] = info.getPoliciesList().map((p: any) => {
            const schema = p.getConfigschema();
            const framework = p.getFramework();
            return {
                name: p.getName(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
                description: p.getDescription(),
                severity: SEVERITIES[p.getSeverity()],
                framework: framework
                    ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() }
                    : undefined,
                tags: p.getTagsList(),
                remediationSteps: p.getRemediationSteps(),
                url: p.getUrl(),
            };
        });
        const initialConfig: AnalyzerPackConfig = {};
        info.getInitialconfigMap().forEach((c: any, name: string) => {
            initialConfig[name] = { enforcementLevel: LEVELS[c.getEnforcementlevel()], properties: c.getProperties()?.toJavaScript() };
        });
        return { name: info.getName(), version: info.getVersion(), policies, initialConfig };
    }

    /** analyzer.Configure: refuses entries without a valid level, sends each with its properties. */
    async configure(config: AnalyzerPackConfig): Promise<void> {
        if (Object.keys(config).length === 0) return;
        const req = new analyzerproto.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const level = c.enforcementLevel ? LEVELS.indexOf(c.enforcementLevel) : -1;
            if (level < 0) throw new Error(`invalid enforcement level "${c.enforcementLevel ?? ""}"`);
            const pc = new analyzerproto.PolicyConfig();
            pc.setEnforcementlevel(level);
            pc.setProperties(structproto.Struct.fromJavaScript(c.properties ?? {}));
            map.set(name, pc);
        }
        await unary(this.client, "configure", req);
    }

    /** Remediate, then Analyze, as the step generator does for each registration. */
    async analyze(r: AnalyzerResourceInput): Promise<AnalyzerDiagnostic[]> {
        const req = analyzeRequest(r);
        const remediated = await unary(this.client, "remediate", req);
        if (remediated.getRemediationsList().length > 0) {
            throw new Error(`policy pack remediated ${r.urn}; remediations are not modelled by the offline plan`);
        }
        return diagnosticsOf(await unary(this.client, "analyze", req));
    }

    async analyzeStack(resources: readonly AnalyzerResourceInput[]): Promise<AnalyzerDiagnostic[]> {
        const req = new analyzerproto.AnalyzeStackRequest();
        req.setResourcesList(resources.map(stackResourceMessage));
        return diagnosticsOf(await unary(this.client, "analyzeStack", req));
    }

    /** The CLI closes the connection and kills the plugin process at the end of the operation. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise((resolve) => this.child.once("exit", resolve));
            this.child.kill();
            await exited;
        }
    }
}
