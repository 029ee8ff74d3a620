import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { expect } from "chai";
import fc from "fast-check";
import { SignJWT, exportSPKI, type JWTPayload } from "jose";
import type { Authorize } from "../../functions/authorizer/authorize";
import { loggedAuthorizer, methodArn, outcome, testSettings } from "./support/authorizer-harness";
import { AUDIENCE, ISSUER, JwksServer, nowSeconds, rawToken, sign, signingKey, type SigningKey } from "./support/jwks-server";

const ARN = methodArn("GET", "/orders");
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function allows(result: APIGatewayAuthorizerResult | string): boolean {
    return typeof result !== "string" && result.policyDocument.Statement.some((s) => s.Effect === "Allow");
}

/** Same bytes after base64url decoding: a change only in a signature's padding bits. */
function sameSignature(a: string, b: string): boolean {
    const [ha, pa, sa] = a.split(".");
    const [hb, pb, sb] = b.split(".");
    return ha === hb && pa === pb && sb !== undefined && Buffer.from(sa, "base64url").equals(Buffer.from(sb, "base64url"));
}

type Mutation = { kind: "replace" | "insert" | "delete"; at: number; char: string } | { kind: "truncate"; at: number } | { kind: "swap"; i: number; j: number } | { kind: "splice"; segment: number; donor: number };

function mutate(token: string, m: Mutation, donors: string[]): string {
    const segments = token.split(".");
    switch (m.kind) {
        case "replace": {
            const at = m.at % token.length;
            return token.slice(0, at) + m.char + token.slice(at + 1);
        }
        case "insert": {
            const at = m.at % (token.length + 1);
            return token.slice(0, at) + m.char + token.slice(at);
        }
        case "delete": {
            const at = m.at % token.length;
            return token.slice(0, at) + token.slice(at + 1);
        }
        case "truncate":
            return token.slice(0, m.at % token.length);
        case "swap":
            [segments[m.i], segments[m.j]] = [segments[m.j], segments[m.i]];
            return segments.join(".");
        case "splice":
            // One segment taken from another trusted token: valid pieces, wrong combination.
            segments[m.segment] = donors[m.donor % donors.length].split(".")[m.segment];
            return segments.join(".");
    }
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constantFrom("replace" as const, "insert" as const, "delete" as const), at: fc.nat(), char: fc.constantFrom(...`${BASE64URL}.=+/ `) }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("swap" as const), i: fc.integer({ min: 0, max: 2 }), j: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant("splice" as const), segment: fc.integer({ min: 0, max: 2 }), donor: fc.nat() }),
);

describe("JWT authorizer: property — nothing but the trusted key's signature is ever allowed", () => {
    let server: JwksServer;
    let trusted: SigningKey;
    let attackers: SigningKey[];
    let hmacSecrets: Uint8Array[];
    let valid: string[];
    let authorize: Authorize;

    before(async () => {
        trusted = await signingKey("trusted-1", "RS256");
        attackers = await Promise.all([signingKey("trusted-1", "RS256"), signingKey("trusted-1", "ES256"), signingKey("other", "ES256")]);
        hmacSecrets = [new TextEncoder().encode(await exportSPKI(trusted.publicKey)), new TextEncoder().encode(JSON.stringify(trusted.publicJwk))];
        server = await JwksServer.start();
        server.behaviour = { kind: "keys", keys: [trusted.publicJwk] };
        valid = await Promise.all([
            sign(trusted, { sub: "a", scope: "orders/read" }),
            sign(trusted, { sub: "b", scope: "orders/read orders/write" }),
            sign(trusted, { sub: "c", scope: "orders/read", "cognito:groups": ["order-admins"] }),
        ]);
        ({ authorize } = loggedAuthorizer(testSettings(server.url)));
    });
    after(() => server.stop());

    it("the unmodified trusted tokens are allowed (the property below can see an Allow)", async () => {
        for (const token of valid) {
            expect(allows(await outcome(authorize(token, ARN)))).to.equal(true);
        }
    });

    it("rejects every mutation of a trusted token that changes its signed bytes", async () => {
        let checked = 0;
        await fc.assert(
            fc.asyncProperty(fc.nat({ max: valid.length - 1 }), mutationArb, async (i, m) => {
                const token = mutate(valid[i], m, valid);
                fc.pre(token !== valid[i] && !sameSignature(valid[i], token));
                checked++;
                const result = await outcome(authorize(token, ARN));
                expect(allows(result), `allowed mutated token ${token}`).to.equal(false);
            }),
            { numRuns: 2500 },
        );
        expect(checked).to.be.above(2000);
    });

    it("rejects every token forged with other keys, HMAC over the public key, or no signature", async () => {
        const claimsArb = fc.record(
            {
                iss: fc.constantFrom(ISSUER, "https://evil.example/"),
                aud: fc.constantFrom(AUDIENCE, "other"),
                sub: fc.constantFrom("admin", "user-1", ""),
                scope: fc.constantFrom("orders/read", "orders/read orders/write", ""),
                exp: fc.integer({ min: -600, max: 3600 }).map((d) => nowSeconds() + d),
                nbf: fc.integer({ min: -600, max: 600 }).map((d) => nowSeconds() + d),
            },
            { requiredKeys: ["iss", "aud", "sub", "exp"] },
        );
        const forgeryArb = fc.record({
            claims: claimsArb,
            kid: fc.constantFrom<string | undefined>(trusted.kid, "other", undefined),
            how: fc.oneof(
                fc.record({ kind: fc.constant("attacker" as const), key: fc.nat({ max: attackers.length - 1 }) }),
                fc.record({ kind: fc.constant("hmac" as const), alg: fc.constantFrom("HS256", "HS384", "HS512"), secret: fc.nat({ max: 1 }) }),
                fc.record({ kind: fc.constant("unsigned" as const), alg: fc.constantFrom("none", "None", "NONE", "RS256", "ES256"), signature: fc.constantFrom("", "AAAA", "e30") }),
            ),
        });
        await fc.assert(
            fc.asyncProperty(forgeryArb, async ({ claims, kid, how }) => {
                const header = kid === undefined ? {} : { kid };
                let token: string;
                if (how.kind === "attacker") {
                    const key = attackers[how.key];
                    token = await new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: key.alg, ...header }).sign(key.privateKey);
                } else if (how.kind === "hmac") {
                    token = await new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: how.alg, ...header }).sign(hmacSecrets[how.secret]);
                } else {
                    token = rawToken({ alg: how.alg, ...header }, claims, how.signature);
                }
                const result = await outcome(authorize(token, ARN));
                expect(allows(result), `allowed forged token ${token}`).to.equal(false);
            }),
            { numRuns: 1000 },
        );
    });
});
