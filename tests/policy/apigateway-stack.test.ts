// API Gateway rules that judge a stage with the resources around it (method settings, usage
// plans, web ACL associations, resource policies), linked as the engine links them.

import * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { expect } from "chai";
import { cacheEncryption } from "../../policy/apigateway/cache-encryption";
import { cacheKeys } from "../../policy/apigateway/cache-keys";
import { executionLogging } from "../../policy/apigateway/execution-logging";
import { privateApiVpce } from "../../policy/apigateway/private-vpce";
import { stageProtection } from "../../policy/apigateway/stage-protection";
import { stageThrottling } from "../../policy/apigateway/stage-throttling";
import { wafOnPublicStages } from "../../policy/apigateway/waf";
import { openApiDocument, policyDocument, restApiProps, stageProps, wildcardSettingsProps } from "./builders";
import { checkStack, dependsOn, stackResource, unknown } from "./harness";

const STAGE_ARN = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/v1";

/** A RestApi, its stage and the stage-wide method settings (`*\/*`), linked through dependencies. */
function apiWithStage(opts: { doc?: Record<string, any>; api?: Record<string, unknown>; settings?: (s: Record<string, any>) => void; stage?: (s: Record<string, any>) => void } = {}) {
    const api = stackResource(aws.apigateway.RestApi, "orders", { ...restApiProps(opts.doc), ...opts.api });
    const stageInputs = { ...stageProps(), arn: STAGE_ARN };
    opts.stage?.(stageInputs);
    const stage = dependsOn(stackResource(aws.apigateway.Stage, "orders-stage", stageInputs), "restApi", api);
    const settingsInputs = wildcardSettingsProps();
    opts.settings?.(settingsInputs);
    const settings = dependsOn(dependsOn(stackResource(aws.apigateway.MethodSettings, "orders-all", settingsInputs), "stageName", stage), "restApi", api);
    return { api, stage, settings, all: [api, stage, settings] as PolicyResource[] };
}

