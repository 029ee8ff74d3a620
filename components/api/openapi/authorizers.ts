// Authorizers as OpenAPI security schemes with API Gateway's extensions (each defined once,
// however many routes use it), and the security requirement of each method.

import type { RouteConfig } from "../../config/api";
import { DEFAULT_AUTHORIZER_TTL_SECONDS, DEFAULT_IDENTITY_SOURCE } from "../../config/api/authorizers";
import { NO_AUTHORIZER } from "../../config/api/route";
import type { BuildContext } from "./context";

/** API Gateway's API-key requirement, spelled as it expects. */
export const API_KEY_SCHEME = "api_key";

export interface LambdaAuthorizerTarget {
    authorizer: string;
    /** Function ARN or supplied name; needs an invoke permission unless the authorizer assumes a role. */
    function: string;
}

function headerName(identitySource: string): string | undefined {
    const match = /^method\.request\.header\.(.+)$/.exec(identitySource);
    return match?.[1];
}

export function securitySchemes(ctx: BuildContext): { schemes: Record<string, unknown>; lambdaTargets: LambdaAuthorizerTarget[] } {
    const schemes: Record<string, unknown> = {};
    const lambdaTargets: LambdaAuthorizerTarget[] = [];
    for (const [name, a] of Object.entries(ctx.api.authorizers)) {
        const at = [...ctx.at, "authorizers", name];
        const sources = a.identitySources ?? [DEFAULT_IDENTITY_SOURCE];
        const header = headerName(sources[0]);
        const base = { type: "apiKey", name: header ?? "Unused", in: "header" };
        if (a.type === "COGNITO_USER_POOLS") {
            const providerARNs = a.userPoolArns!.map((ref, i) => ctx.refs.userPoolArn(ref, [...at, "userPoolArns", i], `authorizer ${name}`));
            schemes[name] = {
                ...base,
                "x-amazon-apigateway-authtype": "cognito_user_pools",
                "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs, identitySource: sources[0] },
            };
            continue;
        }
        const authorizer: Record<string, unknown> = {
            type: a.type.toLowerCase(),
            authorizerUri: ctx.refs.lambdaInvokeUri(a.function!, [...at, "function"], `authorizer ${name}`),
            identitySource: sources.join(", "),
            authorizerResultTtlInSeconds: a.resultTtlSeconds ?? DEFAULT_AUTHORIZER_TTL_SECONDS,
        };
        if (a.identityValidationExpression) authorizer.identityValidationExpression = a.identityValidationExpression;
        if (a.credentialsRoleArn) {
            authorizer.authorizerCredentials = a.credentialsRoleArn;
        } else {
            lambdaTargets.push({ authorizer: name, function: a.function! });
        }
        schemes[name] = { ...base, "x-amazon-apigateway-authtype": "custom", "x-amazon-apigateway-authorizer": authorizer };
    }
    return { schemes, lambdaTargets };
}

export const apiKeyScheme = { type: "apiKey", name: "x-api-key", in: "header" };

/** The security requirement of one method: its authorizer (with scopes) and/or the API key, or none. */
export function methodSecurity(ctx: BuildContext, route: RouteConfig | undefined): Record<string, string[]>[] | undefined {
    const authorizer = route?.authorizer ?? ctx.api.defaultAuthorizer;
    const apiKey = route?.apiKeyRequired ?? ctx.api.requireApiKey;
    const requirement: Record<string, string[]> = {};
    if (authorizer !== undefined && authorizer !== NO_AUTHORIZER) {
        requirement[authorizer] = route?.scopes ?? [];
    }
    if (apiKey) {
        requirement[API_KEY_SCHEME] = [];
    }
    return Object.keys(requirement).length > 0 ? [requirement] : undefined;
}
