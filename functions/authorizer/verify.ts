// Verifies a JWT against the issuer's JWKS with jose, and names why a token was rejected.
// The remote key set is created once per verifier; the handler creates its verifier at
// module load, so keys are fetched once per Lambda execution environment, not per request.

import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { AuthorizerSettings } from "./settings";

export type RejectionReason =
    | "missing_token"
    | "malformed_token"
    | "algorithm_not_allowed"
    | "unsupported_token"
    | "unknown_key"
    | "bad_signature"
    | "expired"
    | "not_yet_valid"
    | "issued_in_future"
    | "wrong_issuer"
    | "wrong_audience"
    | "missing_claim"
    | "invalid_claim"
    | "jwks_timeout"
    | "jwks_invalid"
    | "jwks_unavailable"
    | "bad_method_arn"
    | "verification_failed";

/** Why a request was not allowed; the handler turns every one into `Unauthorized`. */
export class TokenRejected extends Error {
    constructor(readonly reason: RejectionReason, detail?: string) {
        super(detail ? `${reason}: ${detail}` : reason);
        this.name = "TokenRejected";
    }
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

const CLAIM_REASONS: Record<string, RejectionReason> = { nbf: "not_yet_valid", iss: "wrong_issuer", aud: "wrong_audience", exp: "expired" };

function rejectionOf(err: unknown): TokenRejected {
    if (err instanceof TokenRejected) {
        return err;
    }
    if (err instanceof errors.JWTExpired) {
        return new TokenRejected("expired");
    }
    if (err instanceof errors.JWTClaimValidationFailed) {
        if (err.reason === "missing") {
            return new TokenRejected("missing_claim", err.claim);
        }
        return new TokenRejected(CLAIM_REASONS[err.claim] ?? "invalid_claim", err.claim);
    }
    if (err instanceof errors.JOSEAlgNotAllowed) {
        return new TokenRejected("algorithm_not_allowed");
    }
    if (err instanceof errors.JOSENotSupported) {
        return new TokenRejected("unsupported_token", err.message);
    }
    if (err instanceof errors.JWSSignatureVerificationFailed) {
        return new TokenRejected("bad_signature");
    }
    if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) {
        return new TokenRejected("unknown_key");
    }
    if (err instanceof errors.JWKSTimeout) {
        return new TokenRejected("jwks_timeout");
    }
    if (err instanceof errors.JWKSInvalid || err instanceof errors.JWKInvalid) {
        return new TokenRejected("jwks_invalid");
    }
    if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) {
        return new TokenRejected("malformed_token");
    }
    if (err instanceof errors.JOSEError) {
        // Non-200 responses and unparseable bodies from the JWKS endpoint.
        return new TokenRejected(/JSON Web Key Set/.test(err.message) ? "jwks_unavailable" : "verification_failed", err.message);
    }
    if (err instanceof TypeError) {
        // fetch() failures (refused, DNS, TLS) surface as TypeError("fetch failed").
        return new TokenRejected("jwks_unavailable", err.message);
    }
    return new TokenRejected("verification_failed", err instanceof Error ? err.message : String(err));
}

export function remoteKeySet(settings: AuthorizerSettings): JWTVerifyGetKey {
    return createRemoteJWKSet(new URL(settings.jwksUrl), {
        timeoutDuration: settings.jwksTimeoutMs,
        // A token with an unknown kid refetches the set at most this often (key rotation).
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
    });
}

/**
 * A verifier bound to one key set. Rejections are `TokenRejected` with a reason; anything
 * that resolves has passed signature, algorithm, issuer, audience, exp, nbf and iat checks and
 * carries `sub` and `exp`. `now` is the clock in milliseconds (jose reads the same one).
 */
export function createTokenVerifier(settings: AuthorizerSettings, keys: JWTVerifyGetKey = remoteKeySet(settings), now: () => number = Date.now): TokenVerifier {
    const checkAudienceHere = settings.audienceClaim !== "aud";
    return async (token) => {
        try {
            const { payload } = await jwtVerify(token, keys, {
                algorithms: settings.algorithms,
                issuer: settings.issuer,
                audience: checkAudienceHere ? undefined : settings.audience,
                clockTolerance: settings.clockToleranceSeconds,
                requiredClaims: ["exp", "sub"],
            });
            if (checkAudienceHere) {
                const value = payload[settings.audienceClaim];
                if (typeof value !== "string" || !settings.audience.includes(value)) {
                    throw new TokenRejected("wrong_audience", settings.audienceClaim);
                }
            }
            if (typeof payload.sub !== "string" || payload.sub === "") {
                throw new TokenRejected("invalid_claim", "sub");
            }
            // jose checks iat only against a maxTokenAge; a token "issued" later than now (beyond
            // the clock tolerance allowed on exp and nbf) was minted by a wrong clock or for later use.
            if (typeof payload.iat === "number" && payload.iat > now() / 1000 + settings.clockToleranceSeconds) {
                throw new TokenRejected("issued_in_future", "iat");
            }
            return payload;
        } catch (err) {
            throw rejectionOf(err);
        }
    };
}
