// One API on one stage, answering requests the way API Gateway does: route → authorize →
// throttle → validate → integrate (through the stage cache) → respond. The order follows
// API Gateway's: authorizers run before request validation (a request with a bad body and a bad
// token answers 401, not 400), usage-plan limits need the API key, and the cache sits in front of
// the integration only. Payloads above 10 MB answer 413 REQUEST_TOO_LARGE before anything else
// ("Payload size 10 MB", https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
// CORS is the document's, as API Gateway serves it (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html):
// preflights are the OPTIONS methods' MOCK integrations, CORS headers come from integration
// response and gateway response parameters (or from a proxy backend), and nothing is added here.
// A path outside the stage answers 403 {"message":"Forbidden"}, as API Gateway does for a
// stage that does not exist.
// Deliberately not modelled: WAF and resource policies (evaluated before routing in AWS), IAM
// authorization, canary settings, client certificates.

import type { JWTVerifyGetKey } from "jose";
import type { FunctionInvoker } from "../lambda/invoke";
import { accessLogLine } from "./access-log";
import { Authorizers } from "./authorize";
import { cacheKey, cachePolicy, methodSettingsKey, StageCache, wantsRefresh } from "./cache";
import { createContext, resourceIdOf, type RequestContext } from "./context";
import { type ApiModel, readApiModel } from "./document";
import { type AwsFixtures, type Backends, integrate } from "./integrate";
import { methodRequest, type MethodRequest } from "./request";
import { gatewayResponse } from "./respond";
import { compileRoutes, matchRoute, type RouteTable } from "./route";
import { Throttles } from "./throttle";
import { type ApiDefinition, GatewayFailure, type HttpRequest, type HttpResponse } from "./types";
import { ModelValidators, validateRequest } from "./validate";

export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
    invoker: FunctionInvoker;
    /** `--backend` overrides: integration URI host → local base URL. */
    backends?: Backends;
    awsFixtures?: AwsFixtures;
    /** The key set local Cognito tokens are signed with. */
    cognitoKeys?: JWTVerifyGetKey;
    now?: () => number;
    /** Where access log lines go (the stage's format); none without it. */
    accessLog?: (line: string) => void;
    warn?: (message: string) => void;
}

export class LocalGateway {
    readonly model: ApiModel;
    private readonly routes: RouteTable;
    private readonly validators: ModelValidators;
    private readonly authorizers: Authorizers;
    private readonly throttles: Throttles;
    private readonly cache = new StageCache();
    private readonly now: () => number;

    constructor(readonly api: ApiDefinition, private readonly options: GatewayOptions) {
        this.model = readApiModel(api.document);
        this.routes = compileRoutes(this.model.operations);
        this.validators = new ModelValidators(this.model.models);
        this.now = options.now ?? Date.now;
        this.authorizers = new Authorizers(api, this.model.securitySchemes, { invoker: options.invoker, cognitoKeys: options.cognitoKeys, now: this.now });
        this.throttles = new Throttles(api.stage.methodSettings);
    }

    async handle(http: HttpRequest): Promise<HttpResponse> {
        const started = this.now();
        const context = createContext(this.api, http, started);
        const prefix = `/${this.api.stage.name}`;
        let response: HttpResponse;
        if (http.path !== prefix && !http.path.startsWith(`${prefix}/`)) {
            response = { statusCode: 403, headers: [["Content-Type", "application/json"], ["x-amzn-ErrorType", "ForbiddenException"]], body: Buffer.from('{"message":"Forbidden"}') };
        } else {
            const request = methodRequest(http, http.path.slice(prefix.length) || "/", {});
            const answer = await this.answer(request, context);
            response = answer instanceof GatewayFailure ? gatewayResponse(answer, this.model, context, request, this.api.stage.variables) : answer;
        }
        response.headers.push(["x-amzn-RequestId", context.requestId]);
        context.status = response.statusCode;
        context.responseLength = response.body.length;
        context.responseLatency = this.now() - started;
        if (this.api.stage.accessLogFormat && this.options.accessLog) {
            this.options.accessLog(accessLogLine(this.api.stage.accessLogFormat, context));
        }
        return response;
    }

    private async answer(request: MethodRequest, context: RequestContext): Promise<HttpResponse | GatewayFailure> {
        if (request.http.body.length > MAX_PAYLOAD_BYTES) return new GatewayFailure("REQUEST_TOO_LARGE", "Request Too Long");

        const matched = matchRoute(this.routes, request.method, request.path);
        if (matched instanceof GatewayFailure) return matched;
        const { operation } = matched;
        request.pathParameters = matched.pathParameters;
        context.resourcePath = operation.resourcePath;
        context.resourceId = resourceIdOf(operation.resourcePath);

        const identity = await this.authorizers.authorize(operation, request, context);
        if (identity instanceof GatewayFailure) return identity;

        const throttled = this.throttles.admit(
            { methodSettingsPath: methodSettingsKey(request.method, operation.resourcePath), usagePlanPath: `${operation.resourcePath}/${request.method}`, key: identity.key },
            this.now(),
        );
        if (throttled) return throttled;

        const invalid = validateRequest(operation, request, this.validators);
        if (invalid) return invalid;

        if (!operation.integration) return new GatewayFailure("API_CONFIGURATION_ERROR", "Internal server error");
        const policy = cachePolicy(this.api.stage, request.method, operation.resourcePath);
        const key = policy ? cacheKey(operation, request) : "";
        if (policy) {
            const cached = this.cache.lookup(key, policy, wantsRefresh(request), this.now());
            if (cached) return cached instanceof GatewayFailure ? cached : { ...cached, headers: [...cached.headers] };
        }
        const response = await integrate(
            { api: this.api, operation, integration: operation.integration, request, context, binaryMediaTypes: this.model.binaryMediaTypes },
            {
                invoker: this.options.invoker,
                backends: this.options.backends ?? {},
                awsFixtures: this.options.awsFixtures ?? {},
                warn: this.options.warn ?? (() => undefined),
                now: this.now,
            },
        );
        if (policy && !(response instanceof GatewayFailure)) this.cache.store(key, policy, { ...response, headers: [...response.headers] }, this.now());
        return response;
    }
}
