// The pure builder: typed API config in, one OpenAPI 3.0 document with API Gateway's
// extensions out. No Pulumi here; values that only exist at deploy time are tokens the
// component substitutes. Every problem found is reported at once, with its key path.

import type { HttpMethod } from "@gatevault/aws-model/apigateway/methods";
import { operationKey } from "@gatevault/aws-model/apigateway/paths";
import type { ApiConfig, ThrottleConfig } from "../../config/api";
import type { ConfigProblem } from "../../config/errors";
import type { KeyPath } from "../../config/problems";
import { apiKeyScheme, API_KEY_SCHEME, LambdaAuthorizerTarget, securitySchemes } from "./authorizers";
import { loadUserDocument } from "./byo";
import { BuildContext, createContext } from "./context";
import { preflightOperation, requestHeadersOf } from "./cors";
import type { MappingTemplate, ReadProjectFile } from "./files";
import { gatewayResponses } from "./gateway-responses";
import { endpointFields } from "./endpoint";
import { checkAuthorizerCount, checkDocumentSize, checkResourceCount, checkVariableSiblings } from "./limits";
import { buildModels, ignoredKeywordWarnings } from "./models";
import { overridesStageCaching } from "./cache-keys";
import { buildOperation, pathParameters } from "./operation";
import { operationsFromRoutes, PlannedOperation } from "./operations";
import type { AvailableTargets, Reference } from "./references";
import { REQUEST_VALIDATORS } from "./validation";

export type { AvailableTargets, Reference } from "./references";
export type { MappingTemplate, ReadProjectFile } from "./files";
export { substituteReferences, lambdaInvokeUri } from "./references";
export { executeApiPattern, methodSettingsPath, usagePlanThrottlePath } from "@gatevault/aws-model/apigateway/paths";
export { API_LIMITS } from "./limits";

export interface ApiDocumentInputs {
    api: ApiConfig;
    /** Key path of the API in the stack file, e.g. ["apis", 0]. */
    at: KeyPath;
    /** The stack's region (AWS service integrations default to it). */
    region: string;
    /** Names of functions, user pools, VPC links and endpoints the program supplies. */
    available?: Partial<AvailableTargets>;
    readFile: ReadProjectFile;
}

export interface OperationSummary {
    method: HttpMethod;
    path: string;
    key: string;
}

export interface ApiDocument {
    document: Record<string, unknown>;
    /** The document as sent, with reference tokens still in it. */
    text: string;
    references: Reference[];
    operations: OperationSummary[];
    /** Lambda routes, each needing an invoke permission scoped to its method. */
    lambdaRoutes: (OperationSummary & { function: string })[];
    /** Lambda authorizers invoked through a resource policy (not a role). */
    lambdaAuthorizers: LambdaAuthorizerTarget[];
    /**
     * Methods that need their own stage method settings: a throttle of their own, or a cache
     * setting other than the stage's default (GET cached, the rest not).
     */
    methodOverrides: (OperationSummary & { throttle?: ThrottleConfig; cachingEnabled: boolean })[];
    /** Every mapping template, exactly as sent. */
    templates: MappingTemplate[];
    /** What deploys but does not behave as the config reads, with its key path (the program logs each). */
    warnings: ConfigProblem[];
    resourceCount: number;
}

const METHOD_ORDER: HttpMethod[] = ["ANY", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Sorted, so that reordering routes in config changes nothing that is deployed. */
function sortOperations(operations: PlannedOperation[]): PlannedOperation[] {
    return [...operations].sort((a, b) =>
        a.path === b.path ? METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) : a.path < b.path ? -1 : 1,
    );
}

function buildPaths(ctx: BuildContext, operations: PlannedOperation[], userPaths: Record<string, any> | undefined) {
    const paths: Record<string, Record<string, unknown>> = {};
    const lambdaRoutes: ApiDocument["lambdaRoutes"] = [];
    const methodOverrides: ApiDocument["methodOverrides"] = [];
    for (const op of sortOperations(operations)) {
        const item = (paths[op.path] ??= userPaths?.[op.path] ? withoutOperations(userPaths[op.path]) : {});
        const built = buildOperation(ctx, op);
        item[operationKey(op.method)] = built.operation;
        if (built.lambdaFunction) {
            lambdaRoutes.push({ method: op.method, path: op.path, key: op.key, function: built.lambdaFunction });
        }
        // A method override replaces the stage's settings for that method, caching included.
        if (op.route?.throttle || overridesStageCaching(ctx, op.method, op.route)) {
            methodOverrides.push({ method: op.method, path: op.path, key: op.key, throttle: op.route?.throttle, cachingEnabled: built.cached });
        }
    }
    const cors = ctx.api.cors;
    if (cors) {
        for (const [path, item] of Object.entries(paths)) {
            if ("options" in item) {
                ctx.problems.add([...ctx.at, "cors"], `path ${path} already has an OPTIONS operation in ${ctx.api.openApi?.file}; remove it or the cors block`);
                continue;
            }
            const methods = operations.filter((o) => o.path === path).map((o) => o.method);
            // The path item's own parameters (from a brought document) apply to each of its operations.
            const parts = [...Object.values(item).filter((v) => typeof v === "object" && v !== null && !Array.isArray(v)), { parameters: item.parameters }];
            const requestHeaders = requestHeadersOf(ctx.api, parts as Record<string, any>[]);
            const preflight = preflightOperation(cors, methods, pathParameters(path), requestHeaders);
            item.options = preflight;
            recordPreflightTemplates(ctx, path, preflight);
        }
    }
    return { paths, lambdaRoutes, methodOverrides };
}

