// Reads the token from an `Authorization: Bearer <jwt>` value. Anything that is not exactly
// one bearer token of JWS compact shape yields undefined (→ 401), before any key lookup.

/** Tokens far beyond any real JWT are refused before parsing. */
export const MAX_TOKEN_LENGTH = 8192;

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

export function bearerToken(header: string | undefined | null): string | undefined {
    if (typeof header !== "string" || header.length > MAX_TOKEN_LENGTH + 7) {
        return undefined;
    }
    return BEARER.exec(header)?.[1];
}
