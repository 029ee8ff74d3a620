// API Gateway rules that judge one resource: each passes the compliant builder, fails on the
// thing it guards, and cannot judge (rather than pass) when that thing is unknown in preview.

import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { accessLogging } from "../../policy/apigateway/access-logging";
import { binaryMediaTypes } from "../../policy/apigateway/binary-media-types";
import { corsOrigins } from "../../policy/apigateway/cors-origins";
import { domainTls12 } from "../../policy/apigateway/domain-tls";
import { endpointTypes } from "../../policy/apigateway/endpoint-types";
import { methodAuthorization } from "../../policy/apigateway/method-authorization";
import { requestValidation } from "../../policy/apigateway/request-validation";
import { usagePlanLimits } from "../../policy/apigateway/usage-plan-limits";
import { xrayTracing } from "../../policy/apigateway/xray-tracing";
import { APP_ORIGIN, openApiDocument, restApiProps, stageProps } from "./builders";
import { checkResource, unknown } from "./harness";

const api = (doc = openApiDocument(), extra: Record<string, unknown> = {}) => ({ type: aws.apigateway.RestApi, props: { ...restApiProps(doc), ...extra } });
const stage = (edit: (s: Record<string, any>) => void = () => {}) => {
    const props = stageProps();
    edit(props);
    return { type: aws.apigateway.Stage, props };
};

