// Starting a local API: from a hand-built definition (`serveApi`, what tests use) or from a
// stack (`startLocalStack`, what `npm run local` uses). The stack path listens first, so the
// JWT authorizers can be pointed at this server's own JWKS, then loads the functions (their
// cold starts read that address) before it says it is listening.

import * as fs from "node:fs";
import * as path from "node:path";
import { createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from "jose";
import { jwksOf, loadOrCreateKeys, LOCAL_ISSUER, localKeySet } from "./auth/keys";
import type { AwsFixtures } from "./gateway/integrate";
import { type GatewayOptions, LocalGateway } from "./gateway/pipeline";
import type { ApiDefinition } from "./gateway/types";
import { type FunctionLog, InProcessRuntime } from "./lambda/runtime";
import { listen, type StaticFile } from "./server";
import { apiDefinition, loadStack, LocalUsageError, PROJECT_ROOT, stackFunctions, type StackSelection } from "./stack";

export const DEFAULT_PORT = 3001;
export const JWKS_PATH = "/.well-known/jwks.json";

export interface RunningApi {
    /** `http://127.0.0.1:<port>/<stage>`: the invoke URL's local twin. */
    url: string;
    port: number;
    gateway: LocalGateway;
    close(): Promise<void>;
}

export interface ServeOptions extends GatewayOptions {
    host?: string;
    port?: number;
    files?: Record<string, StaticFile>;
}

/** Serves a definition as it is. */
export async function serveApi(definition: ApiDefinition, options: ServeOptions): Promise<RunningApi> {
    const gateway = new LocalGateway(definition, options);
    const host = options.host ?? "127.0.0.1";
    const handle = await listen(() => (r) => gateway.handle(r), () => options.files ?? {}, host, options.port ?? DEFAULT_PORT);
    return { url: `http://${host}:${handle.port}/${definition.stage.name}`, port: handle.port, gateway, close: handle.close };
}

export interface LocalStackOptions extends StackSelection {
    host?: string;
    port?: number;
    /** A JWKS file to serve, or a JWKS URL, for the JWT and Cognito authorizers; default the local key pair's. */
    jwks?: string;
    /** The issuer JWT authorizers expect; default the local issuer with local keys, else the stack's. */
    issuer?: string;
    /** Where the local key pair lives; default `.gatevault/local-keys` in the project. */
    keysDir?: string;
    /** Integration URI host → local base URL. */
    backends?: Record<string, string>;
    /** Function name or ARN → handler file, for functions the stack does not build. */
    functions?: Record<string, string>;
    /** Client id → API key value. */
    apiKeys?: Record<string, string>;
    /** JSON file of AWS service integration answers, by route. */
    awsFixtures?: string;
    accessLog?: (line: string) => void;
    warn?: (message: string) => void;
    /** Where functions' console output goes; default stderr, each line prefixed with the function's name. */
    functionLog?: FunctionLog;
}

export interface RunningStack extends RunningApi {
    definition: ApiDefinition;
    /** Client id → API key value, for the operator. */
    apiKeys: Record<string, string>;
    jwksUrl: string;
    issuer?: string;
}

function readJson(file: string, what: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new LocalUsageError(`cannot read ${what} ${file}: ${(err as Error).message}`);
    }
}

export async function startLocalStack(options: LocalStackOptions): Promise<RunningStack> {
    const loaded = loadStack(options);
    const projectDir = options.projectDir ?? PROJECT_ROOT;
    const remoteJwks = options.jwks !== undefined && /^https?:\/\//.test(options.jwks) ? options.jwks : undefined;
    let jwks: { keys: JWK[] } | undefined;
    if (remoteJwks === undefined) {
        jwks = options.jwks !== undefined
            ? (readJson(path.resolve(options.jwks), "JWKS file") as { keys: JWK[] })
            : jwksOf(await loadOrCreateKeys(options.keysDir ?? path.join(projectDir, ".gatevault", "local-keys")));
    }
    const awsFixtures = options.awsFixtures ? (readJson(path.resolve(options.awsFixtures), "AWS fixtures file") as AwsFixtures) : {};
    const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));

    let gateway: LocalGateway | undefined;
    const host = options.host ?? "127.0.0.1";
    const files: Record<string, StaticFile> = jwks ? { [JWKS_PATH]: { contentType: "application/json", body: JSON.stringify(jwks) } } : {};
    const handle = await listen(() => gateway && ((r) => gateway!.handle(r)), () => files, host, options.port ?? DEFAULT_PORT);
    try {
        const jwksUrl = remoteJwks ?? `http://${host}:${handle.port}${JWKS_PATH}`;
        const issuer = options.issuer ?? (remoteJwks === undefined ? LOCAL_ISSUER : undefined);
        const runtime = new InProcessRuntime(stackFunctions(loaded, { jwksUrl, issuer }, options.functions), warn, options.functionLog);
        runtime.warmUp();
        const cognitoKeys: JWTVerifyGetKey = jwks ? localKeySet(jwks) : createRemoteJWKSet(new URL(remoteJwks!));
        const definition = apiDefinition(loaded, options.apiKeys);
        gateway = new LocalGateway(definition, { invoker: runtime, backends: options.backends, awsFixtures, cognitoKeys, accessLog: options.accessLog, warn });
        return {
            url: `http://${host}:${handle.port}/${definition.stage.name}`,
            port: handle.port,
            gateway,
            definition,
            apiKeys: Object.fromEntries(Object.entries(loaded.apiConfig.clients).map(([client]) => [client, definition.apiKeys.find((k) => k.name === `${definition.name}-${client}`)!.value])),
            jwksUrl,
            issuer,
            close: handle.close,
        };
    } catch (err) {
        await handle.close();
        throw err;
    }
}
