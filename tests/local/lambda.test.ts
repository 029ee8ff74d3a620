// Lambda proxy integrations of the local gateway, over HTTP: the bundled handler runs
// in-process with the REST (payload 1.0) event, its answer is checked as API Gateway checks
// it, binary media types and the integration timeout apply. Expected behaviour is API
// Gateway's, as its developer guide states it (cited per test).

import { expect } from "chai";
import { BINARY_BYTES } from "./fixtures/handlers";
import { definition, fixture, functionArn, lambdaProxy, serveTest, type TestApi } from "./support";

const DOCUMENT = {
    paths: {
        "/echo/{id}": { post: lambdaProxy("echo"), get: lambdaProxy("echo") },
        "/binary": { get: lambdaProxy("binary") },
        "/malformed": { get: lambdaProxy("malformed") },
        "/fails": { get: lambdaProxy("fails") },
        "/slow": { get: lambdaProxy("slow", { timeoutInMillis: 100 }) },
        "/hello": { get: lambdaProxy("environment") },
        "/hola": { get: lambdaProxy("environment-es") },
        "/nobody": { get: lambdaProxy("not-here") },
    },
    "x-amazon-apigateway-binary-media-types": ["image/png"],
};

describe("local gateway: Lambda proxy integrations (over HTTP)", () => {
    let api: TestApi;

    before(async () => {
        api = await serveTest(definition(DOCUMENT, { stage: { name: "test", variables: { color: "blue" } } }), {
            functions: [
                fixture("echo"),
                fixture("binary"),
                fixture("malformed"),
                fixture("fails"),
                fixture("slow"),
                fixture("environment", { GREETING: "hello" }),
                { ...fixture("environment", { GREETING: "hola" }), arn: functionArn("environment-es") },
            ],
        });
    });
    after(() => api.close());

    // set-up-lambda-proxy-integrations.html, "Input format of a Lambda function for proxy integration".
    it("gives the function the REST proxy event: resource, path, parameters, stage variables and request context", async () => {
        const answer = await api.call("/echo/o%2D1?tag=a&tag=b&page=2", { method: "POST", headers: { "X-Trace": "t-1", "content-type": "application/json" }, body: '{"n":1}' });
        expect(answer.status).to.equal(200);
        const event = answer.json();
        expect(event).to.include({ resource: "/echo/{id}", path: "/echo/o%2D1", httpMethod: "POST", body: '{"n":1}', isBase64Encoded: false });
        expect(event.pathParameters).to.deep.equal({ id: "o-1" });
        expect(event.queryStringParameters).to.deep.equal({ tag: "b", page: "2" });
        expect(event.multiValueQueryStringParameters).to.deep.equal({ tag: ["a", "b"], page: ["2"] });
        expect(event.headers["X-Trace"]).to.equal("t-1");
        expect(event.multiValueHeaders["X-Trace"]).to.deep.equal(["t-1"]);
        expect(event.stageVariables).to.deep.equal({ color: "blue" });
        expect(event.requestContext).to.include({ stage: "test", resourcePath: "/echo/{id}", path: "/test/echo/o%2D1", httpMethod: "POST", apiId: "a1b2c3d4e5", accountId: "111111111111" });
        expect(event.requestContext.requestId).to.equal(answer.headers.get("x-amzn-requestid"));
        expect(event.requestContext.identity.sourceIp).to.equal("127.0.0.1");
    });

    it("sends null for absent parameter maps and body, as the event format does", async () => {
        const event = (await api.call("/echo/x")).json();
        expect([event.queryStringParameters, event.multiValueQueryStringParameters, event.body]).to.deep.equal([null, null, null]);
    });

    // "Output format of a Lambda function for proxy integration": headers and multiValueHeaders both reach the client.
    it("returns the function's status, headers and multi-value headers as they are", async () => {
        const answer = await api.call("/echo/x");
        expect(answer.headers.get("x-echo")).to.equal("yes");
        expect(answer.headers.getSetCookie()).to.deep.equal(["a=1", "b=2"]);
    });

    // lambda-proxy-binary-media.html / api-gateway-payload-encodings.html
    it("base64-encodes a binary request body for the function and sets isBase64Encoded", async () => {
        const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe]);
        const event = (await api.call("/echo/b", { method: "POST", headers: { "content-type": "image/png" }, body: bytes })).json();
        expect(event.isBase64Encoded).to.equal(true);
        expect(Buffer.from(event.body, "base64").equals(bytes)).to.equal(true);
    });

    it("decodes an isBase64Encoded answer to bytes when the first Accept type is binary, and sends the base64 text otherwise", async () => {
        const asBinary = await api.call("/binary", { headers: { accept: "image/png" } });
        expect(asBinary.body.equals(Buffer.from(BINARY_BYTES))).to.equal(true);
        const asText = await api.call("/binary", { headers: { accept: "application/json, image/png" } });
        expect(asText.text).to.equal(Buffer.from(BINARY_BYTES).toString("base64"));
    });

    // set-up-lambda-proxy-integrations.html: a malformed response or a function error is 502 "Internal server error".
    it("answers 502 when the function's answer is not a proxy response or the function fails", async () => {
        for (const path of ["/malformed", "/fails"]) {
            const answer = await api.call(path);
            expect([answer.status, answer.json()], path).to.deep.equal([502, { message: "Internal server error" }]);
        }
    });

    // limits.html (integration timeout) and supported-gateway-response-types.html: INTEGRATION_TIMEOUT 504.
    it("answers 504 when the function does not answer within the integration timeout", async () => {
        const answer = await api.call("/slow");
        expect([answer.status, answer.json()]).to.deep.equal([504, { message: "Endpoint request timed out" }]);
    });

    // lambda configuration-envvars.html: the runtime's variables beside the function's own.
    it("runs each function with its own environment plus the Lambda runtime's variables, read at cold start", async () => {
        expect((await api.call("/hello")).json()).to.deep.equal({ greeting: "hello", region: "eu-west-1", name: "environment" });
        expect((await api.call("/hola")).json()).to.deep.equal({ greeting: "hola", region: "eu-west-1", name: "environment-es" });
    });

    it("answers 502 for a function it has no code for, and tells the operator how to supply it", async () => {
        expect((await api.call("/nobody")).status).to.equal(502);
        expect(api.warnings.some((w) => w.includes(functionArn("not-here")) && w.includes("--function not-here=<path to its handler file>"))).to.equal(true);
    });
});
