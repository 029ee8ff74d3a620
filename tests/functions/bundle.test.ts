import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { authorizerEnvironment } from "../../functions/authorizer/settings";
import { buildHandlerBundle, bundleHandler, REPOSITORY_ROOT } from "../../components/functions/bundle";
import { methodArn, policyDecision, testSettings } from "./support/authorizer-harness";
import { JwksServer, sign, signingKey } from "./support/jwks-server";

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
        const { code } = buildHandlerBundle("functions/authorizer/token-handler.ts");
        const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
        expect(requires.filter((r) => !r.startsWith("node:") && !["crypto", "util", "buffer"].includes(r))).to.deep.equal([]);
        expect(code).to.contain("createRemoteJWKSet");
        expect(code).to.match(/module\.exports = __toCommonJS/);
    });

    it("keeps the AWS SDK v3 external in the upload handler (the nodejs22.x runtime provides it)", () => {
        const { code } = buildHandlerBundle("functions/uploads/handler.ts");
        expect(code).to.contain('require("@aws-sdk/client-s3")');
        expect(code).to.contain('require("@aws-sdk/s3-request-presigner")');
        // No SDK client code was inlined.
        expect(code).to.not.contain("class S3Client");
        expect(code.length).to.be.below(40_000);
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
