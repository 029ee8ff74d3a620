// HTTP, HTTP_PROXY, MOCK and AWS service integrations of the local gateway, with request and
// response mapping, over HTTP against a backend served by the test. Expected behaviour is API
// Gateway's, as its developer guide states it (cited per test).

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { definition, mock, serveTest, type TestApi } from "./support";

interface Seen {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
}

/** A backend: /orders/<id> answers by id, /slow after 500 ms, anything else echoes the request (201). */
async function startBackend(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
    const seen: Seen[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
            const order = /^\/orders\/([^/?]+)/.exec(req.url!)?.[1];
            if (req.url!.startsWith("/b64")) {
                res.writeHead(200, { "content-type": "text/plain" }).end(Buffer.from(PNG_SIGNATURE).toString("base64"));
            } else if (req.url!.startsWith("/slow")) {
                setTimeout(() => res.end("late"), 500).unref();
            } else if (order === "missing") {
                res.writeHead(404, { "content-type": "application/json" }).end('{"error":"no such order"}');
            } else if (order === "boom") {
                res.writeHead(503, { "content-type": "application/json" }).end('{"error":"down"}');
            } else if (order) {
                res.writeHead(200, { "content-type": "application/json", "x-backend-version": "7" }).end(JSON.stringify({ id: order, total: 12.5, secret: "card" }));
            } else {
                res.writeHead(201, { "content-type": "application/json", "x-backend": "echo" }).end(JSON.stringify({ method: req.method, url: req.url, body }));
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        close: () => new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}

const BACKEND = "https://backend.example.com";
const OVERRIDE = '#set($context.responseOverride.status = 202)#set($context.responseOverride.header.X-Override = "yes"){"ok":true}';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const http_ = (uri: string, extra: Record<string, unknown> = {}) => ({ "x-amazon-apigateway-integration": { type: "http", httpMethod: "GET", uri, timeoutInMillis: 29000, ...extra } });

const DOCUMENT = {
    "x-amazon-apigateway-binary-media-types": ["application/octet-stream"],
    paths: {
        "/orders/{id}": {
            get: http_(`${BACKEND}/orders/{id}`, {
                requestParameters: {
                    "integration.request.path.id": "method.request.path.id",
                    "integration.request.querystring.view": "'full'",
                    "integration.request.header.X-Caller": "method.request.header.X-Caller",
                },
                responses: {
                    default: {
                        statusCode: "200",
                        responseParameters: { "method.response.header.X-Version": "integration.response.header.x-backend-version", "method.response.header.X-Order": "integration.response.body.id" },
                        responseTemplates: { "application/json": '{"orderId":"$input.path(\'$.id\')","total":$input.json(\'$.total\')}' },
                    },
                    "404": { statusCode: "404", responseTemplates: { "application/json": `{"missing":"$input.params('id')"}` } },
                    "5\\d{2}": { statusCode: "502", responseTemplates: { "application/json": '{"message":"backend failed"}' } },
                },
            }),
        },
        "/orders": {
            post: http_(`${BACKEND}/orders`, {
                httpMethod: "POST",
                requestTemplates: { "application/json": '{"sku":$input.json(\'$.sku\'),"requestId":"$context.requestId","caller":"$input.params(\'X-Caller\')"}' },
                passthroughBehavior: "never",
                responses: { default: { statusCode: "201", responseTemplates: { "application/json": "$input.body" } } },
            }),
        },
        "/notes": {
            post: http_(`${BACKEND}/notes`, { httpMethod: "POST", requestTemplates: { "application/json": "{}" }, passthroughBehavior: "when_no_templates", responses: { default: { statusCode: "200" } } }),
        },
        "/raw": {
            post: http_(`${BACKEND}/raw`, { httpMethod: "POST", passthroughBehavior: "when_no_templates", responses: { default: { statusCode: "200", responseTemplates: { "application/json": "$input.body" } } } }),
        },
        "/proxy/{proxy+}": {
            "x-amazon-apigateway-any-method": {
                "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "ANY", uri: `${BACKEND}/{proxy}`, requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" } },
            },
        },
        "/versioned": { get: http_("https://${stageVariables.backendHost}/${stageVariables.version}/items", { responses: { default: { statusCode: "200", responseTemplates: { "application/json": "$input.body" } } } }) },
        "/to-text": {
            post: http_(`${BACKEND}/to-text`, { httpMethod: "POST", contentHandling: "CONVERT_TO_TEXT", passthroughBehavior: "when_no_match", responses: { default: { statusCode: "200", responseTemplates: { "application/json": "$input.body" } } } }),
        },
        "/image": { get: http_(`${BACKEND}/b64`, { responses: { default: { statusCode: "200", contentHandling: "CONVERT_TO_BINARY", responseParameters: { "method.response.header.Content-Type": "'image/png'" } } } }) },
        "/slow": { get: http_(`${BACKEND}/slow`, { timeoutInMillis: 100, responses: { default: { statusCode: "200" } } }) },
        "/override": {
            get: mock(OVERRIDE, { responses: { default: { statusCode: "200", responseParameters: { "method.response.header.X-Static": "'v1'" }, responseTemplates: { "application/json": OVERRIDE } } } }),
        },
        "/mock-error": {
            get: mock("{}", {
                requestTemplates: { "application/json": '{"statusCode": 500}' },
                responses: { default: { statusCode: "200" }, "5\\d{2}": { statusCode: "503", responseTemplates: { "application/json": '{"mocked":"failure"}' } } },
            }),
        },
        "/stock/{sku}": {
            get: {
                "x-amazon-apigateway-integration": {
                    type: "aws",
                    httpMethod: "POST",
                    uri: "arn:aws:apigateway:eu-west-1:dynamodb:action/GetItem",
                    credentials: "arn:aws:iam::111111111111:role/reader",
                    requestTemplates: { "application/json": '{"TableName":"stock","Key":{"sku":{"S":"$input.params(\'sku\')"}}}' },
                    responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"sku":"$input.path(\'$.Item.sku.S\')","count":$input.path(\'$.Item.count.N\')}' } } },
                },
            },
        },
        "/unstocked": {
            get: { "x-amazon-apigateway-integration": { type: "aws", httpMethod: "POST", uri: "arn:aws:apigateway:eu-west-1:dynamodb:action/Scan", responses: { default: { statusCode: "200" } } } },
        },
    },
};

