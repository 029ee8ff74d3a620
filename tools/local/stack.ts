// What `pulumi up` would deploy for one API of a stack, as plain data for the local gateway:
// the stack file is read the way the engine hands it to the program (tools/plan/project),
// parsed by the program's schema, and wired by the program's own `planStackWiring`, which
// builds each API's OpenAPI document without Pulumi. Stage settings, usage plans and keys come
// from the same builders ApiEndpoint deploys (stage-settings.ts, usage-plans.ts), and the
// functions the stack builds from the same entries and environments its components use.
// Values only AWS knows (function and user pool ARNs, VPC link ids, API key values, the
// upload bucket's name) get stable local stand-ins.

import { createHash } from "node:crypto";
import * as path from "node:path";
import type { ApiDocument } from "../../components/api";
import { lambdaInvokeUri, methodSettingsPath, substituteReferences } from "../../components/api/openapi";
import type { Reference } from "../../components/api/openapi";
import { ACCESS_LOG_FORMAT, methodSettings } from "../../components/api/stage-settings";
import { usagePlanValues } from "../../components/api/usage-plans";
import { parseStackConfig, type GatevaultConfig } from "../../components/config";
import type { ApiConfig } from "../../components/config/api";
import type { JwtAuthorizerConfig } from "../../components/config/authorizers";
import { AUTHORIZER_ENTRIES } from "../../components/functions/jwt-authorizer";
import { UPLOAD_ENTRY } from "../../components/uploads/upload-function";
import { planStackWiring } from "../../components/wiring";
import { authorizerEnvironment } from "../../functions/authorizer/settings";
import { uploadEnvironment } from "../../functions/uploads/settings";
import { engineConfig, loadProject } from "../plan/project";
import type { ApiDefinition, ApiKeyDefinition, StageDefinition } from "./gateway/types";
import type { LocalFunction } from "./lambda/runtime";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export class LocalUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "LocalUsageError";
    }
}

export interface StackSelection {
    stack: string;
    /** The API to serve; may be left out when the stack has one. */
    api?: string;
    projectDir?: string;
    /** Stack file; default `Pulumi.<stack>.yaml`. */
    configFile?: string;
}

export interface LoadedStack {
    stack: string;
    config: GatevaultConfig;
    apiConfig: ApiConfig;
    document: ApiDocument;
}

const stableHex = (text: string, length: number) => createHash("sha256").update(text).digest("hex").slice(0, length);

export interface WiredStack {
    stack: string;
    /** The config as the program wires it (JWT authorizers' TTLs filled in). */
    config: GatevaultConfig;
    documents: (ApiDocument | undefined)[];
}

/** Parses and wires the stack exactly as the program does. */
export function wireStack(selection: StackSelection): WiredStack {
    const projectDir = selection.projectDir ?? PROJECT_ROOT;
    const project = loadProject(projectDir);
    const engine = engineConfig(project, selection.configFile ?? path.join(projectDir, `Pulumi.${selection.stack}.yaml`));
    const config = parseStackConfig({ values: engine.values, secretKeys: new Set(engine.secretKeys) });
    const wiring = planStackWiring(config, { projectDir });
    return { stack: selection.stack, config: wiring.config, documents: wiring.documents };
}

/** One API of a wired stack: the one named, or else the only one that `fits`. */
export function selectApi(wired: WiredStack, name: string | undefined, fits: (api: ApiConfig) => boolean = () => true): LoadedStack {
    const names = wired.config.apis.map((a) => a.name);
    if (names.length === 0) throw new LocalUsageError(`stack ${wired.stack} has no APIs (gatevault:apis is empty)`);
    const candidates = wired.config.apis.filter(fits).map((a) => a.name);
    const wanted = name ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (wanted === undefined) throw new LocalUsageError(`stack ${wired.stack} has several APIs; choose one with --api (${(candidates.length > 0 ? candidates : names).join(", ")})`);
    const index = names.indexOf(wanted);
    if (index < 0) throw new LocalUsageError(`stack ${wired.stack} has no API "${wanted}" (APIs: ${names.join(", ")})`);
    return { stack: wired.stack, config: wired.config, apiConfig: wired.config.apis[index], document: wired.documents[index]! };
}

export function loadStack(selection: StackSelection): LoadedStack {
    return selectApi(wireStack(selection), selection.api);
}

/** The ARN a function the stack builds will have: its name is `<name>-<stack>` (NodeFunction). */
export function stackFunctionArn(config: GatevaultConfig, stack: string, name: string): string {
    return `arn:aws:lambda:${config.region}:${config.accountId}:function:${name}-${stack}`;
}

/** A stand-in ARN for a user pool the stack builds (`<region>_local<name>`). */
export function stackUserPoolArn(config: GatevaultConfig, name: string): string {
    return `arn:aws:cognito-idp:${config.region}:${config.accountId}:userpool/${config.region}_local${name.replace(/[^A-Za-z0-9]/g, "")}`;
}

