// `npm run local` arguments: serving an API, or minting a local token.

import { parseCommandLine } from "../command-line";
import type { LocalStackOptions } from "./start";
import type { TokenOptions } from "./token";

export const LOCAL_USAGE = [
    "usage: npm run local -- --stack <name> [--api <name>] [--port 3001] [--host 127.0.0.1] [--config-file <path>]",
    "         [--jwks <file or URL>] [--issuer <url>] [--keys-dir <dir>] [--backend <host>=<url>]... [--function <name or ARN>=<handler file>]...",
    "         [--api-key <client>=<value>]... [--aws-fixtures <file>]",
    "       npm run -s local -- token --stack <name> [--api <name>] --sub <subject> [--scopes a,b] [--groups g,h]",
    "         [--authorizer <jwt authorizer name> | --cognito] [--ttl <seconds>] [--issuer <url>] [--keys-dir <dir>]",
].join("\n");

export type LocalCommand =
    | { ok: true; kind: "serve"; options: LocalStackOptions }
    | { ok: true; kind: "token"; options: TokenOptions }
    | { ok: false; exitCode: 0 | 2; stream: "stdout" | "stderr"; text: string };

const usageError = (message: string): LocalCommand => ({ ok: false, exitCode: 2, stream: "stderr", text: `${message}\n${LOCAL_USAGE}\n` });

function pairs(values: string[] | undefined, option: string): Record<string, string> | string {
    const out: Record<string, string> = {};
    for (const value of values ?? []) {
        const i = value.indexOf("=");
        if (i <= 0 || i === value.length - 1) return `--${option} must be <name>=<value> (got "${value}")`;
        out[value.slice(0, i)] = value.slice(i + 1);
    }
    return out;
}

const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");

export function parseLocalArgs(argv: string[]): LocalCommand {
    const token = argv[0] === "token";
    const parsed = parseCommandLine(
        token ? argv.slice(1) : argv,
        {
            stack: { type: "string" },
            api: { type: "string" },
            "config-file": { type: "string" },
            "keys-dir": { type: "string" },
            issuer: { type: "string" },
            ...(token
                ? { sub: { type: "string" }, scopes: { type: "string" }, groups: { type: "string" }, authorizer: { type: "string" }, cognito: { type: "boolean" }, ttl: { type: "string" } }
                : {
                      port: { type: "string" },
                      host: { type: "string" },
                      jwks: { type: "string" },
                      backend: { type: "string", multiple: true },
                      function: { type: "string", multiple: true },
                      "api-key": { type: "string", multiple: true },
                      "aws-fixtures": { type: "string" },
                  }),
        },
        LOCAL_USAGE,
    );
    if (!parsed.ok) return parsed;
    const v = parsed.values as Record<string, any>;
    if (!v.stack) return usageError("--stack is required");
    const common = { stack: v.stack as string, api: v.api as string | undefined, configFile: v["config-file"] as string | undefined, keysDir: v["keys-dir"] as string | undefined, issuer: v.issuer as string | undefined };
    if (token) {
        if (!v.sub) return usageError("--sub is required");
        if (v.authorizer && v.cognito) return usageError("give --authorizer or --cognito, not both");
        const ttl = v.ttl === undefined ? 3600 : Number(v.ttl);
        if (!Number.isInteger(ttl) || ttl < 1) return usageError(`--ttl must be a whole number of seconds (got "${v.ttl}")`);
        return { ok: true, kind: "token", options: { ...common, subject: v.sub, scopes: list(v.scopes), groups: list(v.groups), authorizer: v.authorizer, cognito: v.cognito === true, ttlSeconds: ttl } };
    }
    const port = v.port === undefined ? undefined : Number(v.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return usageError(`--port must be 0-65535 (got "${v.port}")`);
    const backends = pairs(v.backend, "backend");
    const functions = pairs(v.function, "function");
    const apiKeys = pairs(v["api-key"], "api-key");
    for (const p of [backends, functions, apiKeys]) if (typeof p === "string") return usageError(p);
    return {
        ok: true,
        kind: "serve",
        options: { ...common, port, host: v.host, jwks: v.jwks, backends: backends as Record<string, string>, functions: functions as Record<string, string>, apiKeys: apiKeys as Record<string, string>, awsFixtures: v["aws-fixtures"] },
    };
}
