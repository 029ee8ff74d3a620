// Wraps the SDK's mock resource monitor so that every registration is recorded with what
// the engine would see (URN, parent, provider, dependencies, options, inputs) and is answered
// by the offline mocks with the URN and provider in hand.

import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { OfflineMocks } from "./mocks";
import { policyView } from "./properties";
import { checkTemplateBody } from "./cfn-spec";
import { checkRegistration, ProviderRuleError } from "./provider-rules";

// Same copies the SDK uses, so responses have the classes it expects.
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const structproto = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [sdkDir] }));
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const rpc = require("@pulumi/pulumi/runtime/rpc");

export interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace?: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    additionalSecretOutputs: string[];
    aliases: string[];
    customTimeouts: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
    deletedWith?: string;
}

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** False for components (including the root stack). */
    custom: boolean;
    /** True for components implemented by a provider plugin (e.g. awsx). */
    remote: boolean;
    /** True for `Resource.get` reads of existing resources. */
    read: boolean;
    /** `urn::id` of the explicit provider, as the engine receives it. */
    providerRef?: string;
    /** Custom resources: the account and region their provider (explicit or default) targets. */
    target?: { accountId: string; region: string };
    /** Components: explicit providers by package, as sent (a remote component sees only these). */
    providers?: Record<string, string>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    options: RecordedOptions;
    /** Inputs in wire form: secrets and unknowns still marked. */
    wireInputs: Record<string, unknown>;
    id?: string;
    /** Outputs in wire form, as the mocks answered. */
    wireOutputs?: Record<string, unknown>;
    /** What a component (or the stack) passed to `registerOutputs`, in wire form. */
    registeredOutputs?: Record<string, unknown>;
}

export interface RecorderOptions {
    /** Packages whose default provider the stack disables (`pulumi:disable-default-providers`). */
    disabledDefaultProviders: readonly string[];
}

function newUrn(parent: string, type: string, name: string): string {
    let qualified = type;
    if (parent) {
        const parentType = parent.split("::")[2].split("$").pop();
        qualified = `${parentType}$${type}`;
    }
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
}

function optionsOf(req: any): RecordedOptions {
    const timeouts = req.getCustomtimeouts?.();
    const seconds = (v: string | undefined) => (v ? Number.parseFloat(v) || 0 : 0);
    const opts: RecordedOptions = {
        protect: Boolean(req.getProtect?.()),
        retainOnDelete: Boolean(req.getRetainondelete?.()),
        ignoreChanges: req.getIgnorechangesList?.() ?? [],
        replaceOnChanges: req.getReplaceonchangesList?.() ?? [],
        additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
        aliases: req.getAliasurnsList?.() ?? [],
        customTimeouts: {
            createSeconds: seconds(timeouts?.getCreate()),
            updateSeconds: seconds(timeouts?.getUpdate()),
            deleteSeconds: seconds(timeouts?.getDelete()),
        },
    };
    if (req.getDeletebeforereplacedefined?.()) {
        opts.deleteBeforeReplace = req.getDeletebeforereplace();
    }
    if (req.getDeletedwith?.()) {
        opts.deletedWith = req.getDeletedwith();
    }
    return opts;
}

function propertyDependenciesOf(req: any): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const map = req.getPropertydependenciesMap?.();
    map?.forEach((deps: any, key: string) => {
        out[key] = deps.getUrnsList();
    });
    return out;
}

function providersOf(req: any): Record<string, string> | undefined {
    const out: Record<string, string> = {};
    req.getProvidersMap?.()?.forEach((ref: string, pkg: string) => {
        out[pkg] = ref;
    });
    return Object.keys(out).length > 0 ? out : undefined;
}

function packageOf(type: string): string {
    return type.startsWith("pulumi:providers:") ? type.slice("pulumi:providers:".length) : type.split(":")[0];
}

/** The parts of the SDK's MockMonitor the recorder replaces or uses. */
export interface MockMonitorLike {
    resources: Map<string, { urn: string; id: string | null; state: unknown }>;
    registerResource(req: any, callback: (err: any, resp?: any) => void): Promise<void>;
    readResource(req: any, callback: (err: any, resp?: any) => void): Promise<void>;
    invoke(req: any, callback: (err: any, resp?: any) => void): Promise<void>;
    registerResourceOutputs(req: any, callback: (err: any, resp?: any) => void): void;
}

export class ResourceRecorder {
    readonly resources: RecordedResource[] = [];
    readonly failures: Error[] = [];
    /** Registrations, reads, invokes and outputs seen so far: how the settle watch tells work from a stall. */
    activity = 0;
    private readonly byUrn = new Map<string, RecordedResource>();

    constructor(private readonly mocks: OfflineMocks, private readonly opts: RecorderOptions) {}