function withoutOperations(item: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(item).filter(([k]) => !/^(get|put|post|delete|options|head|patch|trace|x-amazon-apigateway-any-method)$/.test(k)));
}

function recordPreflightTemplates(ctx: BuildContext, path: string, preflight: Record<string, any>): void {
    const integration = preflight["x-amazon-apigateway-integration"];
    const route = `OPTIONS ${path}`;
    for (const [contentType, text] of Object.entries<string>(integration.requestTemplates)) {
        ctx.templates.push({ route, direction: "request", contentType, text });
    }
    for (const [contentType, text] of Object.entries<string>(integration.responses.default.responseTemplates ?? {})) {
        ctx.templates.push({ route, direction: "response", contentType, statusCode: "200", text });
    }
}

/** The document's own security schemes API Gateway cannot enforce (OAuth2, OpenID, HTTP) are dropped with its requirements. */
function userSecuritySchemes(user: Record<string, any> | undefined): Record<string, unknown> {
    const schemes = user?.components?.securitySchemes ?? {};
    return Object.fromEntries(Object.entries<any>(schemes).filter(([, s]) => s?.type === "apiKey" && "x-amazon-apigateway-authtype" in s));
}

function checkPlanThrottleKeys(ctx: BuildContext, operations: PlannedOperation[]): void {
    if (!ctx.api.openApi) {
        return; // The schema checks them against routes.
    }
    const keys = new Set(operations.map((o) => o.key));
    for (const [tier, plan] of Object.entries(ctx.api.usagePlans)) {
        for (const key of Object.keys(plan.methodThrottles ?? {})) {
            if (!keys.has(key)) {
                ctx.problems.add([...ctx.at, "usagePlans", tier, "methodThrottles", key], `names no operation of ${ctx.api.openApi.file}`);
            }
        }
    }
}

export function buildApiDocument(inputs: ApiDocumentInputs): ApiDocument {
    const ctx = createContext({
        api: inputs.api,
        at: inputs.at,
        region: inputs.region,
        readFile: inputs.readFile,
        available: { functions: [], userPools: [], vpcLinks: [], vpcEndpoints: [], ...inputs.available },
    });
    const api = ctx.api;
    const user = api.openApi ? loadUserDocument(ctx) : undefined;
    const operations = api.openApi ? (user?.operations ?? []) : operationsFromRoutes(ctx);

    const routed = operations.map((o) => ({ path: o.path, key: o.key, at: o.route ? [...o.at, "path"] : o.at }));
    checkVariableSiblings(ctx, routed);
    const resourceCount = checkResourceCount(ctx, routed);
    checkPlanThrottleKeys(ctx, operations);

    const { schemas: models, ignored } = buildModels(ctx);
    const { schemes, lambdaTargets } = securitySchemes(ctx);
    const { paths, lambdaRoutes, methodOverrides } = buildPaths(ctx, operations, user?.document.paths as Record<string, any> | undefined);

    const allSchemes: Record<string, unknown> = { ...userSecuritySchemes(user?.document), ...schemes };
    const usesApiKeys = Object.values(paths).some((item) =>
        Object.values(item).some((op) => (op as { security?: Record<string, unknown>[] }).security?.some((r) => API_KEY_SCHEME in r)),
    );
    if (usesApiKeys) {
        allSchemes[API_KEY_SCHEME] = apiKeyScheme;
    }
    checkAuthorizerCount(ctx, allSchemes);

    const userComponents = (user?.document.components ?? {}) as Record<string, any>;
    const schemas = { ...(userComponents.schemas ?? {}), ...models };
    const components: Record<string, unknown> = { ...userComponents };
    delete components.securitySchemes;
    if (Object.keys(schemas).length > 0) components.schemas = schemas;
    if (Object.keys(allSchemes).length > 0) components.securitySchemes = allSchemes;

    const base: Record<string, unknown> = user ? { ...user.document } : {};
    delete base.security;
    const document: Record<string, unknown> = {
        ...base,
        openapi: user ? base.openapi : "3.0.1",
        // The description is set on the RestApi, not here: changing it needs no new deployment.
        info: user ? base.info : { title: api.name, version: api.version },
        paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        ...(Object.keys(components).length > 0 ? { components } : {}),
        "x-amazon-apigateway-api-key-source": api.apiKeySource,
        "x-amazon-apigateway-request-validators": REQUEST_VALIDATORS,
        "x-amazon-apigateway-gateway-responses": gatewayResponses(api.cors),
        ...(api.binaryMediaTypes.length > 0 ? { "x-amazon-apigateway-binary-media-types": api.binaryMediaTypes } : {}),
        ...(api.minimumCompressionSize !== undefined ? { "x-amazon-apigateway-minimum-compression-size": api.minimumCompressionSize } : {}),
        ...endpointFields(ctx, base.servers),
    };

    const text = JSON.stringify(document);
    const references = ctx.refs.list();
    checkDocumentSize(ctx, text, references.length, api.openApi ? [...ctx.at, "openApi", "file"] : [...ctx.at, "routes"]);
    ctx.problems.throwIfAny();

    const summaries = sortOperations(operations).map((o) => ({ method: o.method, path: o.path, key: o.key }));
    return {
        document,
        text,
        references,
        operations: summaries,
        lambdaRoutes,
        lambdaAuthorizers: lambdaTargets,
        methodOverrides,
        templates: ctx.templates,
        warnings: ignoredKeywordWarnings(ctx, ignored),
        resourceCount,
    };
}
