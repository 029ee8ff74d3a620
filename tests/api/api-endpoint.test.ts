// The ApiEndpoint component under the offline mocks: which resources, how they depend on
// each other, what stays secret, and when the deployment is replaced.

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ApiEndpoint, ApiEndpointArgs } from "../../components/api";
import { ApiGatewayAccountSettings } from "../../components/api/account-settings";
import type { ApiConfig } from "../../components/config/api";
import { ProviderSet } from "../../components/shared/providers";
import type { PlannedProgram } from "../support/plan-program";
import { planFailure, planProgram, stackConfig } from "../support/plan-program";
import { apiConfig, LAMBDA_ARN } from "./support";

const T = {
    component: "gatevault:api:ApiEndpoint",
    restApi: "aws:apigateway/restApi:RestApi",
    deployment: "aws:apigateway/deployment:Deployment",
    stage: "aws:apigateway/stage:Stage",
    methodSettings: "aws:apigateway/methodSettings:MethodSettings",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    usagePlan: "aws:apigateway/usagePlan:UsagePlan",
    apiKey: "aws:apigateway/apiKey:ApiKey",
    usagePlanKey: "aws:apigateway/usagePlanKey:UsagePlanKey",
    permission: "aws:lambda/permission:Permission",
    waf: "aws:wafv2/webAclAssociation:WebAclAssociation",
    domain: "aws:apigateway/domainName:DomainName",
    basePath: "aws:apigateway/basePathMapping:BasePathMapping",
};

const mock = { type: "MOCK" };
const tiers = {
    free: { throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 1000, period: "DAY" } },
    pro: { throttle: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 100000, period: "MONTH" }, methodThrottles: { "GET /orders": { rateLimit: 10, burstLimit: 20 } } },
};

type Extra = Partial<Omit<ApiEndpointArgs, "api">>;

type Endpoints = Record<string, { api: ApiConfig; extra?: (provider: aws.Provider) => Extra }>;

/** A program building endpoints (name → config) through the dev stack's provider. */
function endpointsProgram(endpoints: Endpoints, returns?: (built: Record<string, ApiEndpoint>) => unknown): () => unknown {
    return () => {
        const provider = new ProviderSet(stackConfig("dev")).main;
        const built: Record<string, ApiEndpoint> = {};
        for (const [name, { api, extra }] of Object.entries(endpoints)) {
            built[name] = new ApiEndpoint(name, { api, keyPath: ["apis", 0], region: "eu-west-1", ...extra?.(provider) }, { providers: [provider] });
        }
        return returns?.(built);
    };
}

function planEndpoints(endpoints: Endpoints, returns?: (built: Record<string, ApiEndpoint>) => unknown): Promise<PlannedProgram> {
    return planProgram(endpointsProgram(endpoints, returns));
}

const childrenOf = (plan: PlannedProgram, name: string) => plan.resources.filter((r) => r.parent === plan.one(T.component, name).urn);
const deploymentTriggerOf = (plan: PlannedProgram, name: string) => plan.rawInputs(plan.one(T.deployment, `${name}-deployment`)).triggers.redeployment as string;

