// The two gRPC services the Pulumi CLI's engine gives a running program: the resource monitor
// (pulumirpc.ResourceMonitor) and the engine (pulumirpc.Engine). Registrations, reads and invokes
// are answered by the offline plan's own engine side (tools/plan: the SDK's mock monitor with the
// offline mocks and the recorder), so a program started by Pulumi's language-host entry gets the
// same deterministic outputs the offline plan gives it, and everything it registers is recorded
// the same way.
//
// What the real engine does and this one mirrors (pulumi/pulumi v3.248.0):
// - SupportsFeature answers as `resmon.supportsFeatureID` does (pkg/resource/deploy/source_eval.go):
//   every feature the SDK asks about is supported, output values included (the mock monitor says
//   no to outputValues; the SDK then sends remote components' inputs as plain values instead).
// - SignalAndWaitForShutdown returns once the program's registrations are answered, which they
//   are by the time it is called (source_eval.go waits for the step executor).
// - Log collects the program's diagnostics by severity, as the CLI prints them.
// Calls that a program only makes for features gatevault does not use (Call, transforms, hooks)
// answer UNIMPLEMENTED, so a program that starts using them fails loudly here.

import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { installOfflineEngine, OfflineEngine } from "../plan/run-program";
import type { ProgramRunOptions } from "../plan/run-program";
import type { RecordedResource } from "../plan/recorder";

const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// The SDK's own protobuf classes: the generated service definitions check `instanceof` against them.
const emptyproto = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [sdkDir] }));
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");

/** The features `resmon.supportsFeatureID` reports as supported in v3.248.0 (source_eval.go). */
export const ENGINE_FEATURES: readonly string[] = [
    "secrets",
    "resourceReferences",
    "outputValues",
    "aliasSpecs",
    "replacementTrigger",
    "deletedWith",
    "replaceWith",
    "transforms",
    "invokeTransforms",
    "parameterization",
    "resourceHooks",
    "errorHooks",
    "sendsOptionsToHooks",
];

export type LogSeverity = "debug" | "info" | "warning" | "error";
const SEVERITIES: readonly LogSeverity[] = ["debug", "info", "warning", "error"]; // engine.proto LogSeverity order

export interface EngineLogEntry {
    severity: LogSeverity;
    message: string;
    urn?: string;
}

export interface RunningEngine {
    /** `127.0.0.1:<port>`, for both --monitor and --engine. */
    address: string;
    resources: RecordedResource[];
    /** Registration and data-source failures the engine answered with an error. */
    failures: Error[];
    log: EngineLogEntry[];
    rootResource(): string | undefined;
    stop(): Promise<void>;
}

type Callback = (err: grpc.ServiceError | Error | null, resp?: unknown) => void;
type Unary = (call: { request: any }, callback: Callback) => void;

function unimplemented(name: string): Unary {
    return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by the gatevault test engine`, message: name, name } as grpc.ServiceError);
}

/** The mock monitor answers some calls with plain objects; gRPC needs the proto class. */
function emptyAfter(run: (req: any, cb: (err: any) => void) => void): Unary {
    return (call, callback) => run(call.request, (err) => (err ? callback(err) : callback(null, new emptyproto.Empty())));
}

function monitorService(engine: OfflineEngine): Record<string, Unary> {
    const { monitor } = engine;
    const m = monitor as unknown as Record<string, (req: any, cb: Callback) => unknown>;
    return {
        supportsFeature: (call, callback) => {
            const response = new resproto.SupportsFeatureResponse();
            response.setHassupport(ENGINE_FEATURES.includes(call.request.getId()));
            callback(null, response);
        },
        registerResource: (call, callback) => void monitor.registerResource(call.request, callback),
        readResource: (call, callback) => void monitor.readResource(call.request, callback),
        invoke: (call, callback) => void monitor.invoke(call.request, callback),
        registerResourceOutputs: emptyAfter((req, cb) => monitor.registerResourceOutputs(req, cb)),
        registerPackage: (call, callback) => void m.registerPackage(call.request, callback),
        signalAndWaitForShutdown: (_call, callback) => callback(null, new emptyproto.Empty()),
        getDeploymentInfo: unimplemented("GetDeploymentInfo"),
        call: unimplemented("Call"),
        registerStackTransform: unimplemented("RegisterStackTransform"),
        registerStackInvokeTransform: unimplemented("RegisterStackInvokeTransform"),
        registerResourceHook: unimplemented("RegisterResourceHook"),
        registerErrorHook: unimplemented("RegisterErrorHook"),
    };
}

function engineService(log: EngineLogEntry[], root: { urn?: string }): Record<string, Unary> {
    return {
        log: (call, callback) => {
            const req = call.request;
            log.push({ severity: SEVERITIES[req.getSeverity()] ?? "info", message: req.getMessage(), urn: req.getUrn() || undefined });
            callback(null, new emptyproto.Empty());
        },
        getRootResource: (_call, callback) => {
            const response = new engproto.GetRootResourceResponse();
            response.setUrn(root.urn ?? "");
            callback(null, response);
        },
        setRootResource: (call, callback) => {
            root.urn = call.request.getUrn();
            callback(null, new engproto.SetRootResourceResponse());
        },
        // The CLI answers for its own version; this engine stands in for the CLI the SDK pin matches.
        requirePulumiVersion: (_call, callback) => callback(null, new engproto.RequirePulumiVersionResponse()),
        startDebugging: unimplemented("StartDebugging"),
    };
}

/**
 * Starts the engine for one stack. Uses the SDK's process-wide state (as the offline plan does),
 * so run one engine, or one offline plan, at a time in a process.
 */
export async function startEngine(opts: Pick<ProgramRunOptions, "project" | "stack" | "config" | "target">): Promise<RunningEngine> {
    const engine = await installOfflineEngine(opts);
    const log: EngineLogEntry[] = [];
    const root: { urn?: string } = {};
    // Pulumi's own limit for engine messages (maxRPCMessageSize in sdk/go/common/util/rpcutil/serve.go: 400 MB); large stacks exceed grpc's 4 MB default.
    const maxMessage = 400 * 1024 * 1024;
    const server = new grpc.Server({ "grpc.max_receive_message_length": maxMessage, "grpc.max_send_message_length": maxMessage });
    server.addService(resrpc.ResourceMonitorService, monitorService(engine));
    server.addService(engrpc.EngineService, engineService(log, root));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return {
        address: `127.0.0.1:${port}`,
        resources: engine.recorder.resources,
        failures: engine.recorder.failures,
        log,
        rootResource: () => root.urn,
        stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    };
}
