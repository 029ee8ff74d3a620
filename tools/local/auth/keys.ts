// The local identity provider: one RSA key pair kept on disk (created on first use), its
// public JWKS, and tokens signed with it. The JWT authorizer's real handler verifies these
// tokens when the server points it at the local JWKS and issuer; Cognito authorizers check
// them against the same key set. Nothing here is trusted outside this machine: the issuer is
// a reserved `.invalid` name no real provider can have.

import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTVerifyGetKey, SignJWT } from "jose";

/** The issuer of local tokens, and what JWT authorizers expect when served locally. */
export const LOCAL_ISSUER = "https://local.gatevault.invalid/";
const KEY_FILE = "signing-key.json";
const ALGORITHM = "RS256";
/** The members of an RSA JWK that are private (RFC 7518 section 6.3.2). */
const PRIVATE_MEMBERS = new Set(["d", "p", "q", "dp", "dq", "qi", "oth"]);

export interface LocalKeys {
    privateJwk: JWK;
    publicJwk: JWK;
}

export async function loadOrCreateKeys(dir: string): Promise<LocalKeys> {
    const file = path.join(dir, KEY_FILE);
    if (fs.existsSync(file)) {
        const privateJwk = JSON.parse(fs.readFileSync(file, "utf8")) as JWK;
        const publicJwk = Object.fromEntries(Object.entries(privateJwk).filter(([k]) => !PRIVATE_MEMBERS.has(k))) as JWK;
        return { privateJwk, publicJwk };
    }
    const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    const kid = `local-${randomUUID().slice(0, 8)}`;
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM, use: "sig" };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: "sig" };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
    return { privateJwk, publicJwk };
}

export function jwksOf(keys: LocalKeys): { keys: JWK[] } {
    return { keys: [keys.publicJwk] };
}

export function localKeySet(jwks: { keys: JWK[] }): JWTVerifyGetKey {
    return createLocalJWKSet(jwks);
}

export interface TokenRequest {
    issuer: string;
    subject: string;
    /** `aud` (or `client_id` for Cognito access tokens). */
    audience?: { claim: "aud" | "client_id"; value: string };
    scopes?: string[];
    groups?: { claim: string; values: string[] };
    ttlSeconds?: number;
    /** More claims (Cognito's token_use, for example). */
    claims?: Record<string, unknown>;
}

export async function mintToken(keys: LocalKeys, request: TokenRequest, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
    const claims: Record<string, unknown> = { ...request.claims };
    if (request.audience) claims[request.audience.claim] = request.audience.value;
    if (request.scopes && request.scopes.length > 0) claims.scope = request.scopes.join(" ");
    if (request.groups && request.groups.values.length > 0) claims[request.groups.claim] = request.groups.values;
    const key = await importJWK(keys.privateJwk, ALGORITHM);
    return new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM, kid: keys.privateJwk.kid!, typ: "JWT" })
        .setIssuer(request.issuer)
        .setSubject(request.subject)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + (request.ttlSeconds ?? 3600))
        .sign(key);
}
