// Authorize: the method's authorizer, then its API key.
// Lambda authorizers (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html):
// a TOKEN authorizer gets the identity-source header as `authorizationToken`; a missing or
// empty value, or one that fails `identityValidationExpression`, answers 401 without calling
// the function. A REQUEST authorizer gets the request; with caching on, missing identity
// sources answer 401 without a call. The result is cached for `authorizerResultTtlInSeconds`
// (default 300, 0 turns it off) keyed by the identity sources, and the cached policy is
// evaluated against each later method ARN. The function failing with "Unauthorized" answers
// 401 UNAUTHORIZED; an explicit Deny 403 "...with an explicit deny"; no Allow 403; any other
// failure or a malformed result 500 AUTHORIZER_CONFIGURATION_ERROR (api-gateway-lambda-authorizer-output.html).
// Cognito user pool authorizers (apigateway-integrate-with-cognito.html): the token from the
// identity source must be signed by a key of one of the pools, issued by it and unexpired;
// without scopes on the method it is taken as an ID token, with scopes as an access token that
// must carry one of them. Claims become $context.authorizer.claims.
// API keys (api-gateway-api-key-source.html, api-gateway-api-usage-plans.html): from the
// x-api-key header (source HEADER) or the authorizer's usageIdentifierKey (AUTHORIZER); a
// method that requires one answers 403 INVALID_API_KEY ("Forbidden") unless the key exists, is
// enabled and belongs to a usage plan of this stage.
// Deliberately not modelled: IAM (SigV4) authorization, Cognito keys fetched from AWS (a local
// key set stands in for every pool), the ID token's audience check against the pool's app
// clients, authorizer invocation roles.

import { jwtVerify, type JWTVerifyGetKey } from "jose";
import { functionArnOfUri, type FunctionInvoker } from "../lambda/invoke";
import type { RequestContext } from "./context";
import type { Operation } from "./document";
import { evaluatePolicy, isPolicyDocument } from "./iam-policy";
import { header, requestParameter, type MethodRequest } from "./request";
import { type ApiDefinition, type ApiKeyDefinition, GatewayFailure, type UsagePlanDefinition } from "./types";

/** What the authorizer established about the caller. */
export interface CallerIdentity {
    /** `$context.authorizer` (and the proxy event's requestContext.authorizer). */
    authorizer: Record<string, unknown>;
    usageIdentifierKey?: string;
    key?: { key: ApiKeyDefinition; plan: UsagePlanDefinition };
}

export interface AuthorizeDependencies {
    invoker: FunctionInvoker;
    /** Key set Cognito user pool tokens are checked against. */
    cognitoKeys?: JWTVerifyGetKey;
    now: () => number;
}

const API_KEY_HEADER = "x-api-key";
const AUTHORIZER_TIMEOUT_MS = 29_000;

const unauthorized = () => new GatewayFailure("UNAUTHORIZED", "Unauthorized");
const configurationError = () => new GatewayFailure("AUTHORIZER_CONFIGURATION_ERROR", null);

export function isApiKeyScheme(scheme: Record<string, any> | undefined): boolean {
    return scheme?.type === "apiKey" && scheme.in === "header" && String(scheme.name).toLowerCase() === API_KEY_HEADER && !("x-amazon-apigateway-authtype" in scheme);
}

/** `https://cognito-idp.<region>.amazonaws.com/<poolId>` for a pool ARN. */
export function userPoolIssuer(poolArn: string): string | undefined {
    const m = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/(.+)$/.exec(poolArn);
    return m ? `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}` : undefined;
}