describe("local gateway: integrations and mapping (over HTTP)", () => {
    let api: TestApi;
    let backend: Awaited<ReturnType<typeof startBackend>>;

    before(async () => {
        backend = await startBackend();
        api = await serveTest(definition(DOCUMENT, { stage: { name: "test", variables: { backendHost: "backend.example.com", version: "v2" } } }), {
            backends: { "backend.example.com": backend.url },
            awsFixtures: { "GET /stock/{sku}": { statusCode: 200, body: { Item: { sku: { S: "A-1" }, count: { N: "7" } } } } },
        });
    });
    after(async () => {
        await api.close();
        await backend.close();
    });

    // request-response-data-mappings.html: integration.request.{path,querystring,header} from method.request.* or 'static';
    // method.response.header from integration.response.header.* and integration.response.body.<JSONPath>.
    it("HTTP: maps path, query and header parameters to the backend and maps the answer through the default response", async () => {
        const answer = await api.call("/orders/o-1", { headers: { "X-Caller": "tests" } });
        expect(answer.status).to.equal(200);
        expect(answer.json()).to.deep.equal({ orderId: "o-1", total: 12.5 });
        expect(answer.headers.get("x-version")).to.equal("7");
        expect(answer.headers.get("x-order")).to.equal("o-1");
        // Backend headers are not passed unless mapped.
        expect(answer.headers.has("x-backend-version")).to.equal(false);
        const seen = backend.seen[backend.seen.length - 1];
        expect(seen.url).to.equal("/orders/o-1?view=full");
        expect(seen.headers["x-caller"]).to.equal("tests");
    });

    // api-gateway-integration-settings-integration-response.html: selectionPattern is a regex over the backend status code.
    it("HTTP: chooses the integration response by selection pattern over the backend's status code", async () => {
        const missing = await api.call("/orders/missing");
        expect([missing.status, missing.json()]).to.deep.equal([404, { missing: "missing" }]);
        const failed = await api.call("/orders/boom");
        expect([failed.status, failed.json()]).to.deep.equal([502, { message: "backend failed" }]);
    });

    it("HTTP: renders the request template with $input, $context and sends its output as the body", async () => {
        const answer = await api.call("/orders", { method: "POST", headers: { "content-type": "application/json", "X-Caller": "shop" }, body: JSON.stringify({ sku: "A-1", price: 1 }) });
        expect(answer.status).to.equal(201);
        const sent = JSON.parse(backend.seen[backend.seen.length - 1].body);
        expect(sent).to.deep.equal({ sku: "A-1", requestId: answer.headers.get("x-amzn-requestid"), caller: "shop" });
    });

    // integration-passthrough-behaviors.html
    it("refuses an unmapped content type with 415 under NEVER and WHEN_NO_TEMPLATES (templates defined), passes it when there are none", async () => {
        const never = await api.call("/orders", { method: "POST", headers: { "content-type": "text/plain" }, body: "sku=A" });
        expect([never.status, never.headers.get("x-amzn-errortype")]).to.deep.equal([415, "UnsupportedMediaTypeException"]);
        expect((await api.call("/notes", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" })).status).to.equal(415);
        const raw = await api.call("/raw", { method: "POST", headers: { "content-type": "text/plain" }, body: "as is" });
        expect([raw.status, JSON.parse(raw.text).body]).to.deep.equal([200, "as is"]);
    });

    // set-up-http-proxy-integrations-in-api-gateway.html: HTTP_PROXY passes request and response through.
    it("HTTP_PROXY: passes method, greedy path, query string, headers and body through, and the backend's answer back unchanged", async () => {
        const answer = await api.call("/proxy/a/b%20c?x=1&x=2", { method: "PUT", headers: { "X-Trace": "t-9", "content-type": "text/plain" }, body: "payload" });
        expect(answer.status).to.equal(201);
        expect(answer.headers.get("x-backend")).to.equal("echo");
        expect(answer.json()).to.deep.equal({ method: "PUT", url: "/a/b%20c?x=1&x=2", body: "payload" });
        expect(backend.seen[backend.seen.length - 1].headers["x-trace"]).to.equal("t-9");
    });

    // stage-variables.html: ${stageVariables.<name>} in an integration URI is replaced by the stage variable's value.
    it("fills stage variables into the integration URI", async () => {
        const answer = await api.call("/versioned");
        expect([answer.status, answer.json().url]).to.deep.equal([200, "/v2/items"]);
    });

    // api-gateway-payload-encodings-workflow.html: CONVERT_TO_TEXT base64-encodes a binary payload for the
    // integration; CONVERT_TO_BINARY on an integration response base64-decodes its text.
    it("converts payloads by contentHandling: binary to base64 text for the backend, base64 text to bytes for the client", async () => {
        const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff]);
        const sent = await api.call("/to-text", { method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes });
        expect(JSON.parse(sent.text).body).to.equal(bytes.toString("base64"));
        const image = await api.call("/image");
        expect(image.headers.get("content-type")).to.equal("image/png");
        expect(image.body.equals(Buffer.from(PNG_SIGNATURE))).to.equal(true);
    });

    // limits.html: integration timeout 50 ms - 29 s; supported-gateway-response-types.html: INTEGRATION_TIMEOUT 504.
    it("answers 504 when the backend does not answer within the integration's timeoutInMillis", async () => {
        const answer = await api.call("/slow");
        expect(answer.status).to.equal(504);
        expect(answer.json()).to.deep.equal({ message: "Endpoint request timed out" });
    });

    // apigateway-override-request-response-parameters.html
    it("MOCK: lets a response template override the status and add headers through $context.responseOverride", async () => {
        const answer = await api.call("/override");
        expect(answer.status).to.equal(202);
        expect(answer.headers.get("x-override")).to.equal("yes");
        expect(answer.headers.get("x-static")).to.equal("v1");
        expect(answer.json()).to.deep.equal({ ok: true });
    });

    // how-to-mock-integration.html: the request template's statusCode is the integration response's status.
    it("MOCK: takes the status from the request template and selects the response by it", async () => {
        const answer = await api.call("/mock-error");
        expect([answer.status, answer.json()]).to.deep.equal([503, { mocked: "failure" }]);
    });

    it("AWS service: answers from the fixture for the route, through response mapping; a missing fixture fails clearly", async () => {
        const answer = await api.call("/stock/A-1");
        expect([answer.status, answer.json()]).to.deep.equal([200, { sku: "A-1", count: 7 }]);
        const missing = await api.call("/unstocked");
        expect(missing.status).to.equal(500);
        expect(api.warnings.some((w) => w.includes('no fixture for the AWS service integration of GET /unstocked') && w.includes("--aws-fixtures"))).to.equal(true);
    });
});
