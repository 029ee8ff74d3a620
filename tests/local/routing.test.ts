// Routing, gateway responses, the payload limit and access logs of the local gateway, over HTTP.
// Expected behaviour is API Gateway's, as its developer guide states it (cited per test).

import { expect } from "chai";
import { definition, mock, serveTest, type TestApi } from "./support";

const DOCUMENT = {
    paths: {
        "/": { get: mock('{"at":"root"}') },
        "/items": { get: mock('{"route":"GET /items"}'), post: mock('{"route":"POST /items"}') },
        "/items/special": { get: mock('{"route":"special"}') },
        "/items/{id}": { get: mock(`{"id":"$input.params('id')"}`) },
        "/files/{proxy+}": { "x-amazon-apigateway-any-method": mock(`{"proxy":"$input.params('proxy')","method":"$context.httpMethod","env":"$stageVariables.env"}`) },
    },
    "x-amazon-apigateway-gateway-responses": {
        DEFAULT_4XX: {
            responseParameters: {
                "gatewayresponse.header.Access-Control-Allow-Origin": "'https://app.example'",
                "gatewayresponse.header.X-Seen-Origin": "method.request.header.Origin",
                "gatewayresponse.header.X-Stage-Env": "stageVariables.env",
            },
            responseTemplates: { "application/json": '{"error":$context.error.messageString,"type":"$context.error.responseType"}' },
        },
    },
};

/** One byte over API Gateway's 10 MB payload limit. */
const TOO_LARGE = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);

const ACCESS_LOG_FORMAT = '{"requestId":"$context.requestId","status":"$context.status","resourcePath":"$context.resourcePath","errorType":"$context.error.responseType","ip":"$context.identity.sourceIp"}';

describe("local gateway: routing and gateway responses (over HTTP)", () => {
    let api: TestApi;

    before(async () => {
        api = await serveTest(definition(DOCUMENT, { stage: { name: "test", variables: { env: "local" }, accessLogFormat: ACCESS_LOG_FORMAT } }));
    });
    after(() => api.close());

    // set-up-lambda-proxy-integrations.html ("API Gateway proxy resource"), api-gateway-method-settings-method-request.html
    it("routes a literal segment before a {param}, and gives the param's value to templates", async () => {
        expect((await api.call("/items/special")).json()).to.deep.equal({ route: "special" });
        expect((await api.call("/items/42")).json()).to.deep.equal({ id: "42" });
        expect((await api.call("/items")).json()).to.deep.equal({ route: "GET /items" });
        expect((await api.call("/items", { method: "POST" })).json()).to.deep.equal({ route: "POST /items" });
        expect((await api.call("")).json()).to.deep.equal({ at: "root" });
    });

    it("sends every method and any depth under {proxy+} to its ANY method", async () => {
        const answer = await api.call("/files/reports/2026/q4.pdf", { method: "DELETE" });
        expect(answer.status).to.equal(200);
        expect(answer.json()).to.deep.equal({ proxy: "reports/2026/q4.pdf", method: "DELETE", env: "local" });
    });

    // supported-gateway-response-types.html: MISSING_AUTHENTICATION_TOKEN, 403, "including the cases when
    // the client attempts to invoke an unsupported API method or resource"; unspecified types fall back to DEFAULT_4XX.
    it("answers an unknown resource with 403 Missing Authentication Token through DEFAULT_4XX, headers mapped", async () => {
        const answer = await api.call("/nothing/here", { headers: { Origin: "https://other.example" } });
        expect(answer.status).to.equal(403);
        expect(answer.json()).to.deep.equal({ error: "Missing Authentication Token", type: "MISSING_AUTHENTICATION_TOKEN" });
        expect(answer.headers.get("access-control-allow-origin")).to.equal("https://app.example");
        expect(answer.headers.get("x-seen-origin")).to.equal("https://other.example");
        expect(answer.headers.get("x-stage-env")).to.equal("local");
        expect(answer.headers.get("x-amzn-errortype")).to.equal("MissingAuthenticationTokenException");
    });

    it("answers a method the resource does not have (HEAD included: GET does not serve it) with the same 403", async () => {
        for (const method of ["DELETE", "HEAD"]) {
            const answer = await api.call("/items", { method });
            expect(answer.status, method).to.equal(403);
            expect(answer.headers.get("x-amzn-errortype"), method).to.equal("MissingAuthenticationTokenException");
        }
        // A header mapped from a request header that was not sent is left out.
        expect((await api.call("/items", { method: "DELETE" })).headers.has("x-seen-origin")).to.equal(false);
    });

    it("answers a path outside the stage with 403 Forbidden, as for a stage that does not exist", async () => {
        const answer = await fetch(api.url.replace(/\/test$/, "/prod/items"));
        expect(answer.status).to.equal(403);
        expect(await answer.json()).to.deep.equal({ message: "Forbidden" });
    });

    // limits.html: "Payload size 10 MB"; supported-gateway-response-types.html: REQUEST_TOO_LARGE, 413.
    it("refuses a payload above 10 MB with 413 REQUEST_TOO_LARGE and accepts one of exactly 10 MB", async () => {
        const tooLarge = await api.call("/items", { method: "POST", body: TOO_LARGE });
        expect(tooLarge.status).to.equal(413);
        expect(tooLarge.json().type).to.equal("REQUEST_TOO_LARGE");
        expect((await api.call("/items", { method: "POST", body: TOO_LARGE.subarray(0, 10 * 1024 * 1024) })).status).to.equal(200);
    });

    // set-up-logging.html: access logs in the stage's format, $context variables substituted.
    it("writes one access log line per request in the stage's format", async () => {
        const before = api.logs.length;
        const answer = await api.call("/nothing");
        expect(api.logs.length).to.equal(before + 1);
        const line = JSON.parse(api.logs[api.logs.length - 1]);
        expect(line).to.deep.equal({ requestId: answer.headers.get("x-amzn-requestid"), status: "403", resourcePath: "-", errorType: "MISSING_AUTHENTICATION_TOKEN", ip: "127.0.0.1" });
        await api.call("/items/7");
        expect(JSON.parse(api.logs[api.logs.length - 1])).to.include({ status: "200", resourcePath: "/items/{id}", errorType: "-" });
    });

    // supported-gateway-response-types.html, DEFAULT_4XX: "Changing the status code of this fallback gateway
    // response changes the status codes of all other 4XX responses"; a customised type keeps its own.
    it("applies DEFAULT_4XX's status code to every 4XX type the API does not customise", async () => {
        const custom = await serveTest(
            definition({
                paths: { "/a": { get: mock("{}") } },
                "x-amazon-apigateway-gateway-responses": {
                    DEFAULT_4XX: { statusCode: "418", responseTemplates: { "application/json": '{"m":$context.error.messageString}' } },
                    REQUEST_TOO_LARGE: { statusCode: "400", responseTemplates: { "application/json": '{"too":"large"}' } },
                },
            }),
        );
        try {
            const missing = await custom.call("/b");
            expect([missing.status, missing.json()]).to.deep.equal([418, { m: "Missing Authentication Token" }]);
            const large = await custom.call("/a", { method: "POST", body: TOO_LARGE });
            expect([large.status, large.json()]).to.deep.equal([400, { too: "large" }]);
        } finally {
            await custom.close();
        }
    });
});
