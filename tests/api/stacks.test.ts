// The shipped stacks and the program's API wiring, through the offline plan: the features
// each stack uses appear in the plan, all APIs are validated before any is created, and
// key values stay secret.

import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { planApiEndpoints } from "../../components/api";
import { originEchoTemplate } from "../../components/api/openapi/cors";
import { planStackWiring } from "../../components/wiring";
import { PlanResult, REPO_ROOT } from "../../tools/plan/index";
import { renderJson } from "../../tools/plan/render";
import { planLookups, rawInputs as raw, stackConfig } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";
import { planEditedStack } from "../support/stacks";
import { expectValidOpenApi } from "./support";

const ofType = (plan: PlanResult, type: string) => planLookups(plan).ofType(type);
const one = (plan: PlanResult, type: string, name?: string) => planLookups(plan).one(type, name);

describe("API endpoints in the shipped stacks", () => {
    let prod: PlanResult;
    let dev: PlanResult;
    before(async () => {
        [prod, dev] = [await shippedPlan("prod"), await shippedPlan("dev")];
    });

    it("plan with exit 0, one account logging setting and one endpoint per API", () => {
        for (const plan of [prod, dev]) {
            expect(plan.summary.exitCode, plan.error?.message).to.equal(0);
            expect(ofType(plan, "gatevault:api:ApiEndpoint").map((r) => r.name)).to.deep.equal(stackConfig(plan.stack).apis.map((a) => a.name));
            expect(ofType(plan, "aws:apigateway/account:Account")).to.have.length(1);
        }
    });

    it("deploy documents that are valid OpenAPI 3", async () => {
        for (const plan of [prod, dev]) {
            for (const restApi of ofType(plan, "aws:apigateway/restApi:RestApi")) {
                await expectValidOpenApi(JSON.parse(raw(restApi).body));
            }
        }
    });

    it("prod: REGIONAL, throttled, WAF-protected, encrypted cache, usage tiers with throttle and quota", () => {
        expect(raw(one(prod, "aws:apigateway/restApi:RestApi", "orders-rest-api")).endpointConfiguration).to.deep.equal({ types: "REGIONAL" });
        expect(raw(one(prod, "aws:apigateway/methodSettings:MethodSettings", "orders-method-settings")).settings).to.include({
            throttlingRateLimit: 500,
            throttlingBurstLimit: 1000,
            cachingEnabled: true,
            cacheDataEncrypted: true,
            loggingLevel: "ERROR",
        });
        expect(ofType(prod, "aws:wafv2/webAclAssociation:WebAclAssociation")).to.have.length(1);
        const plans = ofType(prod, "aws:apigateway/usagePlan:UsagePlan").map(raw);
        expect(plans.map((p) => p.name).sort()).to.deep.equal(["orders-enterprise", "orders-free", "orders-pro"]);
        for (const plan of plans) {
            expect(plan.throttleSettings.rateLimit).to.be.greaterThan(0);
            expect(plan.quotaSettings.limit).to.be.greaterThan(0);
        }
        expect(ofType(prod, "aws:apigateway/usagePlanKey:UsagePlanKey").map((r) => r.name).sort()).to.deep.equal([
            "orders-plan-key-acme",
            "orders-plan-key-globex",
            "orders-plan-key-initech",
        ]);
        expect(raw(one(prod, "aws:apigateway/domainName:DomainName")).securityPolicy).to.equal("TLS_1_2");
    });

    it("prod: authorization on every method, validation where input is taken, CORS for named origins only", () => {
        const body = JSON.parse(raw(one(prod, "aws:apigateway/restApi:RestApi", "orders-rest-api")).body);
        const schemes = body.components.securitySchemes;
        expect(schemes.customers["x-amazon-apigateway-authtype"]).to.equal("cognito_user_pools");
        expect(schemes.partners["x-amazon-apigateway-authorizer"].type).to.equal("token");
        for (const [p, item] of Object.entries<Record<string, any>>(body.paths)) {
            for (const [method, op] of Object.entries<any>(item)) {
                if (method === "options") {
                    expect(op["x-amazon-apigateway-integration"].type).to.equal("mock");
                    continue;
                }
                expect(op.security, `${method} ${p}`).to.be.an("array").that.is.not.empty;
                if (op.requestBody) {
                    expect(op["x-amazon-apigateway-request-validator"], `${method} ${p}`).to.be.oneOf(["body", "all"]);
                }
            }
        }
        expect(body.paths["/orders"].post["x-amazon-apigateway-request-validator"]).to.equal("all");
        expect(body.paths["/partner/orders"].post.security).to.deep.equal([{ partners: [], api_key: [] }]);
        expect(JSON.stringify(body)).to.not.match(/Access-Control-Allow-Origin[^,]*'\*'/);
        expect(body.paths["/orders"].options["x-amazon-apigateway-integration"].responses.default.responseTemplates["application/json"]).to.contain(
            '"$origin" == "https://shop.example.com" || "$origin" == "https://admin.example.com"',
        );
    });

    it("prod: sends the mapping templates as the files beside the stack config hold them, responses after the CORS origin echo", () => {
        const body = JSON.parse(raw(one(prod, "aws:apigateway/restApi:RestApi", "orders-rest-api")).body);
        const ext = body.paths["/orders/{orderId}/status"].get["x-amazon-apigateway-integration"];
        const file = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "mapping-templates", name), "utf8");
        expect(ext.requestTemplates["application/json"]).to.equal(file("orders-get-order-status.request.vtl"));
        // prod allows two origins: the response template first echoes an allowed Origin, then runs the file unchanged.
        const echo = originEchoTemplate(["https://shop.example.com", "https://admin.example.com"]);
        expect(ext.responses.default.responseTemplates["application/json"]).to.equal(echo + file("orders-get-order-status.response.vtl"));

        const wiring = planStackWiring(stackConfig("prod"), { projectDir: REPO_ROOT });
        const built = planApiEndpoints(wiring.config, wiring.available, REPO_ROOT).documents[0]!;
        expect(built.templates.filter((t) => t.file).map((t) => t.file)).to.deep.equal([
            "mapping-templates/orders-get-order-status.request.vtl",
            "mapping-templates/orders-get-order-status.response.vtl",
        ]);
    });

    it("dev: looser, with a local origin, INFO logs and short retention", () => {
        const body = JSON.parse(raw(one(dev, "aws:apigateway/restApi:RestApi", "orders-rest-api")).body);
        expect(body["x-amazon-apigateway-gateway-responses"].DEFAULT_4XX.responseParameters).to.deep.equal({
            "gatewayresponse.header.Access-Control-Allow-Origin": "'http://localhost:3000'",
        });
        expect(raw(one(dev, "aws:apigateway/methodSettings:MethodSettings", "orders-method-settings")).settings.loggingLevel).to.equal("INFO");
        expect(raw(one(dev, "aws:cloudwatch/logGroup:LogGroup", "orders-access-logs")).retentionInDays).to.equal(14);
    });
});