    private defaultProviderDisabled(type: string, providerRef: string): boolean {
        if (providerRef) {
            return false;
        }
        const pkg = packageOf(type);
        return this.opts.disabledDefaultProviders.includes("*") || this.opts.disabledDefaultProviders.includes(pkg);
    }

    /** Replaces the monitor's registration entry points; the SDK's own invoke handling stays. */
    install(monitor: MockMonitorLike): void {
        const resources = monitor.resources;
        const record = async (req: any, read: boolean, callback: (err: any, resp?: any) => void) => {
            this.activity++;
            try {
                const type: string = req.getType();
                const name: string = req.getName();
                const parent: string = req.getParent();
                const urn = newUrn(parent, type, name);
                // The engine refuses a second resource with the same URN (type, name and parent),
                // with this message (pulumi/pkg resource/deploy step_generator.go).
                if (this.byUrn.has(urn)) {
                    throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
                }
                const providerRef: string = req.getProvider();
                const custom: boolean = read ? true : req.getCustom();
                if (custom && !type.startsWith("pulumi:providers:") && this.defaultProviderDisabled(type, providerRef)) {
                    throw new Error(
                        `Default provider for '${packageOf(type)}' disabled. '${urn}' must use an explicit provider (the stack sets pulumi:disable-default-providers).`,
                    );
                }
                const wireInputs = (read ? req.getProperties() : req.getObject())?.toJavaScript() ?? {};
                // The provider checks every configuration before it calls AWS (its Check during a
                // preview); a registration it would refuse stops the plan here, as it would there.
                if (custom && !read) {
                    const view = policyView(wireInputs);
                    const violations = checkRegistration(type, view);
                    if (violations.length > 0) throw new ProviderRuleError(urn, name, violations);
                    // A template's resources are checked against CloudFormation's own specification too.
                    checkTemplateBody(type, urn, view);
                }
                const entry: RecordedResource = {
                    urn,
                    type,
                    name,
                    parent: parent || undefined,
                    custom,
                    remote: read ? false : Boolean(req.getRemote?.()),
                    read,
                    providerRef: providerRef || undefined,
                    providers: custom ? undefined : providersOf(req),
                    dependencies: read ? [] : (req.getDependenciesList?.() ?? []),
                    propertyDependencies: read ? {} : propertyDependenciesOf(req),
                    options: optionsOf(req),
                    wireInputs,
                };
                this.resources.push(entry);
                this.byUrn.set(urn, entry);

                const inputs = rpc.deserializeProperties(read ? req.getProperties() : req.getObject());
                const mocked = this.mocks.outputsFor({ urn, type, name, inputs, providerRef: providerRef || undefined });
                const id = read ? req.getId() : custom ? mocked.id : "";
                const state = custom ? { ...inputs, ...mocked.outputs } : mocked.outputs;
                if (type.startsWith("pulumi:providers:")) {
                    this.mocks.registerProvider(`${urn}::${id}`, inputs);
                }
                if (custom) {
                    const ctx = this.mocks.contextOf(type.startsWith("pulumi:providers:") ? `${urn}::${id}` : providerRef || undefined);
                    entry.target = { accountId: ctx.accountId, region: ctx.region };
                }
                const serialized = await rpc.serializeProperties("", state);
                entry.id = id || undefined;
                entry.wireOutputs = serialized;
                resources.set(urn, { urn, id: id || null, state: serialized });

                const response = read ? new resproto.ReadResourceResponse() : new resproto.RegisterResourceResponse();
                response.setUrn(urn);
                if (!read) {
                    response.setId(id);
                    response.setObject(structproto.Struct.fromJavaScript(serialized));
                } else {
                    response.setProperties(structproto.Struct.fromJavaScript(serialized));
                }
                callback(null, response);
            } catch (err) {
                this.failures.push(err as Error);
                callback(err, undefined);
            }
        };
        monitor.registerResource = (req, callback) => record(req, false, callback);
        monitor.readResource = (req, callback) => record(req, true, callback);

        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req, callback) => {
            this.activity++;
            const entry = this.byUrn.get(req.getUrn());
            if (entry) {
                entry.registeredOutputs = req.getOutputs()?.toJavaScript() ?? {};
            }
            registerOutputs(req, callback);
        };

        const invoke = monitor.invoke.bind(monitor);
        monitor.invoke = async (req, callback) => {
            this.activity++;
            const token: string = req.getTok();
            if (token !== "pulumi:pulumi:getResource" && this.defaultProviderDisabled(token, req.getProvider())) {
                const err = new Error(`Default provider for '${packageOf(token)}' disabled. The call to ${token} must use an explicit provider.`);
                this.failures.push(err);
                callback(err, undefined);
                return;
            }
            await invoke(req, (err: any, resp: any) => {
                if (err) {
                    this.failures.push(err as Error);
                }
                callback(err, resp);
            });
        };
    }
}
