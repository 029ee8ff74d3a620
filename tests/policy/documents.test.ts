// The pure readers the rules share: OpenAPI bodies, IAM policy documents, access log formats,
// and the unknown-aware answers stack policies combine.

import { UnknownValueError } from "@pulumi/policy";
import { expect } from "chai";
import { accessLogFormatProblem } from "../../policy/apigateway/access-logging";
import { authorizationOf, corsOriginsOf, inputsOf, operationsOf, parseOpenApiBody } from "../../policy/apigateway/openapi";
import { actionMatches, parsePolicyDocument, statementCovers } from "../../policy/common/iam-policy-document";
import { anyYes, bothYes } from "../../policy/common/unknowns";
import { APP_ORIGIN, openApiDocument } from "./builders";

const unknownError = new UnknownValueError("04da6b54-80e4-46f7-96ec-b56ff0331ba9", ["x"]);

describe("policy: shared document readers", () => {
    describe("OpenAPI bodies", () => {
        it("refuses what API Gateway would not read as OpenAPI", () => {
            expect(parseOpenApiBody("{")).to.include({ ok: false });
            expect(parseOpenApiBody("[]")).to.deep.equal({ ok: false, problem: "the OpenAPI body must be a JSON object (got an array)" });
            expect(parseOpenApiBody('{"paths": {}}')).to.deep.equal({ ok: false, problem: "the OpenAPI body has no openapi (or swagger) version field" });
            expect(parseOpenApiBody('{"openapi": "3.0.1"}')).to.deep.equal({ ok: false, problem: "the OpenAPI body has no paths object" });
        });

        // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
        it("lists operations with upper-case methods, ANY for the API Gateway any-method, and no other keys", () => {
            const doc = openApiDocument();
            doc.paths["/orders"].parameters = [];
            doc.paths["/orders"]["x-amazon-apigateway-any-method"] = {};
            expect(operationsOf(doc).map((op) => `${op.method} ${op.path}`)).to.deep.equal(["GET /orders", "POST /orders", "OPTIONS /orders", "ANY /orders"]);
        });

        it("resolves parameter references and reads Swagger 2 body parameters", () => {
            const doc = openApiDocument();
            const [get] = operationsOf(doc);
            expect(inputsOf(doc, get)).to.deep.equal({ body: false, requiredParameters: ["query.limit"] });
            const swagger = { swagger: "2.0", paths: { "/x": { put: { parameters: [{ in: "body", name: "b" }, { in: "header", name: "h", required: true }] } } } };
            expect(inputsOf(swagger, operationsOf(swagger)[0])).to.deep.equal({ body: true, requiredParameters: ["header.h"] });
        });

        it("tells authorizers from API keys, and alternatives that all need an authorizer", () => {
            const doc = openApiDocument();
            const [get] = operationsOf(doc);
            expect(authorizationOf(doc, get)).to.deep.equal({ ok: true, authorizer: true });
            get.operation.security = [{ jwt: [] }, { api_key: [] }];
            expect(authorizationOf(doc, get)).to.deep.equal({ ok: true, authorizer: false });
            get.operation.security = [];
            doc.security = [{ jwt: [] }];
            expect(authorizationOf(doc, get)).to.deep.equal({ ok: false, reason: "no security requirement" });
            get.operation["x-amazon-apigateway-auth"] = { type: "AWS_IAM" };
            expect(authorizationOf(doc, get)).to.deep.equal({ ok: true, authorizer: true });
        });

        it("reads CORS origins from integration and gateway responses, ignoring mappings it cannot resolve", () => {
            const doc = openApiDocument();
            doc["x-amazon-apigateway-gateway-responses"].DEFAULT_5XX = { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "stageVariables.origin" } };
            expect(corsOriginsOf(doc)).to.deep.equal([
                { where: "OPTIONS /orders (default)", path: "/orders", method: "OPTIONS", origin: APP_ORIGIN, echo: false, credentials: false },
                { where: "gateway response DEFAULT_4XX", path: undefined, method: undefined, origin: APP_ORIGIN, echo: false, credentials: false },
            ]);
        });
    });

    describe("IAM policy documents", () => {
        it("normalises single statements and string fields to lists", () => {
            const parsed = parsePolicyDocument({ Statement: { Effect: "Allow", Action: "s3:GetObject", Principal: { AWS: "arn:aws:iam::1:root" }, Resource: "*" } });
            expect(parsed.ok && parsed.value.statements[0]).to.include({ effect: "Allow" });
            expect(parsed.ok && parsed.value.statements[0].principal).to.deep.equal({ AWS: ["arn:aws:iam::1:root"] });
            expect(parsePolicyDocument('{"Statement":[{"Action":"x"}]}')).to.deep.equal({ ok: false, problem: 'policy document: Statement[0] needs an Effect of "Allow" or "Deny"' });
        });

        it("matches actions the way IAM does", () => {
            expect(actionMatches("backup:Delete*", "backup:DeleteRecoveryPoint")).to.equal(true);
            expect(actionMatches("BACKUP:deleterecoverypoint", "backup:DeleteRecoveryPoint")).to.equal(true);
            expect(actionMatches("backup:Delete?", "backup:DeleteRecoveryPoint")).to.equal(false);
            expect(actionMatches("s3.*", "s3:GetObject")).to.equal(false);
            const [notAction] = (parsePolicyDocument({ Statement: [{ Effect: "Deny", NotAction: "backup:Describe*" }] }) as any).value.statements;
            expect(statementCovers(notAction, "backup:DeleteRecoveryPoint")).to.equal(true);
            expect(statementCovers(notAction, "backup:DescribeBackupVault")).to.equal(false);
        });
    });

    describe("access log formats", () => {
        it("accepts JSON templates with quoted or bare $context variables and rejects the rest", () => {
            expect(accessLogFormatProblem('{"id":"$context.requestId","latency":$context.responseLatency}')).to.equal(undefined);
            expect(accessLogFormatProblem('"$context.requestId"')).to.equal("the format is not a JSON object");
            expect(accessLogFormatProblem("<request id=\"$context.requestId\"/>")).to.match(/not JSON/);
        });
    });

    describe("answers that may be unknown", () => {
        it("any yes decides; otherwise an unknown is thrown rather than read as no", () => {
            expect(anyYes([false, unknownError, true])).to.equal(true);
            expect(anyYes([false, false])).to.equal(false);
            expect(() => anyYes([false, unknownError])).to.throw(UnknownValueError);
        });

        it("a no on either side of a conjunction decides even when the other is unknown", () => {
            expect(bothYes(unknownError, () => false)).to.equal(false);
            expect(bothYes(false, () => unknownError)).to.equal(false);
            expect(bothYes(true, () => unknownError)).to.equal(unknownError);
            expect(bothYes(unknownError, () => true)).to.equal(unknownError);
        });
    });
});
