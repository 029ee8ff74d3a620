// The decision shared by the TOKEN and REQUEST authorizers: a verified token gets a policy
// allowing exactly the routes its scopes and groups grant (or an explicit Deny when none);
// anything else throws "Unauthorized", which API Gateway answers with 401.

import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { jsonLog, type Log } from "../shared/log";
import { callerResources, compileGrants, groupsOf, scopesOf } from "./permissions";
import { allowPolicy, denyPolicy, executeApiArn, parseMethodArn } from "./policy";
import type { AuthorizerSettings } from "./settings";
import { createTokenVerifier, TokenRejected, type TokenVerifier } from "./verify";

/** The exact message API Gateway maps to a 401 response. */
export const UNAUTHORIZED = "Unauthorized";

export type Authorize = (token: string | undefined, methodArn: string) => Promise<APIGatewayAuthorizerResult>;

export interface AuthorizerDependencies {
    /** Defaults to a verifier with a remote JWKS cached for the life of the function instance. */
    verify?: TokenVerifier;
    log?: Log;
}

export function createAuthorizer(settings: AuthorizerSettings, deps: AuthorizerDependencies = {}): Authorize {
    const verify = deps.verify ?? createTokenVerifier(settings);
    const log = deps.log ?? jsonLog;
    const grants = compileGrants(settings.routes);

    return async (token, methodArn) => {
        try {
            const call = parseMethodArn(methodArn);
            if (!call) {
                throw new TokenRejected("bad_method_arn");
            }
            if (!token) {
                throw new TokenRejected("missing_token");
            }
            const claims = await verify(token);
            const principalId = claims.sub as string;
            const scopes = scopesOf(claims);
            const groups = groupsOf(claims, settings.groupsClaim);
            const context = { principalId, scopes: scopes.join(" "), groups: groups.join(" ") };
            const { allow, deny } = callerResources(grants, scopes, groups);
            if (allow.length === 0) {
                log("info", "caller has no grants", { principalId });
                return denyPolicy(principalId, call, context);
            }
            return allowPolicy(principalId, allow.map((r) => executeApiArn(call, r)), context, deny.map((r) => executeApiArn(call, r)));
        } catch (err) {
            const reason = err instanceof TokenRejected ? err.reason : "verification_failed";
            log("warn", "request not authorized", { reason, detail: err instanceof Error ? err.message : undefined });
            throw new Error(UNAUTHORIZED);
        }
    };
}