describe("ApiEndpoint component", () => {
    describe("a typical API", () => {
        let plan: PlannedProgram;
        before(async () => {
            plan = await planEndpoints(
                {
                    orders: {
                        api: apiConfig({
                            routes: [
                                { path: "/orders", method: "GET", apiKeyRequired: true, integration: { type: "HTTP_PROXY", uri: "https://backend.example.com/orders" } },
                                { path: "/orders/{id}", method: "GET", throttle: { rateLimit: 3, burstLimit: 6 }, integration: { type: "LAMBDA", function: LAMBDA_ARN } },
                                { path: "/uploads", method: "POST", integration: { type: "LAMBDA", function: "upload-handler" } },
                            ],
                            authorizers: { jwt: { type: "TOKEN", function: "jwt-authorizer" } },
                            usagePlans: tiers,
                            clients: { acme: { tier: "pro" }, globex: { tier: "free" } },
                            wafWebAclArn: "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/edge/0f4b6c2e-1a2b-4c3d-9e8f-123456789abc",
                            customDomain: { domainName: "orders.example.com", certificateArn: "arn:aws:acm:eu-west-1:111111111111:certificate/4a1b2c3d-5e6f", basePath: "v1" },
                            stage: { name: "live", variables: { backend: "blue" }, logRetentionDays: 30, cache: { size: "0.5" } },
                        }),
                        extra: (provider) => ({
                            functions: {
                                "upload-handler": { arn: pulumi.output("arn:aws:lambda:eu-west-1:111111111111:function:uploads") },
                                "jwt-authorizer": { arn: "arn:aws:lambda:eu-west-1:111111111111:function:jwt" },
                            },
                            apiKeyValues: { acme: "acme-key-0123456789abcdef" },
                            accountSettings: new ApiGatewayAccountSettings("apigateway-account", { partition: "aws" }, { providers: [provider] }),
                        }),
                    },
                },
                (built) => ({ keys: built.orders.apiKeys, url: built.orders.invokeUrl, document: built.orders.document }),
            );
        });

        it("creates one RestApi from one document, and no API Gateway resource per route", () => {
            const types = childrenOf(plan, "orders").map((r) => r.type);
            expect(types).to.not.include.members(["aws:apigateway/resource:Resource", "aws:apigateway/method:Method", "aws:apigateway/integration:Integration"]);
            expect(types.filter((t) => t === T.restApi)).to.have.length(1);
            const body = JSON.parse(plan.rawInputs(plan.one(T.restApi, "orders-rest-api")).body);
            expect(Object.keys(body.paths)).to.deep.equal(["/orders", "/orders/{id}", "/uploads"]);
            expect(body.paths["/uploads"].post["x-amazon-apigateway-integration"].uri).to.equal(
                "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:uploads/invocations",
            );
            expect(body.components.securitySchemes.jwt["x-amazon-apigateway-authorizer"].authorizerUri).to.contain("function:jwt/invocations");
            expect(plan.outputs.document).to.equal(JSON.stringify(body));
        });

        it("prefixes every child's name with the component's and parents it to the component", () => {
            for (const r of childrenOf(plan, "orders")) {
                expect(r.name.startsWith("orders-"), r.name).to.equal(true);
                expect(r.record.providerRef, r.name).to.match(/::aws::/);
            }
        });

        it("gives each Lambda route an invoke permission scoped to its method and path, and the authorizer one for authorizers", () => {
            const executionArn = plan.one(T.restApi).record.wireOutputs!.executionArn as string;
            const permissions = plan.ofType(T.permission).map((p) => plan.rawInputs(p));
            expect(permissions.map((p) => [p.function, p.sourceArn]).sort()).to.deep.equal(
                [
                    [LAMBDA_ARN, `${executionArn}/*/GET/orders/*`],
                    ["arn:aws:lambda:eu-west-1:111111111111:function:uploads", `${executionArn}/*/POST/uploads`],
                    ["arn:aws:lambda:eu-west-1:111111111111:function:jwt", `${executionArn}/authorizers/*`],
                ].sort(),
            );
            expect(permissions.every((p) => p.principal === "apigateway.amazonaws.com" && p.action === "lambda:InvokeFunction")).to.equal(true);
        });

        it("deploys to a separate stage with tracing, variables, cache and JSON access logs kept for the configured days", () => {
            const stage = plan.rawInputs(plan.one(T.stage));
            const deployment = plan.one(T.deployment);
            expect(stage).to.include({ stageName: "live", deployment: deployment.record.id, xrayTracingEnabled: true, cacheClusterEnabled: true, cacheClusterSize: "0.5" });
            expect(stage.variables).to.deep.equal({ backend: "blue" });
            const accessLogs = plan.one(T.logGroup, "orders-access-logs");
            expect(stage.accessLogSettings.destinationArn).to.equal(accessLogs.record.wireOutputs!.arn);
            expect(() => JSON.parse(stage.accessLogSettings.format)).to.not.throw();
            expect(plan.rawInputs(accessLogs).retentionInDays).to.equal(30);
            const restApiId = plan.one(T.restApi).record.id;
            expect(plan.rawInputs(plan.one(T.logGroup, "orders-execution-logs"))).to.include({ name: `API-Gateway-Execution-Logs_${restApiId}/live`, retentionInDays: 30 });
        });

        it("waits for the account's logging role and the execution log group before the stage logs", () => {
            const stage = plan.one(T.stage);
            // Depending on a component is depending on its children, as the engine records it.
            const account = plan.one("aws:apigateway/account:Account").urn;
            expect(stage.record.dependencies).to.include.members([account, plan.one(T.logGroup, "orders-execution-logs").urn]);
            for (const settings of plan.ofType(T.methodSettings)) {
                expect(settings.record.dependencies).to.include.members([stage.urn, account]);
            }
        });

        it("throttles all methods at the stage rate and overrides the one route that asks, keeping the cache encrypted", () => {
            const all = plan.rawInputs(plan.one(T.methodSettings, "orders-method-settings"));
            expect(all.methodPath).to.equal("*/*");
            expect(all.settings).to.include({ throttlingRateLimit: 10, throttlingBurstLimit: 20, cachingEnabled: true, cacheDataEncrypted: true });
            const overrides = plan.ofType(T.methodSettings).filter((m) => m.name !== "orders-method-settings");
            expect(overrides.map((m) => plan.rawInputs(m).methodPath)).to.deep.equal(["~1orders~1{id}/GET"]);
            expect(plan.rawInputs(overrides[0]).settings).to.include({ throttlingRateLimit: 3, throttlingBurstLimit: 6, cacheDataEncrypted: true });
        });

        it("replaces the deployment create-before-delete when its trigger changes, after the API exists", () => {
            const deployment = plan.one(T.deployment);
            expect(deployment.record.options.replaceOnChanges).to.deep.equal(["triggers"]);
            expect(deployment.record.options.deleteBeforeReplace).to.not.equal(true);
            expect(deployment.record.dependencies).to.include(plan.one(T.restApi).urn);
            expect(deploymentTriggerOf(plan, "orders")).to.match(/^[0-9a-f]{64}$/);
        });

        it("creates usage plans per tier after the stage, and a key per client in its tier's plan, named by client id", () => {
            const stage = plan.one(T.stage);
            for (const tier of ["free", "pro"]) {
                const usagePlan = plan.one(T.usagePlan, `orders-plan-${tier}`);
                expect(usagePlan.record.dependencies).to.include(stage.urn);
                expect(plan.rawInputs(usagePlan).apiStages[0]).to.deep.include({ apiId: plan.one(T.restApi).record.id, stage: "live" });
            }
            expect(plan.rawInputs(plan.one(T.usagePlan, "orders-plan-pro")).apiStages[0].throttles).to.deep.equal([{ path: "/orders/GET", rateLimit: 10, burstLimit: 20 }]);
            expect(plan.rawInputs(plan.one(T.usagePlan, "orders-plan-free")).quotaSettings).to.deep.equal({ limit: 1000, period: "DAY", offset: 0 });
            const keyOf = (client: string) => plan.one(T.apiKey, `orders-key-${client}`).record.id;
            const planOf = (tier: string) => plan.one(T.usagePlan, `orders-plan-${tier}`).record.id;
            expect(plan.rawInputs(plan.one(T.usagePlanKey, "orders-plan-key-acme"))).to.include({ keyId: keyOf("acme"), usagePlanId: planOf("pro"), keyType: "API_KEY" });
            expect(plan.rawInputs(plan.one(T.usagePlanKey, "orders-plan-key-globex"))).to.include({ keyId: keyOf("globex"), usagePlanId: planOf("free") });
        });

        it("keeps API key values secret: configured values as secret inputs, generated ones as secret outputs, exported only as secrets", () => {
            const acme = plan.one(T.apiKey, "orders-key-acme");
            expect(acme.inputs.value).to.equal("[secret]");
            expect(plan.rawInputs(acme).value).to.equal("acme-key-0123456789abcdef");
            const globex = plan.one(T.apiKey, "orders-key-globex");
            expect(plan.rawInputs(globex)).to.not.have.property("value");
            for (const key of [acme, globex]) {
                expect(key.record.options.additionalSecretOutputs).to.include("value");
            }
            expect(plan.result.secretOutputs).to.include("keys");
            expect(plan.outputs.keys).to.equal("[secret]");
            expect(JSON.stringify(plan.result.resources.map((r) => r.inputs))).to.not.contain("acme-key-0123456789abcdef");
            const component = plan.one(T.component, "orders");
            expect(JSON.stringify(component.record.registeredOutputs?.apiKeys)).to.contain("1b47061264138c4ac30d75fd1eb44270");
        });

        it("associates the WAF web ACL with the stage and maps the custom domain over TLS 1.2", () => {
            expect(plan.rawInputs(plan.one(T.waf))).to.deep.equal({
                resourceArn: plan.one(T.stage).record.wireOutputs!.arn,
                webAclArn: "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/edge/0f4b6c2e-1a2b-4c3d-9e8f-123456789abc",
            });
            expect(plan.rawInputs(plan.one(T.domain))).to.deep.include({
                domainName: "orders.example.com",
                securityPolicy: "TLS_1_2",
                regionalCertificateArn: "arn:aws:acm:eu-west-1:111111111111:certificate/4a1b2c3d-5e6f",
                endpointConfiguration: { types: "REGIONAL" },
            });
            expect(plan.rawInputs(plan.one(T.basePath))).to.include({ domainName: "orders.example.com", stageName: "live", basePath: "v1" });
        });
    });

    it("adds no resource when MOCK or HTTP routes are added", async () => {
        const routes = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `/r${i}`, method: "GET", integration: i % 2 ? mock : { type: "HTTP_PROXY", uri: `https://b.example.com/r${i}` } }));
        const plan = await planEndpoints({ small: { api: apiConfig({ routes: routes(2) }) }, large: { api: apiConfig({ routes: routes(60) }) } });
        const types = (name: string) => childrenOf(plan, name).map((r) => r.type).sort();
        expect(types("large")).to.deep.equal(types("small"));
    });

    it("makes a PRIVATE API's deployment wait for the API carrying its policy, and for VPC links and endpoints it is given", async () => {
        const plan = await planProgram(() => {
            const provider = new ProviderSet(stackConfig("dev")).main;
            const link = new aws.apigateway.VpcLink("orders-nlb", { name: "orders-nlb", targetArn: "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/orders/0123" }, { provider });
            const endpoint = new aws.ec2.VpcEndpoint("execute-api", { vpcId: "vpc-1", serviceName: "com.amazonaws.eu-west-1.execute-api", vpcEndpointType: "Interface" }, { provider });
            const extra = new aws.sns.Topic("unrelated-prerequisite", {}, { provider });
            new ApiEndpoint(
                "private",
                {
                    api: apiConfig({
                        endpointType: "PRIVATE",
                        vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718", "shared"],
                        routes: [{ path: "/orders", method: "GET", integration: { type: "HTTP_PROXY", uri: "http://nlb.internal/orders", connectionType: "VPC_LINK", vpcLink: "orders-nlb" } }],
                    }),
                    keyPath: ["apis", 0],
                    region: "eu-west-1",
                    vpcLinks: { "orders-nlb": link },
                    vpcEndpoints: { shared: endpoint },
                    dependsOn: [extra],
                },
                { providers: [provider] },
            );
        });
        const restApi = plan.one(T.restApi);
        const endpointId = plan.one("aws:ec2/vpcEndpoint:VpcEndpoint").record.id!;
        const inputs = plan.rawInputs(restApi);
        expect(inputs.endpointConfiguration).to.deep.equal({ types: "PRIVATE", vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718", endpointId] });
        const body = JSON.parse(inputs.body);
        expect(body["x-amazon-apigateway-policy"].Statement[0].Condition.StringNotEquals["aws:SourceVpce"]).to.deep.equal(["vpce-0a1b2c3d4e5f60718", endpointId]);
        expect(body.paths["/orders"].get["x-amazon-apigateway-integration"].connectionId).to.equal(plan.one("aws:apigateway/vpcLink:VpcLink").record.id);
        expect(plan.one(T.deployment).record.dependencies).to.include.members([
            restApi.urn,
            plan.one("aws:apigateway/vpcLink:VpcLink").urn,
            plan.one("aws:ec2/vpcEndpoint:VpcEndpoint").urn,
            plan.one("aws:sns/topic:Topic").urn,
        ]);
    });

    it("changes the deployment trigger when, and only when, the deployed API changes", async () => {
        // A lean base (no plans, keys or execution logs) keeps this plan of many endpoints fast.
        const base = {
            routes: [
                { path: "/orders", method: "GET", integration: { type: "HTTP_PROXY", uri: "https://b.example.com/orders" } },
                { path: "/orders", method: "POST", integration: { type: "LAMBDA", function: "create" } },
            ],
            stage: { executionLogging: "OFF" },
        };
        const fn = (arn = "arn:aws:lambda:eu-west-1:111111111111:function:create") => () => ({ functions: { create: { arn } } });
        const variant = (edit: Record<string, unknown>, extra = fn()) => ({ api: apiConfig({ ...base, ...edit }), extra });
        const plan = await planEndpoints({
            base: variant({}),
            // Applied to the stage or beside it, not deployed: route order, plans, keys, stage settings, WAF, description.
            unchanged: variant({
                routes: [...base.routes].reverse(),
                usagePlans: tiers,
                clients: { acme: { tier: "free" } },
                throttle: { rateLimit: 99, burstLimit: 999 },
                stage: { variables: { v: "2" }, logRetentionDays: 7, executionLogging: "INFO", tracing: false },
                description: "renamed",
                wafWebAclArn: "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/w/0f4b6c2e-1a2b-4c3d-9e8f-123456789abc",
            }),
            // Deployed: each needs a new deployment (the builder tests cover the document's other parts).
            route: variant({ routes: [...base.routes, { path: "/health", method: "GET", integration: mock }] }),
            function: variant({}, fn("arn:aws:lambda:eu-west-1:111111111111:function:create-v2")),
            authorizer: variant({ authorizers: { jwt: { type: "TOKEN", function: LAMBDA_ARN, resultTtlSeconds: 60 } } }),
            binary: variant({ binaryMediaTypes: ["image/png"] }),
            endpoint: variant({ endpointType: "EDGE" }),
        });
        const baseline = deploymentTriggerOf(plan, "base");
        expect(deploymentTriggerOf(plan, "unchanged")).to.equal(baseline);
        const deployed = ["route", "function", "authorizer", "binary", "endpoint"];
        const changed = deployed.map((n) => deploymentTriggerOf(plan, n));
        changed.forEach((trigger, i) => expect(trigger, deployed[i]).to.not.equal(baseline));
        expect(new Set(changed).size).to.equal(changed.length);
    });

    it("fails with the key path before registering anything when a name is not supplied", async () => {
        const err = await planFailure(
            endpointsProgram({
                orders: { api: apiConfig({ routes: [{ path: "/uploads", method: "POST", integration: { type: "LAMBDA", function: "upload-handler" } }] }) },
            }),
        );
        const result = err?.plan;
        expect(result?.error?.kind, String(err)).to.equal("config");
        expect(result.error.problems).to.deep.equal([
            {
                path: "gatevault:apis[0].routes[0].integration.function",
                message: "names no function the program supplies (route POST /uploads; supplied: none); use a Lambda function ARN or a name passed in ApiEndpointArgs.functions",
            },
        ]);
        expect(result.resources.filter((r: { type: string }) => r.type.startsWith("gatevault:api") || r.type.startsWith("aws:apigateway"))).to.deep.equal([]);
    });
});