describe("policy: API Gateway resource rules", () => {
    describe("apigateway-xray-tracing", () => {
        it("passes a traced stage and fails one without tracing", async () => {
            expect((await checkResource(xrayTracing, stage())).violations).to.deep.equal([]);
            const off = await checkResource(xrayTracing, stage((s) => delete s.xrayTracingEnabled));
            expect(off.violations).to.deep.equal(["X-Ray tracing is off on this stage."]);
        });

        it("is not applicable to other types and cannot judge an unknown flag", async () => {
            expect((await checkResource(xrayTracing, api())).notApplicable).to.contain("aws:apigateway/stage:Stage");
            const r = await checkResource(xrayTracing, stage((s) => (s.xrayTracingEnabled = unknown.boolean)));
            expect(r.violations).to.deep.equal([]);
            expect(r.cannotJudge).to.match(/boolean value at \.xrayTracingEnabled/);
        });
    });

    describe("apigateway-access-logging", () => {
        it("accepts a JSON format whose numbers are unquoted $context variables", async () => {
            expect((await checkResource(accessLogging, stage())).violations).to.deep.equal([]);
        });

        it("fails without settings, with a CLF format, and without the required variables", async () => {
            expect((await checkResource(accessLogging, stage((s) => delete s.accessLogSettings))).violations[0]).to.contain("Access logging is off");
            const clf = await checkResource(accessLogging, stage((s) => (s.accessLogSettings.format = "$context.identity.sourceIp [$context.requestTime] $context.requestId")));
            expect(clf.violations[0]).to.contain("must be JSON");
            const missing = await checkResource(accessLogging, stage((s) => (s.accessLogSettings.format = '{"ip":"$context.identity.sourceIp"}')), {
                requiredVariables: ["$context.requestId", "$context.status"],
            });
            expect(missing.violations).to.deep.equal(["The access log format lacks $context.requestId, $context.status."]);
        });

        it("cannot judge a destination unknown in preview", async () => {
            const r = await checkResource(accessLogging, stage((s) => (s.accessLogSettings.destinationArn = unknown.string)));
            expect(r.cannotJudge).to.match(/accessLogSettings\.destinationArn/);
        });
    });

    describe("apigateway-endpoint-types", () => {
        it("allows REGIONAL by default and fails EDGE, including a RestApi with no endpointConfiguration", async () => {
            expect((await checkResource(endpointTypes, api())).violations).to.deep.equal([]);
            const edge = await checkResource(endpointTypes, api(undefined, { endpointConfiguration: { types: "EDGE" } }));
            expect(edge.violations).to.deep.equal(["Endpoint type EDGE is not allowed (allowed: REGIONAL, PRIVATE)."]);
            const implicit = await checkResource(endpointTypes, api(undefined, { endpointConfiguration: undefined }));
            expect(implicit.violations[0]).to.contain("EDGE");
        });

        it("takes the allowed types from config", async () => {
            const r = await checkResource(endpointTypes, api(), { allowedTypes: ["PRIVATE"] });
            expect(r.violations).to.deep.equal(["Endpoint type REGIONAL is not allowed (allowed: PRIVATE)."]);
        });
    });

    describe("apigateway-binary-media-types", () => {
        it("passes specific types and fails */* on the RestApi or in the body", async () => {
            expect((await checkResource(binaryMediaTypes, api())).violations).to.deep.equal([]);
            expect((await checkResource(binaryMediaTypes, api(undefined, { binaryMediaTypes: ["*/*"] }))).violations).to.deep.equal(["binaryMediaTypes includes */*."]);
            const doc = openApiDocument();
            doc["x-amazon-apigateway-binary-media-types"] = ["image/png", "*/*"];
            expect((await checkResource(binaryMediaTypes, api(doc))).violations[0]).to.contain("x-amazon-apigateway-binary-media-types includes */*");
        });

        it("reports a body it cannot read instead of passing it", async () => {
            const r = await checkResource(binaryMediaTypes, api(undefined, { body: "openapi: 3.0.1\npaths: {}" }));
            expect(r.violations[0]).to.match(/Cannot check .*not valid JSON/);
        });
    });

    describe("apigateway-domain-tls12", () => {
        const domain = (securityPolicy?: string) => ({ type: aws.apigateway.DomainName, props: { domainName: "api.example.com", securityPolicy } });

        it("passes TLS_1_2 and an enhanced TLS 1.3 policy, fails TLS_1_0 and a missing policy", async () => {
            expect((await checkResource(domainTls12, domain("TLS_1_2"))).violations).to.deep.equal([]);
            expect((await checkResource(domainTls12, domain("SecurityPolicy_TLS13_1_2_2021_06"))).violations).to.deep.equal([]);
            expect((await checkResource(domainTls12, domain("TLS_1_0"))).violations[0]).to.contain("TLS_1_0 is not allowed");
            expect((await checkResource(domainTls12, domain())).violations[0]).to.contain("accepts TLS 1.0");
        });
    });

    describe("apigateway-request-validation", () => {
        it("passes operations whose body and required parameters are validated", async () => {
            expect((await checkResource(requestValidation, api())).violations).to.deep.equal([]);
        });

        it("fails a body no validator checks, and required parameters without parameter validation", async () => {
            const doc = openApiDocument();
            doc.paths["/orders"].post["x-amazon-apigateway-request-validator"] = "params-only";
            delete doc["x-amazon-apigateway-request-validator"];
            const r = await checkResource(requestValidation, api(doc));
            expect(r.violations).to.deep.equal([
                "GET /orders requires query.limit but no validator checks request parameters.",
                'POST /orders takes a request body that no validator checks (validator "params-only" does not validate bodies).',
            ]);
        });

        it("ignores operations that take no input", async () => {
            const doc = openApiDocument();
            delete doc["x-amazon-apigateway-request-validator"];
            doc.paths = { "/health": { get: { security: [{ jwt: [] }] } } };
            expect((await checkResource(requestValidation, api(doc))).violations).to.deep.equal([]);
        });

        it("cannot judge a body unknown in preview", async () => {
            expect((await checkResource(requestValidation, api(undefined, { body: unknown.string }))).cannotJudge).to.match(/\.body/);
        });
    });

    describe("apigateway-method-authorization", () => {
        it("passes operations with authorizers and leaves the OPTIONS preflight alone", async () => {
            expect((await checkResource(methodAuthorization, api())).violations).to.deep.equal([]);
        });

        it("accepts an API key alone and a document-wide requirement", async () => {
            const doc = openApiDocument();
            delete doc.paths["/orders"].get.security;
            delete doc.paths["/orders"].post.security;
            doc.security = [{ api_key: [] }];
            expect((await checkResource(methodAuthorization, api(doc))).violations).to.deep.equal([]);
        });

        it("fails a missing requirement, an optional one ({}), and an undefined scheme", async () => {
            const doc = openApiDocument();
            delete doc.paths["/orders"].get.security;
            doc.paths["/orders"].post.security = [{ jwt: [] }, {}];
            doc.paths["/orders"]["x-amazon-apigateway-any-method"] = { security: [{ cognito: [] }] };
            const r = await checkResource(methodAuthorization, api(doc));
            expect(r.violations).to.deep.equal([
                "GET /orders is open: no security requirement.",
                "POST /orders is open: an empty security requirement ({}) makes authorization optional.",
                'ANY /orders is open: security scheme "cognito" is not defined.',
            ]);
        });

        it("judges aws.apigateway.Method resources too", async () => {
            const method = (props: Record<string, unknown>) => ({ type: aws.apigateway.Method, props: { restApi: "a1", resourceId: "r1", ...props } });
            expect((await checkResource(methodAuthorization, method({ httpMethod: "GET", authorization: "NONE" }))).violations[0]).to.contain("GET has authorization NONE");
            expect((await checkResource(methodAuthorization, method({ httpMethod: "GET", authorization: "NONE", apiKeyRequired: true }))).violations).to.deep.equal([]);
            expect((await checkResource(methodAuthorization, method({ httpMethod: "OPTIONS", authorization: "NONE" }))).violations).to.deep.equal([]);
            expect((await checkResource(methodAuthorization, method({ httpMethod: "POST", authorization: "AWS_IAM" }))).violations).to.deep.equal([]);
        });

        it("is not applicable to a stage", async () => {
            expect((await checkResource(methodAuthorization, stage())).notApplicable).to.contain("RestApi");
        });
    });

    describe("apigateway-cors-origins", () => {
        it("passes explicit origins", async () => {
            expect((await checkResource(corsOrigins, api())).violations).to.deep.equal([]);
        });

        it("fails a wildcard preflight on an authorized path, and a wildcard gateway response only with credentials", async () => {
            const doc = openApiDocument();
            doc.paths["/orders"].options["x-amazon-apigateway-integration"].responses.default.responseParameters["method.response.header.Access-Control-Allow-Origin"] = "'*'";
            const gateway = doc["x-amazon-apigateway-gateway-responses"];
            // API Gateway's own error responses echoing the Origin, without credentials: nothing to protect.
            gateway.DEFAULT_4XX.responseParameters["gatewayresponse.header.Access-Control-Allow-Origin"] = "method.request.header.Origin";
            gateway.DEFAULT_5XX = {
                responseParameters: {
                    "gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
                    "gatewayresponse.header.Access-Control-Allow-Credentials": "'true'",
                },
            };
            const r = await checkResource(corsOrigins, api(doc));
            expect(r.violations).to.deep.equal([
                "OPTIONS /orders (default) allows any origin on path /orders, whose methods require authorization.",
                "gateway response DEFAULT_5XX allows any origin together with credentials.",
            ]);
        });

        // Gateway responses are "not processed by the VTL engine" (x-amazon-apigateway-gateway-responses.responseTemplates),
        // so several allowed origins can only be echoed there; without Allow-Credentials a browser that sent
        // credentials cannot read the error (Fetch standard). What it reads is API Gateway's own message.
        it("accepts an echoed Origin with credentials on gateway responses, never on integration responses", async () => {
            const doc = openApiDocument();
            doc["x-amazon-apigateway-gateway-responses"].DEFAULT_4XX.responseParameters = {
                "gatewayresponse.header.Access-Control-Allow-Origin": "method.request.header.Origin",
                "gatewayresponse.header.Access-Control-Allow-Credentials": "'true'",
            };
            expect((await checkResource(corsOrigins, api(doc))).violations).to.deep.equal([]);
        });

        it("accepts a wildcard on a public path but not with credentials or an echoed Origin with credentials", async () => {
            const doc = openApiDocument();
            doc.paths = {
                "/status": {
                    get: {},
                    options: { "x-amazon-apigateway-integration": { responses: { default: { responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } } } },
                },
                "/session": {
                    options: {
                        "x-amazon-apigateway-integration": {
                            responses: {
                                default: {
                                    responseParameters: {
                                        "method.response.header.Access-Control-Allow-Origin": "method.request.header.Origin",
                                        "method.response.header.Access-Control-Allow-Credentials": "'true'",
                                    },
                                },
                            },
                        },
                    },
                },
            };
            delete doc["x-amazon-apigateway-gateway-responses"];
            const r = await checkResource(corsOrigins, api(doc));
            expect(r.violations).to.deep.equal(["OPTIONS /session (default) allows any origin together with credentials."]);
        });

        it("limits explicit origins to allowedOrigins when configured", async () => {
            const r = await checkResource(corsOrigins, api(), { allowedOrigins: ["https://admin.example.com"] });
            expect(r.violations).to.have.length(2);
            expect(r.violations[0]).to.contain(`allows origin ${APP_ORIGIN}, which is not in allowedOrigins`);
        });
    });

    describe("apigateway-usage-plan-limits", () => {
        const plan = (props: Record<string, unknown>) => ({ type: aws.apigateway.UsagePlan, props: { name: "gold", ...props } });
        const good = { throttleSettings: { rateLimit: 100, burstLimit: 200 }, quotaSettings: { limit: 100_000, period: "MONTH" } };

        it("passes a throttle and a quota within bounds", async () => {
            expect((await checkResource(usagePlanLimits, plan(good))).violations).to.deep.equal([]);
        });

        it("fails a missing throttle and quota", async () => {
            expect((await checkResource(usagePlanLimits, plan({}))).violations).to.deep.equal(["The usage plan has no throttleSettings.", "The usage plan has no quotaSettings."]);
        });

        it("fails limits above the configured bounds, including per-method throttles", async () => {
            const r = await checkResource(
                usagePlanLimits,
                plan({ ...good, apiStages: [{ apiId: "a1", stage: "v1", throttles: [{ path: "/orders/GET", rateLimit: 900 }] }] }),
                { maxRateLimit: 50, maxBurstLimit: 1000 },
            );
            expect(r.violations).to.deep.equal([
                "Usage plan throttle: rate limit must be <= 50 (got 100).",
                "Throttle for /orders/GET on stage v1: rate limit must be <= 50 (got 900).",
            ]);
        });

        it("rejects a policy config outside the parameter schema", async () => {
            const error = await checkResource(usagePlanLimits, plan(good), { maxBurstLimit: 0 }).catch((err: Error) => err);
            expect(String(error)).to.match(/maxBurstLimit must be >= 1/);
        });
    });
});
