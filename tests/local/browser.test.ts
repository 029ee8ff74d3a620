// CORS decided by a real browser: headless Chromium (Debian's package, driven by
// playwright-core) loads a page from one local origin and calls the local API on another.
// What the page can read is what a browser would let a web app read from API Gateway with the
// same document: preflights answered by the OPTIONS method's MOCK integration, CORS headers
// from integration responses and from gateway responses on 4XX
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html,
// "Enable CORS on a resource using the API Gateway console" and "CORS for gateway responses").
// Skipped, with the reason printed, only when no Chromium is installed.

import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import type { BrowserContext, Page } from "playwright-core";
import { definition, mock, serveTest, type TestApi } from "./support";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const q = (value: string) => `'${value}'`;

/** The document: preflights, credentialed answers and gateway responses, all for one allowed origin. */
function corsDocument(origin: string) {
    const cors = { "method.response.header.Access-Control-Allow-Origin": q(origin), "method.response.header.Access-Control-Allow-Credentials": q("true") };
    const answer = (template: string, parameters: Record<string, string> = cors) =>
        mock(template, { responses: { default: { statusCode: "200", responseParameters: parameters, responseTemplates: { "application/json": template } } } });
    const preflight = (methods: string, headers: string) =>
        mock("", {
            responses: {
                default: {
                    statusCode: "200",
                    responseParameters: {
                        ...cors,
                        "method.response.header.Access-Control-Allow-Methods": q(methods),
                        "method.response.header.Access-Control-Allow-Headers": q(headers),
                        "method.response.header.Access-Control-Max-Age": q("0"),
                    },
                },
            },
        });
    return {
        paths: {
            "/orders": {
                options: preflight("GET,POST,OPTIONS", "Content-Type,X-Client-Version"),
                post: answer(`{"created":true,"clientVersion":"$input.params('X-Client-Version')"}`),
                get: answer('{"orders":[]}'),
            },
            "/wildcard": { get: answer('{"open":true}', { "method.response.header.Access-Control-Allow-Origin": q("*") }) },
        },
        "x-amazon-apigateway-gateway-responses": {
            DEFAULT_4XX: {
                responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": q(origin), "gatewayresponse.header.Access-Control-Allow-Credentials": q("true") },
                responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
            },
        },
    };
}

/** What the page's fetch could see: the status and body, or the error the browser raised. */
type Seen = { status: number; body: string } | { error: string };

async function pageFetch(page: Page, url: string, init: { method?: string; headers?: Record<string, string>; body?: string; credentials?: "include" | "omit" }): Promise<Seen> {
    return page.evaluate(
        async ({ url, init }) => {
            try {
                const response = await fetch(url, init);
                return { status: response.status, body: await response.text() };
            } catch (err) {
                return { error: String(err) };
            }
        },
        { url, init },
    );
}

describe("local gateway: CORS in a real browser (headless Chromium)", function () {
    this.timeout(60_000);
    let site: http.Server;
    let origin: string;
    let api: TestApi;
    let browser: BrowserContext | undefined;
    let page: Page;

    before(async function () {
        if (!fs.existsSync(CHROMIUM)) {
            console.warn(`    browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
            this.skip();
        }
        site = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>app</title><p>app</p>"));
        await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
        origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
        api = await serveTest(definition(corsDocument(origin), { stage: { name: "test", accessLogFormat: '{"method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status"}' } }));
        const { chromium } = await import("playwright-core");
        browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-chromium-")), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
        page = await browser.newPage();
        await page.goto(`${origin}/`);
    });

    after(async () => {
        await browser?.close();
        await api?.close();
        site?.closeAllConnections();
        await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    });

    it("sends a preflight for a POST with a custom header, and the page reads the answer the preflight allowed", async () => {
        const logged = api.logs.length;
        const seen = await pageFetch(page, `${api.url}/orders`, { method: "POST", headers: { "Content-Type": "application/json", "X-Client-Version": "7.1" }, body: "{}", credentials: "include" });
        expect(seen).to.deep.equal({ status: 200, body: '{"created":true,"clientVersion":"7.1"}' });
        const methods = api.logs.slice(logged).map((l) => JSON.parse(l).method);
        expect(methods).to.deep.equal(["OPTIONS", "POST"]);
    });

    it("blocks a request whose custom header the preflight does not allow, before it is sent", async () => {
        const logged = api.logs.length;
        const seen = await pageFetch(page, `${api.url}/orders`, { method: "POST", headers: { "X-Other": "1" }, body: "{}" });
        expect(seen).to.have.property("error").that.matches(/Failed to fetch/);
        expect(api.logs.slice(logged).map((l) => JSON.parse(l).method)).to.deep.equal(["OPTIONS"]);
    });

    it("lets the page read a credentialed GET only when the answer names its origin and allows credentials", async () => {
        expect(await pageFetch(page, `${api.url}/orders`, { credentials: "include" })).to.deep.equal({ status: 200, body: '{"orders":[]}' });
        // Access-Control-Allow-Origin: * never satisfies a credentialed request; without credentials it does.
        expect(await pageFetch(page, `${api.url}/wildcard`, { credentials: "include" })).to.have.property("error");
        expect(await pageFetch(page, `${api.url}/wildcard`, { credentials: "omit" })).to.deep.equal({ status: 200, body: '{"open":true}' });
    });

    it("lets the page read a 4XX body when the gateway response carries the CORS headers", async () => {
        expect(await pageFetch(page, `${api.url}/no/such/route`, { credentials: "include" })).to.deep.equal({ status: 403, body: '{"message":"Missing Authentication Token"}' });
    });
});
