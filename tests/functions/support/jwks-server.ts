// An issuer for authorizer tests: key pairs generated in the test, a JWKS served over HTTP
// on 127.0.0.1 (ephemeral port), and a switch to make the endpoint misbehave.

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";

export interface SigningKey {
    kid: string;
    alg: "RS256" | "ES256";
    privateKey: CryptoKey;
    publicKey: CryptoKey;
    publicJwk: JWK;
}

export async function signingKey(kid: string, alg: "RS256" | "ES256"): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
    return { kid, alg, privateKey, publicKey, publicJwk };
}

/** What the JWKS endpoint answers: the key set, or a failure mode. */
export type JwksBehaviour =
    | { kind: "keys"; keys: JWK[] }
    | { kind: "body"; status: number; body: string }
    | { kind: "hang" };

export class JwksServer {
    requests = 0;
    behaviour: JwksBehaviour = { kind: "keys", keys: [] };
    private readonly server: http.Server;
    private readonly hanging = new Set<http.ServerResponse>();

    private constructor() {
        this.server = http.createServer((_req, res) => {
            this.requests++;
            const b = this.behaviour;
            if (b.kind === "hang") {
                this.hanging.add(res);
                return;
            }
            const body = b.kind === "keys" ? JSON.stringify({ keys: b.keys }) : b.body;
            res.writeHead(b.kind === "keys" ? 200 : b.status, { "content-type": "application/json" });
            res.end(body);
        });
    }

    static async start(): Promise<JwksServer> {
        const s = new JwksServer();
        await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
        return s;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
    }

    async stop(): Promise<void> {
        this.hanging.forEach((res) => res.destroy());
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}

/** A port that was just free: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return `http://127.0.0.1:${port}/jwks.json`;
}

export const ISSUER = "https://issuer.test.example/";
export const AUDIENCE = "orders-api";

export function nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
}

/** A token for the test issuer; `claims` and `header` override the defaults. */
export async function sign(key: SigningKey, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
    const now = nowSeconds();
    return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: "user-1", iat: now, exp: now + 300, scope: "orders/read", ...claims })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT", ...header })
        .sign(key.privateKey);
}

export function base64url(value: string | Uint8Array): string {
    return Buffer.from(value).toString("base64url");
}

/** A JWS compact token from raw parts, for forgeries jose would refuse to produce. */
export function rawToken(header: object, payload: object, signature = ""): string {
    return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}
