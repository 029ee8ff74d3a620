import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { authorizerEnvironment } from "../../functions/authorizer/settings";
import { MIB, uploadEnvironment } from "../../functions/uploads/settings";
import { buildHandlerBundle, bundleHandler, REPOSITORY_ROOT } from "../../components/functions/bundle";
import { methodArn, policyDecision, testSettings } from "./support/authorizer-harness";
import { JwksServer, sign, signingKey } from "./support/jwks-server";
import { isNodeModule, loadIsolatedBundle } from "./support/lambda-sandbox";
import { bodyOf, queryOf, uploadEvent, uploadSettings } from "./support/upload-harness";

/** Loads a bundle the way Lambda does: a lone index.js, required with the given environment. */
function loadBundle(code: string, env: Record<string, string>): { handler: (event: unknown) => Promise<any> } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-bundle-"));
    const file = path.join(dir, "index.js");
    fs.writeFileSync(file, code);
    const saved = { ...process.env };
    try {
        Object.assign(process.env, env);
        return require(file);
    } finally {
        process.env = saved;
        delete require.cache[file];
    }
}

describe("handler bundles (esbuild)", () => {
    it("bundles jose into the authorizer and leaves no import the Lambda runtime cannot satisfy", () => {
        const { code, externals } = buildHandlerBundle("functions/authorizer/token-handler.ts");
        expect(externals.filter((id) => !isNodeModule(id))).to.deep.equal([]);
        expect(code).to.contain("createRemoteJWKSet");
        expect(code).to.match(/module\.exports = __toCommonJS/);
    });

    // The nodejs22.x runtime ships "a specific minor version" of the AWS SDK v3 that "depends on
    // the runtime version and your AWS Region" and that Lambda updates
    // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included), so the
    // functions carry their own: the deployment package must need nothing but Node's modules.
    it("bundles the AWS SDK clients into the upload handler: it loads nothing but Node's own modules", () => {
        const { code, externals } = bundleHandler("functions/uploads/handler.ts");
        expect(externals.filter((id) => !isNodeModule(id))).to.deep.equal([]);
        expect(externals).to.include("node:https");
        expect(code).to.contain("// node_modules/@aws-sdk/client-s3/");
        expect(code).to.contain("// node_modules/@aws-sdk/s3-request-presigner/");
    });

    // S3 is a local server named by AWS_ENDPOINT_URL_S3, the SDKs' service-specific endpoint
    // variable (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html); it
    // answers CreateMultipartUpload as the S3 API reference shows
    // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html).
    it("runs as bundled with only Node's modules to load, calling S3 with the SDK version npm installed", async () => {
        const requests: { method?: string; url?: string; userAgent?: string }[] = [];
        const s3 = http.createServer((req, res) => {
            requests.push({ method: req.method, url: req.url, userAgent: req.headers["user-agent"] });
            res.writeHead(200, { "content-type": "application/xml" });
            res.end('<?xml version="1.0" encoding="UTF-8"?><InitiateMultipartUploadResult><Bucket>gatevault-dev-uploads</Bucket><Key>k</Key><UploadId>mpu-1</UploadId></InitiateMultipartUploadResult>');
        });
        await new Promise<void>((resolve) => s3.listen(0, "127.0.0.1", resolve));
        try {
            const env = {
                ...(uploadEnvironment(uploadSettings()) as Record<string, string>),
                AWS_REGION: "eu-west-1",
                AWS_ACCESS_KEY_ID: "AKIAEXAMPLEFUNCTION",
                AWS_SECRET_ACCESS_KEY: "test-secret",
                AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(s3.address() as AddressInfo).port}`,
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
            };
            const logs: string[] = [];
            const { handler } = loadIsolatedBundle(bundleHandler("functions/uploads/handler.ts").code, env, (line) => logs.push(line));
            const size = 200 * MIB;
            const response = await handler(uploadEvent("/uploads", { contentType: "video/mp4", size, fileName: "clip.mp4" }));
            expect(response.statusCode, response.body).to.equal(201);
            const body = bodyOf(response);
            expect(body).to.include({ mode: "multipart", uploadId: "mpu-1" });
            expect(body.parts).to.have.length(Math.ceil(size / (16 * MIB)));
            for (const part of body.parts) {
                const q = queryOf(part.url);
                expect(q["X-Amz-SignedHeaders"]).to.equal("content-length;host");
                expect(Object.keys(q).filter((k) => k.toLowerCase().includes("checksum"))).to.deep.equal([]);
            }
            expect(requests).to.have.length(1);
            expect(requests[0].method).to.equal("POST");
            expect(requests[0].url).to.match(/\/uploads\/[^/]+\/[0-9a-f-]{36}\/clip\.mp4\?uploads/);
            const installed: string = require("@aws-sdk/client-s3/package.json").version;
            expect(requests[0].userAgent).to.contain(`aws-sdk-js/${installed}`);
            expect(logs.map((l) => JSON.parse(l))).to.deep.equal([{ level: "info", message: "upload started", caller: "alice", key: body.key, mode: "multipart", size }]);
        } finally {
            await new Promise((resolve) => s3.close(resolve));
        }
    });

    it("is deterministic: same bytes from another working directory, no absolute paths", () => {
        const first = buildHandlerBundle("functions/authorizer/request-handler.ts");
        const cwd = process.cwd();
        try {
            process.chdir(os.tmpdir());
            const again = buildHandlerBundle(path.join(REPOSITORY_ROOT, "functions/authorizer/request-handler.ts"));
            expect(again.sha256).to.equal(first.sha256);
            expect(again.entry).to.equal("functions/authorizer/request-handler.ts");
        } finally {
            process.chdir(cwd);
        }
        expect(first.code).to.not.contain(REPOSITORY_ROOT);
        expect(bundleHandler("functions/authorizer/request-handler.ts")).to.equal(bundleHandler("./functions/authorizer/request-handler.ts"));
    });

    it("names the entry and the problem when a handler does not build", () => {
        expect(() => buildHandlerBundle("functions/no-such-handler.ts")).to.throw(/bundling functions\/no-such-handler\.ts failed:\n {2}.*Could not resolve/);
    });

    it("runs as bundled: the built authorizer allows a trusted token and refuses a forged one", async () => {
        const server = await JwksServer.start();
        try {
            const [trusted, attacker] = await Promise.all([signingKey("k1", "ES256"), signingKey("k1", "ES256")]);
            server.behaviour = { kind: "keys", keys: [trusted.publicJwk] };
            const { handler } = loadBundle(bundleHandler("functions/authorizer/token-handler.ts").code, authorizerEnvironment(testSettings(server.url)));
            const arn = methodArn("GET", "/orders");
            const allowed = await handler({ type: "TOKEN", authorizationToken: `Bearer ${await sign(trusted)}`, methodArn: arn });
            expect(policyDecision(allowed, arn)).to.equal("Allow");
            const warnings: string[] = [];
            const warn = console.warn;
            console.warn = (line: string) => warnings.push(line);
            let message: string | undefined;
            try {
                await handler({ type: "TOKEN", authorizationToken: `Bearer ${await sign(attacker)}`, methodArn: arn }).catch((err: Error) => (message = err.message));
            } finally {
                console.warn = warn;
            }
            expect(message).to.equal("Unauthorized");
            expect(warnings.map((w) => JSON.parse(w))).to.deep.equal([{ level: "warn", message: "request not authorized", reason: "bad_signature", detail: "bad_signature" }]);
        } finally {
            await server.stop();
        }
    });
});
