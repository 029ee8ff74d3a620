// Features 3-5, pure parts: the deployment trigger, method settings (stage-wide and per
// method), access log format, and usage-plan values.

import { expect } from "chai";
import { deploymentTrigger, DeployedApi } from "../../components/api/deployment-trigger";
import { methodSettingsPath, usagePlanThrottlePath } from "../../components/api/openapi";
import { ACCESS_LOG_FORMAT, methodSettings } from "../../components/api/stage-settings";
import { usagePlanValues } from "../../components/api/usage-plans";
import { apiConfig, configProblems, editApi, expectProblem } from "./support";

const deployed: DeployedApi = {
    document: '{"openapi":"3.0.1"}',
    endpointType: "PRIVATE",
    vpcEndpointIds: ["vpce-1", "vpce-2"],
    binaryMediaTypes: ["image/png"],
    minimumCompressionSize: 1024,
    apiKeySource: "HEADER",
    disableExecuteApiEndpoint: false,
};

describe("deployment trigger", () => {
    it("changes with each part of the deployed API", () => {
        const base = deploymentTrigger(deployed);
        const changes: Partial<DeployedApi>[] = [
            { document: '{"openapi":"3.0.2"}' },
            { endpointType: "REGIONAL" },
            { vpcEndpointIds: ["vpce-1"] },
            { binaryMediaTypes: [] },
            { minimumCompressionSize: undefined },
            { apiKeySource: "AUTHORIZER" },
            { disableExecuteApiEndpoint: true },
        ];
        for (const change of changes) {
            expect(deploymentTrigger({ ...deployed, ...change }), JSON.stringify(change)).to.not.equal(base);
        }
    });

    it("is stable: same API, same hash, whatever the order of sets", () => {
        expect(deploymentTrigger({ ...deployed })).to.equal(deploymentTrigger(deployed));
        expect(deploymentTrigger({ ...deployed, vpcEndpointIds: ["vpce-2", "vpce-1"] })).to.equal(deploymentTrigger(deployed));
        expect(deploymentTrigger(deployed)).to.match(/^[0-9a-f]{64}$/);
    });
});

describe("stage settings", () => {
    it("throttles every method at the stage rate and logs, traces metrics as configured", () => {
        const api = apiConfig({ throttle: { rateLimit: 100, burstLimit: 200 }, stage: { executionLogging: "INFO", metrics: false } });
        expect(methodSettings(api)).to.deep.equal({
            metricsEnabled: false,
            loggingLevel: "INFO",
            dataTraceEnabled: false,
            throttlingRateLimit: 100,
            throttlingBurstLimit: 200,
            cachingEnabled: false,
        });
    });

    it("overrides one method's throttle while repeating the rest of the settings", () => {
        const api = apiConfig({ stage: { executionLogging: "ERROR" } });
        expect(methodSettings(api, { throttle: { rateLimit: 1, burstLimit: 2 } })).to.include({ throttlingRateLimit: 1, throttlingBurstLimit: 2, loggingLevel: "ERROR", metricsEnabled: true });
    });

    it("encrypts the cache when it is on, and refuses unauthorized flushes", () => {
        const api = apiConfig({ stage: { cache: { size: "1.6", ttlSeconds: 120 } } });
        expect(methodSettings(api)).to.include({
            cachingEnabled: true,
            cacheTtlInSeconds: 120,
            cacheDataEncrypted: true,
            requireAuthorizationForCacheControl: true,
            unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
        });
    });

    // Stage method settings: the key of the stage's methodSettings and the head of UpdateStage's
    // patch paths (terraform-provider-aws internal/service/apigateway/method_settings.go), which are
    // JSON Pointers (https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html): a `/`
    // inside the resource path is `~1`, as AWS documents for a method setting's ResourcePath ("the path
    // value /resource/subresource must be encoded as /~1resource~1subresource",
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html).
    // Usage-plan throttles: "Specify the path and method, for
    // example `/test/GET`" (@pulumi/aws types/input.d.ts, UsagePlanApiStageThrottle.path).
    it("spells method paths as API Gateway expects them", () => {
        expect(methodSettingsPath("GET", "/orders/{id}")).to.equal("~1orders~1{id}/GET");
        expect(methodSettingsPath("POST", "/")).to.equal("~1/POST");
        expect(methodSettingsPath("ANY", "/files/{proxy+}")).to.equal("~1files~1{proxy+}/*");
        expect(usagePlanThrottlePath("GET", "/orders/{id}")).to.equal("/orders/{id}/GET");
        expect(usagePlanThrottlePath("GET", "/")).to.equal("//GET");
    });

    it("writes one JSON object per request to the access log", () => {
        const fields = JSON.parse(ACCESS_LOG_FORMAT);
        expect(fields).to.include({ requestId: "$context.requestId", status: "$context.status", ip: "$context.identity.sourceIp" });
        expect(Object.values(fields).every((v) => typeof v === "string" && v.startsWith("$context."))).to.equal(true);
    });

    it("rejects negative throttles and a burst below the rate, stage-wide and per method", () => {
        expectProblem(configProblems(editApi((a) => (a.throttle.rateLimit = -5))), "gatevault:apis[0].throttle.rateLimit", /must be >= 0 \(got -5\)/);
        expectProblem(
            configProblems(editApi((a) => (a.routes[1].throttle = { rateLimit: 10, burstLimit: 5 }))),
            "gatevault:apis[0].routes[1].throttle.burstLimit",
            /must be >= rateLimit \(got 5 < 10\)/,
        );
    });
});