export function methodArn(api: ApiDefinition, method: string, path: string): string {
    return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage.name}/${method}${path.startsWith("/") ? path : `/${path}`}`;
}

interface CachedResult {
    expiresAt: number;
    output: Record<string, any>;
}

export class Authorizers {
    private readonly cache = new Map<string, CachedResult>();

    constructor(
        private readonly api: ApiDefinition,
        private readonly schemes: Record<string, any>,
        private readonly deps: AuthorizeDependencies,
    ) {}

    async authorize(operation: Operation, request: MethodRequest, context: RequestContext): Promise<CallerIdentity | GatewayFailure> {
        // API Gateway takes one requirement per method (the first); its schemes all apply.
        const requirement = operation.security[0] ?? {};
        const identity: CallerIdentity = { authorizer: {} };
        let needsKey = false;
        for (const [name, scopes] of Object.entries(requirement)) {
            const scheme = this.schemes[name];
            if (isApiKeyScheme(scheme)) {
                needsKey = true;
                continue;
            }
            const authorizer = scheme?.["x-amazon-apigateway-authorizer"];
            if (!authorizer) return configurationError();
            const result =
                authorizer.type === "cognito_user_pools"
                    ? await this.cognito(authorizer, scopes, request)
                    : await this.lambda(name, authorizer, operation, request, context);
            if (result instanceof GatewayFailure) return result;
            Object.assign(identity, result);
        }
        context.authorizer = identity.authorizer;
        if (needsKey) {
            const key = this.apiKey(request, identity);
            if (key instanceof GatewayFailure) return key;
            identity.key = key;
            context.identity.apiKey = key.key.value;
            context.identity.apiKeyId = key.key.id;
        }
        return identity;
    }

    private apiKey(request: MethodRequest, identity: CallerIdentity): { key: ApiKeyDefinition; plan: UsagePlanDefinition } | GatewayFailure {
        const source = this.api.document["x-amazon-apigateway-api-key-source"] === "AUTHORIZER" ? identity.usageIdentifierKey : header(request, API_KEY_HEADER);
        const key = source === undefined ? undefined : this.api.apiKeys.find((k) => k.value === source);
        const plan = key?.enabled ? this.api.usagePlans.find((p) => key.usagePlans.includes(p.name)) : undefined;
        if (!key || !plan) return new GatewayFailure("INVALID_API_KEY", "Forbidden");
        return { key, plan };
    }

    private identitySources(authorizer: Record<string, any>): string[] {
        return String(authorizer.identitySource ?? "method.request.header.Authorization")
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== "");
    }

    private async lambda(name: string, authorizer: Record<string, any>, operation: Operation, request: MethodRequest, context: RequestContext) {
        const type = String(authorizer.type ?? "token").toLowerCase();
        const ttl = Number(authorizer.authorizerResultTtlInSeconds ?? 300);
        const sources = this.identitySources(authorizer).map((s) => requestParameter(request, s) ?? (s.startsWith("stageVariables.") ? this.api.stage.variables[s.slice(15)] : undefined));
        const arn = methodArn(this.api, request.method, request.path);
        if (type === "token") {
            const token = sources[0];
            if (!token) return unauthorized();
            if (authorizer.identityValidationExpression && !new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(token)) return unauthorized();
        } else if (ttl > 0 && sources.some((s) => s === undefined || s === "")) {
            return unauthorized();
        }
        const cacheKey = `${name}\u0000${sources.join("\u0000")}`;
        const now = this.deps.now();
        let output = ttl > 0 ? this.cache.get(cacheKey) : undefined;
        if (!output || output.expiresAt <= now) {
            const called = await this.call(authorizer, type, sources[0], arn, operation, request, context);
            if (called instanceof GatewayFailure) return called;
            output = { expiresAt: now + ttl * 1000, output: called };
            if (ttl > 0) this.cache.set(cacheKey, output);
        }
        const decision = evaluatePolicy(output.output.policyDocument, arn);
        if (decision === "Deny") return new GatewayFailure("ACCESS_DENIED", "User is not authorized to access this resource with an explicit deny");
        if (decision === "ImplicitDeny") return new GatewayFailure("ACCESS_DENIED", "User is not authorized to access this resource");
        const { principalId, context: values, usageIdentifierKey } = output.output;
        return { authorizer: { principalId, ...(values ?? {}) }, usageIdentifierKey };
    }

    private async call(authorizer: Record<string, any>, type: string, token: string | undefined, arn: string, operation: Operation, request: MethodRequest, context: RequestContext) {
        const functionArn = functionArnOfUri(String(authorizer.authorizerUri ?? ""));
        if (!functionArn) return configurationError();
        const event =
            type === "token"
                ? { type: "TOKEN", authorizationToken: token, methodArn: arn }
                : {
                      type: "REQUEST",
                      methodArn: arn,
                      resource: operation.resourcePath,
                      path: request.path,
                      httpMethod: request.method,
                      headers: request.headers,
                      multiValueHeaders: request.multiValueHeaders,
                      queryStringParameters: request.query,
                      multiValueQueryStringParameters: request.multiValueQuery,
                      pathParameters: request.pathParameters,
                      stageVariables: this.api.stage.variables,
                      requestContext: { ...context, authorizer: undefined, error: undefined, responseOverride: undefined, requestOverride: undefined },
                  };
        const result = await this.deps.invoker.invoke(functionArn, event, AUTHORIZER_TIMEOUT_MS);
        if (result.kind === "error" && result.errorMessage === "Unauthorized") return unauthorized();
        if (result.kind !== "ok") return configurationError();
        const output = result.payload as Record<string, any> | null;
        if (!output || typeof output !== "object" || typeof output.principalId !== "string" || !isPolicyDocument(output.policyDocument)) {
            return configurationError();
        }
        return output;
    }

    private async cognito(authorizer: Record<string, any>, scopes: string[], request: MethodRequest): Promise<Partial<CallerIdentity> | GatewayFailure> {
        const source = this.identitySources(authorizer)[0];
        const raw = requestParameter(request, source);
        const token = raw?.replace(/^Bearer\s+/i, "");
        const issuers = (authorizer.providerARNs ?? []).map(userPoolIssuer).filter((i: string | undefined): i is string => i !== undefined);
        if (!token || !this.deps.cognitoKeys || issuers.length === 0) return unauthorized();
        try {
            const { payload } = await jwtVerify(token, this.deps.cognitoKeys, { issuer: issuers, requiredClaims: ["exp", "token_use"] });
            const granted = String(payload.scope ?? "").split(" ");
            const ok = scopes.length > 0 ? payload.token_use === "access" && scopes.some((s) => granted.includes(s)) : payload.token_use === "id";
            if (!ok) return unauthorized();
            const claims = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
            return { authorizer: { claims } };
        } catch {
            return unauthorized();
        }
    }
}
