// Feature 8: TOKEN, REQUEST and Cognito authorizers as security schemes defined once,
// scopes per method, and the API-key requirement (feature 5's part of the document).

import { expect } from "chai";
import { apiConfig, build, configProblems, editApi, expectProblem, expectValidOpenApi, LAMBDA_ARN, operation } from "./support";

const POOL = "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbCdEf123";
const mock = { type: "MOCK" };

describe("OpenAPI builder: authorizers and API keys", () => {
    const built = build(
        apiConfig({
            authorizers: {
                jwt: { type: "TOKEN", function: LAMBDA_ARN, identityValidationExpression: "^Bearer .+$" },
                tenant: {
                    type: "REQUEST",
                    function: "tenant-authorizer",
                    identitySources: ["method.request.header.X-Tenant", "method.request.querystring.tenant"],
                    resultTtlSeconds: 0,
                },
                users: { type: "COGNITO_USER_POOLS", userPoolArns: [POOL] },
            },
            defaultAuthorizer: "jwt",
            usagePlans: { free: { throttle: { rateLimit: 1, burstLimit: 1 }, quota: { limit: 10, period: "DAY" } } },
            routes: [
                { path: "/a", method: "GET", integration: mock },
                { path: "/b", method: "GET", integration: mock },
                { path: "/c", method: "GET", authorizer: "users", scopes: ["orders/read"], integration: mock },
                { path: "/d", method: "GET", authorizer: "tenant", apiKeyRequired: true, integration: mock },
                { path: "/health", method: "GET", authorizer: "NONE", integration: mock },
            ],
        }),
        { available: { functions: ["tenant-authorizer"] } },
    );
    const schemes = (built.document.components as any).securitySchemes;

    it("defines each authorizer once, however many routes use it", async () => {
        expect(Object.keys(schemes).sort()).to.deep.equal(["api_key", "jwt", "tenant", "users"]);
        expect(operation(built, "/a", "get").security).to.deep.equal([{ jwt: [] }]);
        expect(operation(built, "/b", "get").security).to.deep.equal([{ jwt: [] }]);
        expect(built.text.match(/"x-amazon-apigateway-authorizer"/g)).to.have.length(3);
        await expectValidOpenApi(built.document);
    });

    it("makes a TOKEN authorizer with a Lambda URI, header identity, validation regex and a 300 s default cache", () => {
        expect(schemes.jwt).to.deep.equal({
            type: "apiKey",
            name: "Authorization",
            in: "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": {
                type: "token",
                authorizerUri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${LAMBDA_ARN}/invocations`,
                identitySource: "method.request.header.Authorization",
                authorizerResultTtlInSeconds: 300,
                identityValidationExpression: "^Bearer .+$",
            },
        });
    });

    it("makes a REQUEST authorizer from several identity sources, here uncached", () => {
        expect(schemes.tenant["x-amazon-apigateway-authorizer"]).to.deep.equal({
            type: "request",
            authorizerUri: "@@gatevault:lambda-invoke-uri:tenant-authorizer@@",
            identitySource: "method.request.header.X-Tenant, method.request.querystring.tenant",
            authorizerResultTtlInSeconds: 0,
        });
        expect(built.lambdaAuthorizers.map((a) => a.authorizer)).to.deep.equal(["jwt", "tenant"]);
    });

    it("makes a Cognito authorizer and asks for scopes per method", () => {
        expect(schemes.users["x-amazon-apigateway-authtype"]).to.equal("cognito_user_pools");
        expect(schemes.users["x-amazon-apigateway-authorizer"]).to.deep.equal({
            type: "cognito_user_pools",
            providerARNs: [POOL],
            identitySource: "method.request.header.Authorization",
        });
        expect(operation(built, "/c", "get").security).to.deep.equal([{ users: ["orders/read"] }]);
    });

    it("requires the API key together with the authorizer, and lets a route opt out of the default", () => {
        expect(operation(built, "/d", "get").security).to.deep.equal([{ tenant: [], api_key: [] }]);
        expect(schemes.api_key).to.deep.equal({ type: "apiKey", name: "x-api-key", in: "header" });
        expect(operation(built, "/health", "get")).to.not.have.property("security");
        expect(built.document["x-amazon-apigateway-api-key-source"]).to.equal("HEADER");
    });

    it("takes the key from the authorizer when apiKeySource is AUTHORIZER", () => {
        const api = apiConfig({ apiKeySource: "AUTHORIZER", authorizers: { jwt: { type: "TOKEN", function: LAMBDA_ARN } } });
        expect(build(api).document["x-amazon-apigateway-api-key-source"]).to.equal("AUTHORIZER");
    });

    it("rejects a cache TTL outside 0-3600, scopes without Cognito, and unknown authorizer names", () => {
        const ttl = configProblems(editApi((a) => (a.authorizers.jwt.resultTtlSeconds = 3601)));
        expectProblem(ttl, "gatevault:apis[0].authorizers.jwt.resultTtlSeconds", /must be <= 3600 \(got 3601\)/);
        const scopes = configProblems(editApi((a) => (a.routes[1].scopes = ["orders/read"])));
        expectProblem(scopes, "gatevault:apis[0].routes[1].scopes", /need a COGNITO_USER_POOLS authorizer on the route \(route GET \/orders uses jwt\)/);
        const unknown = configProblems(editApi((a) => (a.routes[1].authorizer = "admins")));
        expectProblem(unknown, "gatevault:apis[0].routes[1].authorizer", /names no authorizer \(route GET \/orders; authorizers: jwt; or NONE\)/);
        const misplaced = configProblems(editApi((a) => (a.authorizers.jwt.userPoolArns = [POOL])));
        expectProblem(misplaced, "gatevault:apis[0].authorizers.jwt.userPoolArns", /is not used by TOKEN authorizers/);
    });
});
