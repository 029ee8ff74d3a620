// The functions gatevault builds, wired into the shipped stacks' APIs, through the offline
// plan of the real program: permissions, authorizers, upload routes, templates, and prod's
// rule that every method is authorized.

import { expect } from "chai";
import { mappingTemplates, readMappingTemplate } from "../../mapping-templates";
import { PlanResult, ROOT_STACK_TYPE } from "../../tools/plan/index";
import { planLookups, rawInputs as raw, rawOutputs as outputsOf } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";
import { planEditedStack, shippedStack } from "../support/stacks";

type Operation = { security?: Record<string, string[]>[]; [key: string]: any };

const ofType = (plan: PlanResult, type: string) => planLookups(plan).ofType(type);
const one = (plan: PlanResult, type: string, name?: string) => planLookups(plan).one(type, name);
// The orders API is the one gatevault's functions are wired into (the stacks' inventory API is private, issue 5).
const bodyOf = (plan: PlanResult) => JSON.parse(raw(one(plan, "aws:apigateway/restApi:RestApi", "orders-rest-api")).body);
const executionArn = (plan: PlanResult) => outputsOf(one(plan, "aws:apigateway/restApi:RestApi", "orders-rest-api")).executionArn as string;
const functionArn = (plan: PlanResult, name: string) => outputsOf(one(plan, "aws:lambda/function:Function", name)).arn as string;
const invokeArn = (plan: PlanResult, name: string) => outputsOf(one(plan, "aws:lambda/function:Function", name)).invokeArn as string;
const permissionsFor = (plan: PlanResult, arn: string) => ofType(plan, "aws:lambda/permission:Permission").map(raw).filter((p) => p.function === arn);

/** Every operation of a document as "METHOD /path" → operation; OPTIONS included. */
function operations(body: any): Record<string, Operation> {
    const out: Record<string, Operation> = {};
    for (const [path, item] of Object.entries<Record<string, Operation>>(body.paths)) {
        for (const [key, op] of Object.entries(item)) {
            out[`${key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase()} ${path}`] = op;
        }
    }
    return out;
}

const trigger = (plan: PlanResult) => raw(one(plan, "aws:apigateway/deployment:Deployment", "orders-deployment")).triggers.redeployment as string;

