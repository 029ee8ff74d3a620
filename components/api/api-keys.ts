// `gatevault:apiKeys` names clients of any API; a value for a client that does not exist is
// most likely a typo and would silently leave that client with a generated key.

import type { GatevaultConfig } from "../config";
import { ConfigProblem, formatKeyPath } from "../config/errors";

export function apiKeyProblems(config: Pick<GatevaultConfig, "apis" | "apiKeys">): ConfigProblem[] {
    const clients = new Set(config.apis.flatMap((api) => Object.keys(api.clients)));
    return Object.keys(config.apiKeys)
        .filter((client) => !clients.has(client))
        .map((client) => ({
            path: formatKeyPath(["apiKeys", client]),
            message: `names no client of any API (clients: ${[...clients].sort().join(", ") || "none"})`,
        }));
}