describe("policy: API Gateway stack rules", () => {
    describe("apigateway-stage-throttling", () => {
        it("passes a stage whose */* settings throttle within bounds", async () => {
            expect((await checkStack(stageThrottling, apiWithStage().all)).violations).to.deep.equal([]);
        });

        it("fails a stage with no */* settings, pointing at the stage", async () => {
            const { api, stage } = apiWithStage();
            const r = await checkStack(stageThrottling, [api, stage]);
            expect(r.violations).to.deep.equal(['stage "v1" (orders-stage) has no */* method settings, so its methods are throttled only by the account limits.']);
            expect(r.urns).to.deep.equal([stage.urn]);
        });

        it("fails unset (-1) and out-of-bounds limits, on */* and per-method settings", async () => {
            const { all, api } = apiWithStage({ settings: (s) => (s.settings.throttlingRateLimit = -1) });
            const perMethod = dependsOn(
                stackResource(aws.apigateway.MethodSettings, "orders-get", { restApi: "a1b2c3d4e5", stageName: "v1", methodPath: "orders/GET", settings: { throttlingBurstLimit: 9000 } }),
                "restApi",
                api,
            );
            const r = await checkStack(stageThrottling, [...all, perMethod], { maxBurstLimit: 1000 });
            expect(r.violations).to.deep.equal([
                'stage "v1" (orders-stage): */* rate limit must be set above 0 (got -1).',
                "Method settings orders/GET: burst limit must be <= 1000 (got 9000).",
            ]);
        });

        it("links settings to a stage by name and API when there is no dependency", async () => {
            const api = stackResource(aws.apigateway.RestApi, "orders", restApiProps());
            const stage = stackResource(aws.apigateway.Stage, "s", stageProps());
            const settings = stackResource(aws.apigateway.MethodSettings, "m", wildcardSettingsProps());
            expect((await checkStack(stageThrottling, [api, stage, settings])).violations).to.deep.equal([]);
            const other = stackResource(aws.apigateway.MethodSettings, "m", { ...wildcardSettingsProps(), restApi: "zzzz" });
            expect((await checkStack(stageThrottling, [api, stage, other])).violations).to.have.length(1);
        });

        it("cannot judge when the only candidate settings have an unknown stage name", async () => {
            const api = stackResource(aws.apigateway.RestApi, "orders", restApiProps());
            const stage = stackResource(aws.apigateway.Stage, "s", stageProps());
            const settings = stackResource(aws.apigateway.MethodSettings, "m", { ...wildcardSettingsProps(), stageName: unknown.string });
            const r = await checkStack(stageThrottling, [api, stage, settings]);
            expect(r.violations).to.deep.equal([]);
            expect(r.cannotJudge).to.match(/stageName/);
        });

        it("still judges a linked stage when its settings values are unknown only elsewhere", async () => {
            const { all } = apiWithStage({ settings: (s) => (s.restApi = unknown.string) });
            expect((await checkStack(stageThrottling, all)).violations).to.deep.equal([]);
        });
    });

    describe("apigateway-execution-logging", () => {
        it("passes ERROR or INFO and fails OFF or missing settings", async () => {
            expect((await checkStack(executionLogging, apiWithStage().all)).violations).to.deep.equal([]);
            const off = await checkStack(executionLogging, apiWithStage({ settings: (s) => (s.settings.loggingLevel = "OFF") }).all);
            expect(off.violations).to.deep.equal(['stage "v1" (orders-stage): */* loggingLevel is OFF; expected ERROR or INFO.']);
            const { api, stage } = apiWithStage();
            expect((await checkStack(executionLogging, [api, stage])).violations[0]).to.contain("execution logging is off");
        });

        it("takes the accepted levels from config", async () => {
            const r = await checkStack(executionLogging, apiWithStage().all, { allowedLevels: ["INFO"] });
            expect(r.violations[0]).to.contain("loggingLevel is ERROR; expected INFO");
        });
    });

    describe("apigateway-cache-encrypted", () => {
        it("passes encrypted caching and fails caching without encryption", async () => {
            const encrypted = apiWithStage({ settings: (s) => Object.assign(s.settings, { cachingEnabled: true, cacheDataEncrypted: true }) });
            expect((await checkStack(cacheEncryption, encrypted.all)).violations).to.deep.equal([]);
            const plain = apiWithStage({ settings: (s) => (s.settings.cachingEnabled = true) });
            expect((await checkStack(cacheEncryption, plain.all)).violations).to.deep.equal(["Method settings */* enable caching without cacheDataEncrypted."]);
        });

        it("fails a stage with a cache cluster whose */* settings leave the cache unencrypted", async () => {
            const r = await checkStack(cacheEncryption, apiWithStage({ stage: (s) => (s.cacheClusterEnabled = true) }).all);
            expect(r.violations[0]).to.contain("has a cache cluster, but its */* method settings do not set cacheDataEncrypted");
        });
    });

    // "When you enable caching for a stage, only GET methods have caching enabled by default ... You can
    // enable caching for other methods by overriding method settings"; cached answers are found by the
    // integration's cacheKeyParameters (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html).
    describe("apigateway-cache-keys", () => {
        const AUTHORIZER = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "cognito_user_pools", "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: ["arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc"], identitySource: "method.request.header.Authorization" } };
        /** A cached stage whose API has GET and POST on /orders/{orderId}, behind a Cognito authorizer. */
        function cachedApi(keys: { get?: string[]; post?: string[] }, authorizer: Record<string, any> = AUTHORIZER) {
            const integration = (cacheKeyParameters?: string[]) => ({ type: "http_proxy", httpMethod: "GET", uri: "https://backend.example.com/orders/{orderId}", ...(cacheKeyParameters ? { cacheKeyParameters } : {}) });
            const doc = {
                openapi: "3.0.1",
                info: { title: "orders", version: "1" },
                components: { securitySchemes: { customers: authorizer } },
                paths: {
                    "/orders/{orderId}": {
                        get: { security: [{ customers: [] }], "x-amazon-apigateway-integration": integration(keys.get) },
                        post: { security: [{ customers: [] }], "x-amazon-apigateway-integration": integration(keys.post) },
                    },
                },
            };
            return apiWithStage({ doc, stage: (s) => Object.assign(s, { cacheClusterEnabled: true, cacheClusterSize: "0.5" }), settings: (s) => Object.assign(s.settings, { cachingEnabled: true, cacheDataEncrypted: true }) });
        }
        const keyed = ["method.request.path.orderId", "method.request.header.Authorization"];

        it("passes a cached GET keyed on its path parameter and the caller's token", async () => {
            expect((await checkStack(cacheKeys, cachedApi({ get: keyed }).all)).violations).to.deep.equal([]);
        });

        it("fails a cached GET whose keys leave out the path parameter or the caller: one caller's answer would reach another", async () => {
            const r = await checkStack(cacheKeys, cachedApi({ get: ["method.request.header.authorization"] }).all);
            expect(r.violations).to.deep.equal(['GET /orders/{orderId} is cached by stage "v1" (orders-stage) without method.request.path.orderId among its cache keys: one request\'s cached answer is served for another.']);
            const none = await checkStack(cacheKeys, cachedApi({}).all);
            expect(none.violations[0]).to.contain("without method.request.path.orderId, method.request.header.Authorization among its cache keys");
        });

        it("judges a POST only when its own method settings enable caching", async () => {
            expect((await checkStack(cacheKeys, cachedApi({ get: keyed }).all)).violations, "POST is not cached by default").to.deep.equal([]);
            const { all, api, stage } = cachedApi({ get: keyed });
            const override = dependsOn(
                dependsOn(stackResource(aws.apigateway.MethodSettings, "orders-post", { ...wildcardSettingsProps(), methodPath: "~1orders~1{orderId}/POST", settings: { cachingEnabled: true } }), "stageName", stage),
                "restApi",
                api,
            );
            const r = await checkStack(cacheKeys, [...all, override]);
            expect(r.violations).to.have.length(1);
            expect(r.violations[0]).to.match(/^POST \/orders\/\{orderId\} is cached/);
        });

        it("fails a cached method whose authorizer identifies callers by context only, which cannot key the cache", async () => {
            const contextOnly = { ...AUTHORIZER, "x-amazon-apigateway-authtype": "custom", "x-amazon-apigateway-authorizer": { type: "request", identitySource: "context.identity.sourceIp" } };
            const r = await checkStack(cacheKeys, cachedApi({ get: keyed }, contextOnly).all);
            expect(r.violations).to.deep.equal(['GET /orders/{orderId} is cached by stage "v1" (orders-stage), but its authorizer customers (context.identity.sourceIp) names no request parameter that could key the cache by caller.']);
        });

        it("ignores stages without a cache cluster", async () => {
            const r = await checkStack(cacheKeys, apiWithStage({ doc: cachedApi({}).api.props.body ? JSON.parse(cachedApi({}).api.props.body) : undefined }).all);
            expect(r.violations).to.deep.equal([]);
        });
    });

    describe("apigateway-waf", () => {
        function association(stage: PolicyResource, arn = STAGE_ARN) {
            return dependsOn(stackResource(aws.wafv2.WebAclAssociation, "waf", { resourceArn: arn, webAclArn: "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/x/1" }), "resourceArn", stage);
        }

        it("passes a regional stage with a web ACL association and fails one without", async () => {
            const { all, stage } = apiWithStage();
            expect((await checkStack(wafOnPublicStages, [...all, association(stage)])).violations).to.deep.equal([]);
            expect((await checkStack(wafOnPublicStages, all)).violations).to.deep.equal(['stage "v1" (orders-stage) has no web ACL association (its API is REGIONAL).']);
        });

        it("matches an association by the stage ARN when there is no dependency", async () => {
            const { all } = apiWithStage();
            const byValue = stackResource(aws.wafv2.WebAclAssociation, "waf", { resourceArn: STAGE_ARN, webAclArn: "arn" });
            expect((await checkStack(wafOnPublicStages, [...all, byValue])).violations).to.deep.equal([]);
        });

        it("skips private APIs by default, and is not applicable when no endpoint type requires WAF", async () => {
            const priv = apiWithStage({ api: { endpointConfiguration: { types: "PRIVATE" } } });
            expect((await checkStack(wafOnPublicStages, priv.all)).violations).to.deep.equal([]);
            expect((await checkStack(wafOnPublicStages, priv.all, { endpointTypes: ["PRIVATE"] })).violations).to.have.length(1);
            expect((await checkStack(wafOnPublicStages, apiWithStage().all, { endpointTypes: [] })).notApplicable).to.contain("no endpoint type");
        });

        it("treats a stage whose RestApi is not in the stack as public", async () => {
            const stage = stackResource(aws.apigateway.Stage, "external", stageProps());
            expect((await checkStack(wafOnPublicStages, [stage])).violations[0]).to.contain("its RestApi is not in this stack");
        });

        it("cannot judge an association whose target ARN is unknown", async () => {
            const { all } = apiWithStage();
            const pending = stackResource(aws.wafv2.WebAclAssociation, "waf", { resourceArn: unknown.string, webAclArn: "arn" });
            expect((await checkStack(wafOnPublicStages, [...all, pending])).cannotJudge).to.match(/resourceArn/);
        });
    });

    describe("apigateway-private-vpce-only", () => {
        const privateApi = (policy?: string) => stackResource(aws.apigateway.RestApi, "internal", { ...restApiProps(), endpointConfiguration: { types: "PRIVATE" }, policy });
        const allowInvoke = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
        const denyOutsideVpce = {
            Effect: "Deny",
            Principal: "*",
            Action: "execute-api:Invoke",
            Resource: "execute-api:/*",
            Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0abc" } },
        };

        it("passes an Allow next to a Deny outside the VPC endpoint, in the API's policy or a RestApiPolicy", async () => {
            expect((await checkStack(privateApiVpce, [privateApi(policyDocument(allowInvoke, denyOutsideVpce))])).violations).to.deep.equal([]);
            const api = privateApi();
            const attached = dependsOn(stackResource(aws.apigateway.RestApiPolicy, "p", { restApiId: "x", policy: policyDocument(allowInvoke, denyOutsideVpce) }), "restApiId", api);
            expect((await checkStack(privateApiVpce, [api, attached])).violations).to.deep.equal([]);
        });

        it("reads a policy carried in the OpenAPI body (x-amazon-apigateway-policy), as API Gateway imports it", async () => {
            const withBodyPolicy = (...statements: object[]) =>
                stackResource(aws.apigateway.RestApi, "internal", {
                    ...restApiProps({ ...openApiDocument(), "x-amazon-apigateway-policy": { Version: "2012-10-17", Statement: statements } }),
                    endpointConfiguration: { types: "PRIVATE" },
                });
            expect((await checkStack(privateApiVpce, [withBodyPolicy(allowInvoke, denyOutsideVpce)])).violations).to.deep.equal([]);
            expect((await checkStack(privateApiVpce, [withBodyPolicy(allowInvoke)])).violations).to.deep.equal([
                "Private API internal: invocation is not limited to VPC endpoints by an aws:SourceVpce condition.",
            ]);
        });

        it("passes an Allow conditioned on the endpoint", async () => {
            const conditioned = { ...allowInvoke, Condition: { StringEquals: { "aws:sourcevpce": ["vpce-0abc"] } } };
            expect((await checkStack(privateApiVpce, [privateApi(policyDocument(conditioned))])).violations).to.deep.equal([]);
        });

        it("fails an unconditioned Allow, a missing policy, and endpoints outside allowedVpcEndpointIds", async () => {
            expect((await checkStack(privateApiVpce, [privateApi(policyDocument(allowInvoke))])).violations).to.deep.equal([
                "Private API internal: invocation is not limited to VPC endpoints by an aws:SourceVpce condition.",
            ]);
            expect((await checkStack(privateApiVpce, [privateApi()])).violations[0]).to.contain("has no resource policy");
            const r = await checkStack(privateApiVpce, [privateApi(policyDocument(allowInvoke, denyOutsideVpce))], { allowedVpcEndpointIds: ["vpce-0def"] });
            expect(r.violations[0]).to.contain("not limited to the allowed VPC endpoints (vpce-0def)");
        });

        it("ignores regional APIs", async () => {
            expect((await checkStack(privateApiVpce, [stackResource(aws.apigateway.RestApi, "r", restApiProps())])).violations).to.deep.equal([]);
        });
    });

    describe("apigateway-stage-protected", () => {
        it("passes a stage whose API requires an authorizer on every method", async () => {
            expect((await checkStack(stageProtection, apiWithStage().all)).violations).to.deep.equal([]);
        });

        it("fails a stage with API-key-only methods and no usage plan, and passes it once a plan covers it", async () => {
            const doc = openApiDocument();
            for (const op of ["get", "post"]) doc.paths["/orders"][op].security = [{ api_key: [] }];
            const { all, stage, api } = apiWithStage({ doc });
            expect((await checkStack(stageProtection, all)).violations).to.deep.equal([
                'stage "v1" (orders-stage) is in no usage plan and its API does not require an authorizer on every method.',
            ]);
            const plan = dependsOn(stackResource(aws.apigateway.UsagePlan, "gold", { apiStages: [{ apiId: "a1b2c3d4e5", stage: "v1" }] }), "apiStages", api, stage);
            expect((await checkStack(stageProtection, [...all, plan])).violations).to.deep.equal([]);
            const byValue = stackResource(aws.apigateway.UsagePlan, "gold", { apiStages: [{ apiId: "a1b2c3d4e5", stage: "v1" }] });
            expect((await checkStack(stageProtection, [...all, byValue])).violations).to.deep.equal([]);
        });

        it("counts an aws.apigateway.Authorizer on the API", async () => {
            const doc = openApiDocument();
            for (const op of ["get", "post"]) delete doc.paths["/orders"][op].security;
            const { all, api } = apiWithStage({ doc });
            expect((await checkStack(stageProtection, all)).violations).to.have.length(1);
            const authorizer = dependsOn(stackResource(aws.apigateway.Authorizer, "jwt", { restApi: "a1b2c3d4e5", type: "TOKEN" }), "restApi", api);
            expect((await checkStack(stageProtection, [...all, authorizer])).violations).to.deep.equal([]);
        });

        it("cannot judge a usage plan whose stages are unknown", async () => {
            const doc = openApiDocument();
            delete doc.components.securitySchemes.jwt["x-amazon-apigateway-authorizer"];
            delete doc.components.securitySchemes.jwt["x-amazon-apigateway-authtype"];
            const { all } = apiWithStage({ doc });
            const pending = stackResource(aws.apigateway.UsagePlan, "gold", { apiStages: unknown.array });
            expect((await checkStack(stageProtection, [...all, pending])).cannotJudge).to.match(/apiStages/);
        });
    });
});