function referenceValue(ref: Reference, loaded: LoadedStack): string {
    switch (ref.kind) {
        case "lambda-invoke-uri":
            return lambdaInvokeUri(stackFunctionArn(loaded.config, loaded.stack, ref.name));
        case "user-pool-arn":
            return stackUserPoolArn(loaded.config, ref.name);
        case "vpc-link-id":
            return `local-${ref.name}`;
        case "vpc-endpoint-id":
            return `vpce-local${stableHex(ref.name, 9)}`;
    }
}

/** The stage as ApiEndpoint configures it: variables, cache, `*\/*` and per-method settings, access log format. */
export function stageOf(api: ApiConfig, document: ApiDocument): StageDefinition {
    const settings: StageDefinition["methodSettings"] = { "*/*": methodSettings(api) };
    for (const route of document.methodOverrides) {
        settings[methodSettingsPath(route.method, route.path)] = methodSettings(api, { throttle: route.throttle, cachingEnabled: route.cachingEnabled });
    }
    return { name: api.stage.name, variables: { ...api.stage.variables }, cacheClusterEnabled: api.stage.cache !== undefined, methodSettings: settings, accessLogFormat: ACCESS_LOG_FORMAT };
}

/** API key values are secrets AWS holds; locally each client gets a stable key unless one is given. */
export function localApiKeys(loaded: LoadedStack, given: Readonly<Record<string, string>> = {}): ApiKeyDefinition[] {
    const api = loaded.apiConfig;
    return Object.entries(api.clients).map(([client, c]) => ({
        id: `local${stableHex(`${api.name}/${client}`, 6)}`,
        name: `${api.name}-${client}`,
        value: given[client] ?? `local-${client}-${stableHex(`${loaded.stack}/${api.name}/${client}`, 20)}`,
        enabled: c.enabled,
        usagePlans: [c.tier],
    }));
}

export function apiDefinition(loaded: LoadedStack, apiKeys: Readonly<Record<string, string>> = {}): ApiDefinition {
    const { apiConfig: api, config, document } = loaded;
    const values = Object.fromEntries(document.references.map((ref) => [ref.token, referenceValue(ref, loaded)]));
    return {
        name: api.name,
        apiId: stableHex(`${loaded.stack}/${api.name}`, 10),
        region: config.region,
        accountId: config.accountId,
        document: JSON.parse(substituteReferences(document.text, values)),
        stage: stageOf(api, document),
        usagePlans: usagePlanValues(api).map((p) => ({
            name: p.tier,
            throttle: p.throttle,
            quota: { limit: p.quota.limit, period: p.quota.period as "DAY" | "WEEK" | "MONTH" },
            methodThrottles: Object.fromEntries(p.methodThrottles.map((t) => [t.path, { rateLimit: t.rateLimit, burstLimit: t.burstLimit }])),
        })),
        apiKeys: localApiKeys(loaded, apiKeys),
    };
}

export interface JwtOverrides {
    /** Where the authorizer fetches keys (the local server's JWKS, or --jwks). */
    jwksUrl: string;
    /** The issuer tokens must carry (the local issuer, or --issuer); undefined keeps the stack's. */
    issuer?: string;
}

export function jwtAuthorizerFunction(loaded: LoadedStack, jwt: JwtAuthorizerConfig, overrides: JwtOverrides): LocalFunction {
    return {
        arn: stackFunctionArn(loaded.config, loaded.stack, jwt.name),
        entry: AUTHORIZER_ENTRIES[jwt.type],
        environment: authorizerEnvironment({ ...jwt, jwksUrl: overrides.jwksUrl, issuer: overrides.issuer ?? jwt.issuer }),
    };
}

/**
 * The functions the stack builds, with the environment their components set, plus code the
 * caller supplies for functions named by ARN (`--function <name or ARN>=<handler file>`).
 */
export function stackFunctions(loaded: LoadedStack, jwt: JwtOverrides, supplied: Readonly<Record<string, string>> = {}): LocalFunction[] {
    const { config, stack } = loaded;
    const functions = config.jwtAuthorizers.map((a) => jwtAuthorizerFunction(loaded, a, jwt));
    const uploads = config.uploads;
    if (uploads) {
        functions.push({
            arn: stackFunctionArn(config, stack, uploads.name),
            entry: UPLOAD_ENTRY,
            environment: uploadEnvironment({
                // The bucket's name is known after deployment only.
                bucket: `${uploads.name}-${stack}-local`,
                keyPrefix: uploads.keyPrefix,
                allowedContentTypes: uploads.allowedContentTypes,
                ...uploads.limits,
                urlExpirySeconds: uploads.urlExpirySeconds,
                multipartUrlExpirySeconds: uploads.multipartUrlExpirySeconds,
            }),
        });
    }
    for (const [ref, entry] of Object.entries(supplied)) {
        const arn = ref.startsWith("arn:") ? ref : (functions.find((f) => f.arn.endsWith(`:function:${ref}-${stack}`) || f.arn.endsWith(`:function:${ref}`))?.arn ?? `arn:aws:lambda:${config.region}:${config.accountId}:function:${ref}`);
        const existing = functions.findIndex((f) => f.arn === arn);
        const fn = { arn, entry: path.resolve(entry), environment: existing >= 0 ? functions[existing].environment : {} };
        if (existing >= 0) functions[existing] = fn;
        else functions.push(fn);
    }
    return functions;
}