describe("wiring: the functions gatevault builds, in the shipped stacks' APIs", () => {
    let dev: PlanResult;
    let prod: PlanResult;
    before(async () => {
        [dev, prod] = [await shippedPlan("dev"), await shippedPlan("prod")];
    });

    it("plans dev and prod with exit 0", () => {
        expect(dev.summary.exitCode, dev.error?.message).to.equal(0);
        expect(prod.summary.exitCode, prod.error?.message).to.equal(0);
    });

    it("lets API Gateway invoke each JWT authorizer once per API authorizer, only as an authorizer of that API", () => {
        for (const [plan, fn] of [[dev, "orders-jwt-fn-function"], [prod, "partners-jwt-fn-function"]] as const) {
            const permissions = permissionsFor(plan, functionArn(plan, fn));
            expect(permissions).to.have.length(1);
            expect(permissions[0]).to.include({ action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" });
            expect(permissions[0].sourceArn).to.equal(`${executionArn(plan)}/authorizers/*`);
        }
    });

    it("points each security scheme at the invoke ARN of the function gatevault built, with its type and TTL", () => {
        const scheme = bodyOf(dev).components.securitySchemes.jwt["x-amazon-apigateway-authorizer"];
        expect(scheme.authorizerUri).to.equal(invokeArn(dev, "orders-jwt-fn-function"));
        expect(scheme).to.include({ type: "token", identitySource: "method.request.header.Authorization", authorizerResultTtlInSeconds: 300 });

        const partners = bodyOf(prod).components.securitySchemes.partners["x-amazon-apigateway-authorizer"];
        expect(partners.authorizerUri).to.equal(invokeArn(prod, "partners-jwt-fn-function"));
        const customers = bodyOf(prod).components.securitySchemes.customers["x-amazon-apigateway-authorizer"];
        expect(customers.providerARNs).to.deep.equal([outputsOf(one(prod, "aws:cognito/userPool:UserPool", "customers-pool")).arn]);
    });

    it("attaches the JWT authorizer to exactly the routes it grants, and nothing to the public health check", () => {
        const ops = operations(bodyOf(dev));
        const guarded = Object.entries(ops).filter(([, op]) => op.security?.some((r) => "jwt" in r)).map(([key]) => key);
        expect(guarded).to.have.members(Object.keys(devJwtRoutes()));
        expect(ops["GET /health"].security).to.deep.equal([{ api_key: [] }]);
    });

    it("sends the three upload routes to the upload function by proxy, each behind the JWT authorizer, invocable only on its method", () => {
        const arn = functionArn(dev, "uploads-fn-function");
        const uri = invokeArn(dev, "uploads-fn-function");
        const ops = operations(bodyOf(dev));
        const uploadRoutes = ["POST /uploads", "POST /uploads/complete", "POST /uploads/abort"];
        for (const key of uploadRoutes) {
            expect(ops[key]["x-amazon-apigateway-integration"]).to.include({ type: "aws_proxy", httpMethod: "POST", uri });
            expect(ops[key].security).to.deep.equal([{ jwt: [] }]);
        }
        const toUploads = Object.entries(ops).filter(([, op]) => op["x-amazon-apigateway-integration"]?.uri === uri);
        expect(toUploads.map(([key]) => key)).to.have.members(uploadRoutes);
        expect(permissionsFor(dev, arn).map((p) => p.sourceArn)).to.have.members([
            `${executionArn(dev)}/*/POST/uploads`,
            `${executionArn(dev)}/*/POST/uploads/complete`,
            `${executionArn(dev)}/*/POST/uploads/abort`,
        ]);
    });

    it("dev: puts each shipped orders template on its route, exactly as the file holds it, the create-order one behind the JWT authorizer", () => {
        const ops = operations(bodyOf(dev));
        for (const t of [mappingTemplates.createOrderRequest, mappingTemplates.getOrderResponse, mappingTemplates.listOrdersResponse]) {
            const integration = ops[t.route]["x-amazon-apigateway-integration"];
            const sent = t.kind === "request" ? integration.requestTemplates : integration.responses.default.responseTemplates;
            expect(sent[t.contentType], t.file).to.equal(readMappingTemplate(t));
            if (t.kind === "response") expect(integration.responses.default.statusCode).to.equal(t.statusCode);
        }
        // $context.authorizer.principalId and .scopes exist only behind the Lambda authorizer.
        expect(ops[mappingTemplates.createOrderRequest.route].security).to.deep.equal([{ jwt: [] }]);
    });

    it("prod: every method but the CORS preflights has an authorizer or API key that the document defines", () => {
        const body = bodyOf(prod);
        const schemes = body.components.securitySchemes;
        const ops = Object.entries(operations(body));
        expect(ops.length).to.be.greaterThan(5);
        for (const [key, op] of ops) {
            if (key.startsWith("OPTIONS ")) {
                expect(op["x-amazon-apigateway-integration"].type, key).to.equal("mock");
                continue;
            }
            expect(op.security, key).to.be.an("array").that.is.not.empty;
            for (const requirement of op.security!) {
                const names = Object.keys(requirement);
                expect(names, key).to.not.be.empty;
                for (const name of names) {
                    expect(schemes[name], `${key}: ${name}`).to.not.equal(undefined);
                    expect(schemes[name]["x-amazon-apigateway-authtype"] ?? (name === "api_key" ? "api key" : undefined), `${key}: ${name}`).to.be.oneOf(["custom", "cognito_user_pools", "api key"]);
                }
            }
        }
    });

    it("prod: asks only for scopes the Cognito pool gatevault creates defines", () => {
        const defined = prod.outputs!.cognito as { scopes: string[] };
        const asked = Object.values(operations(bodyOf(prod))).flatMap((op) => (op.security ?? []).flatMap((r) => r.customers ?? []));
        expect(asked).to.not.be.empty;
        expect(defined.scopes).to.include.members([...new Set(asked)]);
    });

    it("keeps CORS on authorizer refusals: UNAUTHORIZED and ACCESS_DENIED fall back to DEFAULT_4XX, which carries the headers", () => {
        const responses = bodyOf(dev)["x-amazon-apigateway-gateway-responses"];
        expect(responses.DEFAULT_4XX.responseParameters).to.have.property("gatewayresponse.header.Access-Control-Allow-Origin");
        for (const type of ["UNAUTHORIZED", "ACCESS_DENIED"]) {
            // Either not overridden (so DEFAULT_4XX applies), or overridden with the headers too.
            if (type in responses) {
                expect(responses[type].responseParameters, type).to.have.property("gatewayresponse.header.Access-Control-Allow-Origin");
            }
        }
    });

    describe("deployment trigger", () => {
        it("changes when the authorizer's TTL changes, or the API authorizer names another function; not for a log setting", async () => {
            const ttl = await planEditedStack("dev", (c) => (c["gatevault:jwtAuthorizers"][0].resultTtlSeconds = 60));
            const otherFunction = await planEditedStack("dev", (c) => {
                c["gatevault:jwtAuthorizers"].push({ ...structuredClone(c["gatevault:jwtAuthorizers"][0]), name: "orders-jwt-next" });
                c["gatevault:apis"][0].authorizers.jwt.function = "orders-jwt-next";
            });
            const logs = await planEditedStack("dev", (c) => (c["gatevault:jwtAuthorizers"][0].logRetentionDays = 30));
            for (const plan of [ttl, otherFunction, logs]) expect(plan.summary.exitCode, plan.error?.message).to.equal(0);

            expect(bodyOf(ttl).components.securitySchemes.jwt["x-amazon-apigateway-authorizer"].authorizerResultTtlInSeconds).to.equal(60);
            expect(trigger(ttl)).to.not.equal(trigger(dev));
            expect(permissionsFor(otherFunction, functionArn(otherFunction, "orders-jwt-next-fn-function"))).to.have.length(1);
            expect(permissionsFor(otherFunction, functionArn(otherFunction, "orders-jwt-fn-function"))).to.have.length(0);
            expect(trigger(otherFunction)).to.not.equal(trigger(dev));
            expect(trigger(logs)).to.equal(trigger(dev));
        });
    });

    describe("nothing half-created", () => {
        it("stops with exit 2 and registers nothing, provider included, when an API names a function the config does not create", async () => {
            const result = await planEditedStack("dev", (c) => (c["gatevault:apis"][0].authorizers.jwt.function = "orders-jtw"));
            expect(result.summary.exitCode).to.equal(2);
            expect(result.error?.kind).to.equal("config");
            expect(result.error?.problems).to.deep.equal([
                {
                    path: "gatevault:apis[0].authorizers.jwt.function",
                    message: "names no function the program supplies (authorizer jwt; supplied: orders-jwt, uploads); use a Lambda function ARN or a name passed in ApiEndpointArgs.functions",
                },
            ]);
            expect(result.resources.filter((r) => r.type !== ROOT_STACK_TYPE)).to.deep.equal([]);
        });

        it("does the same for a wiring problem found only by comparing the API with the JWT authorizer's routes", async () => {
            const result = await planEditedStack("dev", (c) => delete c["gatevault:jwtAuthorizers"][0].routes["POST /orders"]);
            expect(result.summary.exitCode).to.equal(2);
            expect(result.error?.problems?.map((p) => p.path)).to.deep.equal(["gatevault:apis[0].defaultAuthorizer"]);
            expect(result.resources.filter((r) => r.type !== ROOT_STACK_TYPE)).to.deep.equal([]);
        });
    });
});

/** The dev stack's JWT grants, as route keys. */
function devJwtRoutes(): Record<string, unknown> {
    return shippedStack("dev").config["gatevault:jwtAuthorizers"][0].routes;
}
