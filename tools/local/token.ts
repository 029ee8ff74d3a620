// `npm run local -- token`: a token for the local server, signed with the local key pair.
// For a JWT authorizer of the stack it carries the issuer the server expects (the local
// issuer, or --issuer), the authorizer's first audience in its audience claim, the scopes in
// `scope` and the groups in its groups claim. With --cognito it is a Cognito user pool token
// of the API's Cognito authorizer's pool: an access token (token_use "access", client_id) when
// scopes are given, else an ID token (token_use "id", aud), as Cognito authorizers tell them
// apart (apigateway-integrate-with-cognito.html).

import * as path from "node:path";
import { loadOrCreateKeys, LOCAL_ISSUER, mintToken } from "./auth/keys";
import { userPoolIssuer } from "./gateway/authorize";
import { LocalUsageError, PROJECT_ROOT, selectApi, stackUserPoolArn, type StackSelection, wireStack } from "./stack";

export interface TokenOptions extends StackSelection {
    subject: string;
    scopes: string[];
    groups: string[];
    /** The JWT authorizer (gatevault:jwtAuthorizers name); default the stack's only one. */
    authorizer?: string;
    cognito?: boolean;
    ttlSeconds: number;
    issuer?: string;
    keysDir?: string;
}

/** The app client id local Cognito tokens name. */
export const LOCAL_COGNITO_CLIENT = "local-client";

export async function localToken(options: TokenOptions): Promise<string> {
    const wired = wireStack(options);
    const keys = await loadOrCreateKeys(options.keysDir ?? path.join(options.projectDir ?? PROJECT_ROOT, ".gatevault", "local-keys"));
    if (options.cognito) {
        const hasCognito = (api: { authorizers: Record<string, { type: string }> }) => Object.values(api.authorizers).some((a) => a.type === "COGNITO_USER_POOLS");
        const loaded = selectApi(wired, options.api, hasCognito);
        const pools = Object.values(loaded.apiConfig.authorizers).filter((a) => a.type === "COGNITO_USER_POOLS").flatMap((a) => a.userPoolArns ?? []);
        if (pools.length === 0) throw new LocalUsageError(`API ${loaded.apiConfig.name} has no Cognito authorizer`);
        const arn = pools[0].startsWith("arn:") ? pools[0] : stackUserPoolArn(wired.config, pools[0]);
        const access = options.scopes.length > 0;
        return mintToken(keys, {
            issuer: options.issuer ?? userPoolIssuer(arn)!,
            subject: options.subject,
            audience: { claim: access ? "client_id" : "aud", value: LOCAL_COGNITO_CLIENT },
            scopes: options.scopes,
            groups: { claim: "cognito:groups", values: options.groups },
            ttlSeconds: options.ttlSeconds,
            claims: { token_use: access ? "access" : "id" },
        });
    }
    const authorizers = wired.config.jwtAuthorizers;
    const jwt = options.authorizer ? authorizers.find((a) => a.name === options.authorizer) : authorizers.length === 1 ? authorizers[0] : undefined;
    if (!jwt) {
        const names = authorizers.map((a) => a.name).join(", ") || "none";
        throw new LocalUsageError(options.authorizer ? `stack ${options.stack} has no JWT authorizer "${options.authorizer}" (${names})` : `choose a JWT authorizer with --authorizer (${names}), or --cognito`);
    }
    return mintToken(keys, {
        issuer: options.issuer ?? LOCAL_ISSUER,
        subject: options.subject,
        audience: { claim: jwt.audienceClaim, value: jwt.audience[0] },
        scopes: options.scopes,
        groups: { claim: jwt.groupsClaim, values: options.groups },
        ttlSeconds: options.ttlSeconds,
    });
}
