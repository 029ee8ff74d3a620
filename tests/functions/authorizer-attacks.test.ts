import { expect } from "chai";
import { SignJWT, exportSPKI } from "jose";
import { createRequestHandler, createTokenHandler } from "../../functions/authorizer/handlers";
import { loggedAuthorizer, methodArn, outcome, testSettings } from "./support/authorizer-harness";
import { AUDIENCE, ISSUER, JwksServer, closedPortUrl, nowSeconds, rawToken, sign, signingKey, type SigningKey } from "./support/jwks-server";

const ARN = methodArn("GET", "/orders");

describe("JWT authorizer: every other request ends in Unauthorized", () => {
    let server: JwksServer;
    let trusted: SigningKey;
    let attackerRsa: SigningKey;
    let attackerEc: SigningKey;

    before(async () => {
        [trusted, attackerRsa, attackerEc] = await Promise.all([
            signingKey("trusted-1", "RS256"),
            signingKey("trusted-1", "RS256"),
            signingKey("attacker-ec", "ES256"),
        ]);
        server = await JwksServer.start();
    });
    beforeEach(() => {
        server.behaviour = { kind: "keys", keys: [trusted.publicJwk] };
    });
    after(() => server.stop());

    /** Runs one token through a fresh authorizer (its own key cache); returns outcome and logged reason. */
    async function attempt(token: string | undefined, overrides = {}, arn = ARN) {
        const { authorize, reasons } = loggedAuthorizer(testSettings(server.url, overrides));
        return { result: await outcome(authorize(token, arn)), reason: reasons.at(-1) };
    }

    function expectRejected(got: { result: unknown; reason?: string }, reason: string) {
        expect(got.result).to.equal("Unauthorized");
        expect(got.reason).to.equal(reason);
    }

    const claims = () => ({ iss: ISSUER, aud: AUDIENCE, sub: "mallory", scope: "orders/read orders/write", exp: nowSeconds() + 300 });

    it("sanity: the trusted key's token is allowed by the same setup", async () => {
        const got = await attempt(await sign(trusted));
        expect(got.result).to.have.property("principalId", "user-1");
    });

    describe("request shape", () => {
        const header = async (authorizationToken: string) => {
            const reasons: string[] = [];
            const handler = createTokenHandler(testSettings(server.url), { log: (_l, _m, f) => reasons.push(String(f?.reason)) });
            return { result: await outcome(handler({ type: "TOKEN", authorizationToken, methodArn: ARN })), reason: reasons.at(-1) };
        };

        it("missing Authorization header", async () => expectRejected(await header(""), "missing_token"));
        it("another scheme (Basic)", async () => expectRejected(await header(`Basic ${Buffer.from("a:b").toString("base64")}`), "missing_token"));
        it("bearer value that is not a JWS compact token", async () => expectRejected(await header("Bearer not-a-token"), "missing_token"));
        it("token far above any real JWT's length", async () => expectRejected(await header(`Bearer ${"a".repeat(9000)}.b.c`), "missing_token"));
        it("segments that are not base64url JSON", async () => expectRejected(await attempt("abc.def.ghi"), "malformed_token"));

        it("two Authorization headers on a REQUEST event", async () => {
            const token = await sign(trusted);
            const handler = createRequestHandler(testSettings(server.url), { log: () => undefined });
            const event = { type: "REQUEST", methodArn: ARN, headers: { Authorization: `Bearer ${token}` }, multiValueHeaders: { Authorization: [`Bearer ${token}`, "Bearer x.y.z"] } };
            expect(await outcome(handler(event as never))).to.equal("Unauthorized");
        });

        it("a method ARN that is not an execute-api method ARN", async () => {
            expectRejected(await attempt(await sign(trusted), {}, "arn:aws:s3:::bucket/key"), "bad_method_arn");
        });
    });

    describe("forged and tampered tokens", () => {
        it("alg: none with an empty signature", async () => {
            expectRejected(await attempt(rawToken({ alg: "none", typ: "JWT" }, claims())), "algorithm_not_allowed");
        });

        it("HS256 signed with the trusted public key as the HMAC secret", async () => {
            const pem = await exportSPKI(trusted.publicKey);
            for (const secret of [pem, JSON.stringify(trusted.publicJwk)]) {
                const token = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256", kid: trusted.kid }).sign(new TextEncoder().encode(secret));
                expectRejected(await attempt(token), "algorithm_not_allowed");
            }
        });

        it("an algorithm the issuer uses but this authorizer does not allow", async () => {
            expectRejected(await attempt(await sign(trusted), { algorithms: ["ES256"] }), "algorithm_not_allowed");
        });

        it("unknown kid (and the key set is refetched at most once for it)", async () => {
            const before = server.requests;
            expectRejected(await attempt(await sign({ ...attackerRsa, kid: "never-published" })), "unknown_key");
            expect(server.requests - before).to.equal(1);
        });

        it("ES256 signature under the trusted RSA key's kid", async () => {
            expectRejected(await attempt(await sign({ ...attackerEc, kid: trusted.kid })), "unknown_key");
        });

        it("signed by another key that reuses the trusted kid", async () => {
            expectRejected(await attempt(await sign(attackerRsa)), "bad_signature");
        });

        it("payload changed after signing (sub and scope swapped in)", async () => {
            const [h, , s] = (await sign(trusted, { sub: "user-1", scope: "profile" })).split(".");
            const p = Buffer.from(JSON.stringify({ ...claims(), sub: "admin" })).toString("base64url");
            expectRejected(await attempt(`${h}.${p}.${s}`), "bad_signature");
        });

        it("key URLs and embedded keys in the header are ignored (jku, x5u, jwk)", async () => {
            const token = await sign(attackerEc, {}, { jku: "http://127.0.0.1:1/attacker.json", x5u: "http://127.0.0.1:1/cert", jwk: attackerEc.publicJwk });
            expectRejected(await attempt(token), "unknown_key");
        });
    });

    describe("claims", () => {
        it("expired beyond the clock tolerance", async () => {
            expectRejected(await attempt(await sign(trusted, { exp: nowSeconds() - 31 })), "expired");
        });
        it("not yet valid beyond the clock tolerance", async () => {
            expectRejected(await attempt(await sign(trusted, { nbf: nowSeconds() + 31 })), "not_yet_valid");
        });
        // RFC 7519 §4.1.6: iat is the time the token was issued; one from the future beyond the skew
        // allowed on exp and nbf comes from a wrong clock or was minted for later use. jose checks iat
        // only against a maxTokenAge, so the verifier checks it.
        it("issued in the future beyond the clock tolerance (iat), while iat within it is accepted", async () => {
            expectRejected(await attempt(await sign(trusted, { iat: nowSeconds() + 120 })), "issued_in_future");
            // Well past the tolerance, so that a slow machine between signing and checking cannot bring it back within.
            expectRejected(await attempt(await sign(trusted, { iat: nowSeconds() + 45 })), "issued_in_future");
            const within = await attempt(await sign(trusted, { iat: nowSeconds() + 20 }));
            expect(within.result).to.not.equal("Unauthorized");
        });
        it("no exp at all", async () => {
            expectRejected(await attempt(await sign(trusted, { exp: undefined })), "missing_claim");
        });
        it("no sub", async () => {
            expectRejected(await attempt(await sign(trusted, { sub: undefined })), "missing_claim");
        });
        it("another issuer", async () => {
            expectRejected(await attempt(await sign(trusted, { iss: "https://evil.example/" })), "wrong_issuer");
        });
        it("another audience", async () => {
            expectRejected(await attempt(await sign(trusted, { aud: "billing-api" })), "wrong_audience");
        });
        it("another client_id when client_id is the audience claim", async () => {
            const token = await sign(trusted, { aud: undefined, client_id: "other-client" });
            expectRejected(await attempt(token, { audienceClaim: "client_id", audience: ["spa-client"] }), "wrong_audience");
        });
        it("the right audience only under aud when client_id is the audience claim", async () => {
            const token = await sign(trusted, { aud: "spa-client" });
            expectRejected(await attempt(token, { audienceClaim: "client_id", audience: ["spa-client"] }), "wrong_audience");
        });
    });

    describe("key set endpoint failures", () => {
        it("unreachable (connection refused)", async () => {
            const { authorize, reasons } = loggedAuthorizer(testSettings(await closedPortUrl()));
            expect(await outcome(authorize(await sign(trusted), ARN))).to.equal("Unauthorized");
            expect(reasons).to.deep.equal(["jwks_unavailable"]);
        });
        it("no answer within the timeout", async () => {
            server.behaviour = { kind: "hang" };
            const started = Date.now();
            expectRejected(await attempt(await sign(trusted), { jwksTimeoutMs: 150 }), "jwks_timeout");
            expect(Date.now() - started).to.be.below(2000);
        });
        it("an HTTP error status", async () => {
            server.behaviour = { kind: "body", status: 500, body: JSON.stringify({ keys: [trusted.publicJwk] }) };
            expectRejected(await attempt(await sign(trusted)), "jwks_unavailable");
        });
        it("a body that is not JSON", async () => {
            server.behaviour = { kind: "body", status: 200, body: "<html>maintenance</html>" };
            expectRejected(await attempt(await sign(trusted)), "jwks_unavailable");
        });
        it("JSON that is not a key set", async () => {
            server.behaviour = { kind: "body", status: 200, body: JSON.stringify({ keys: "rotate-later" }) };
            expectRejected(await attempt(await sign(trusted)), "jwks_invalid");
        });
        it("a key set without the signing key", async () => {
            server.behaviour = { kind: "keys", keys: [attackerEc.publicJwk] };
            expectRejected(await attempt(await sign(trusted)), "unknown_key");
        });
    });
});