describe("usage plans", () => {
    const api = apiConfig({
        usagePlans: {
            free: { throttle: { rateLimit: 1, burstLimit: 2 }, quota: { limit: 100, period: "DAY" } },
            pro: {
                description: "Paying partners",
                throttle: { rateLimit: 50, burstLimit: 100 },
                quota: { limit: 10000, period: "MONTH", offset: 3 },
                methodThrottles: { "GET /orders": { rateLimit: 5, burstLimit: 10 } },
            },
        },
        clients: { acme: { tier: "pro" } },
    });

    it("gives each tier its throttle, quota and per-method throttles", () => {
        expect(usagePlanValues(api)).to.deep.equal([
            { tier: "free", description: undefined, throttle: { rateLimit: 1, burstLimit: 2 }, quota: { limit: 100, period: "DAY", offset: 0 }, methodThrottles: [] },
            {
                tier: "pro",
                description: "Paying partners",
                throttle: { rateLimit: 50, burstLimit: 100 },
                quota: { limit: 10000, period: "MONTH", offset: 3 },
                methodThrottles: [{ path: "/orders/GET", rateLimit: 5, burstLimit: 10 }],
            },
        ]);
    });

    it("rejects quotas and tiers that cannot work", () => {
        const plan = { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 1, period: "WEEK", offset: 7 } };
        expectProblem(configProblems(editApi((a) => (a.usagePlans.testing = plan))), "gatevault:apis[0].usagePlans.testing.quota.offset", /must be <= 6 for a WEEK quota \(got 7\)/);
        expectProblem(configProblems(editApi((a) => (a.clients["qa-team"].tier = "gold"))), "gatevault:apis[0].clients.qa-team.tier", /names no tier in usagePlans \(tiers: testing\)/);
        expectProblem(
            configProblems(editApi((a) => (a.usagePlans.testing.methodThrottles = { "GET /nope": { rateLimit: 1, burstLimit: 1 } }))),
            "gatevault:apis[0].usagePlans.testing.methodThrottles.GET /nope",
            /names no route of this API/,
        );
        expectProblem(
            configProblems(editApi((a) => ((a.usagePlans = {}), (a.clients = {})))),
            "gatevault:apis[0].routes[0].apiKeyRequired",
            /requires API keys, but usagePlans is empty/,
        );
    });
});