describe("API wiring in the program", () => {
    it("validates every API and gatevault:apiKeys before creating any API, reporting all problems", async () => {
        const result = await planEditedStack("dev", (c) => {
            const second = structuredClone(c["gatevault:apis"][0]);
            second.name = "billing";
            second.clients = {};
            second.routes[1].integration = { type: "LAMBDA", function: "billing-handler" };
            c["gatevault:apis"].splice(1, 0, second);
            c["gatevault:apis"][0].routes[1].integration = { type: "LAMBDA", function: "orders-handler" };
            c["gatevault:apiKeys"] = { "qa-tema": { secure: "v1:AAAAbm9uY2UxMjM0NTY3ODkw" } };
        });
        expect(result.summary.exitCode).to.equal(2);
        expect(result.error?.problems).to.deep.equal([
            { path: "gatevault:apiKeys.qa-tema", message: "names no client of any API (clients: qa-team)" },
            {
                path: "gatevault:apis[0].routes[1].integration.function",
                message: "names no function the program supplies (route GET /orders; supplied: orders-jwt, uploads); use a Lambda function ARN or a name passed in ApiEndpointArgs.functions",
            },
            {
                path: "gatevault:apis[1].routes[1].integration.function",
                message: "names no function the program supplies (route GET /orders; supplied: orders-jwt, uploads); use a Lambda function ARN or a name passed in ApiEndpointArgs.functions",
            },
        ]);
        expect(result.resources.filter((r) => r.type.startsWith("gatevault:api") || r.type.startsWith("aws:apigateway"))).to.deep.equal([]);
    });

    it("creates the account logging setting once for several APIs, and keeps key values from gatevault:apiKeys secret", async () => {
        const result = await planEditedStack("dev", (c) => {
            const second = structuredClone(c["gatevault:apis"][0]);
            second.name = "billing";
            second.clients = {};
            c["gatevault:apis"].splice(1, 0, second);
            c["gatevault:apiKeys"] = { "qa-team": { secure: "v1:AAAAbm9uY2UxMjM0NTY3ODkw" } };
        });
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        expect(ofType(result, "gatevault:api:ApiEndpoint").map((r) => r.name)).to.deep.equal(["orders", "billing", "inventory"]);
        expect(ofType(result, "aws:apigateway/account:Account")).to.have.length(1);
        expect(Object.keys(result.outputs!.apis as object)).to.have.members(["orders", "billing", "inventory"]);

        const key = one(result, "aws:apigateway/apiKey:ApiKey");
        expect(raw(key).value).to.match(/^offline-secret-[0-9a-f]{24}$/);
        expect(key.inputs.value).to.equal("[secret]");
        expect(result.secretOutputs).to.include("apiKeys");
        expect(renderJson(result)).to.not.contain(raw(key).value);
    });
});
