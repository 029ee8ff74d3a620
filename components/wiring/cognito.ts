// Routes that ask a Cognito authorizer on gatevault's own user pool for scopes: a scope of
// the pool's resource server that the server does not define can never be in a token, so
// the route would refuse every caller. Other scopes (openid, another server's) are not ours
// to judge.

import type { GatevaultConfig } from "../config";
import { NO_AUTHORIZER } from "../config/api/route";
import type { Problems } from "../config/problems";
import type { SuppliedNames } from "./supplied";

export function cognitoScopeProblems(config: GatevaultConfig, supplied: SuppliedNames, problems: Problems): void {
    config.apis.forEach((api, i) => {
        api.routes.forEach((route, j) => {
            const name = route.authorizer ?? api.defaultAuthorizer;
            const authorizer = name === undefined || name === NO_AUTHORIZER ? undefined : api.authorizers[name];
            const pools = authorizer?.type === "COGNITO_USER_POOLS" ? (authorizer.userPoolArns ?? []) : [];
            // With another pool beside ours, a scope may be that pool's.
            if (!route.scopes || pools.length === 0 || !pools.every((p) => supplied.userPools.has(p))) return;
            const { identifier, scopes } = supplied.userPools.get(pools[0])!.resourceServer;
            const defined = Object.keys(scopes).map((s) => `${identifier}/${s}`);
            route.scopes.forEach((scope, k) => {
                if (scope.startsWith(`${identifier}/`) && !defined.includes(scope)) {
                    problems.add(
                        ["apis", i, "routes", j, "scopes", k],
                        `names no scope of gatevault:cognito.resourceServer (route ${route.method} ${route.path}; scopes: ${defined.join(", ")}) (got "${scope}")`,
                    );
                }
            });
        });
    });
}
