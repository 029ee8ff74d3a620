// The JWT authorizer's decision time once warm (key set cached), per token, against jose's
// jwtVerify over the same keys held locally: the difference is the authorizer's own work
// (route grants, policy, remote-set lookup). Target: within 1.5x of the bare verification.

import { createLocalJWKSet, jwtVerify } from "jose";
import { createAuthorizer } from "../functions/authorizer/authorize";
import { methodArn, testSettings } from "../tests/functions/support/authorizer-harness";
import { AUDIENCE, ISSUER, JwksServer, sign, signingKey } from "../tests/functions/support/jwks-server";
import { Benchmark, BenchRow, median, ratio } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TOKENS = 200;

async function perToken(tokens: string[], verify: (token: string) => Promise<unknown>): Promise<number> {
    const start = process.hrtime.bigint();
    for (const token of tokens) {
        await verify(token);
    }
    return Number(process.hrtime.bigint() - start) / 1e6 / tokens.length;
}

export const benchmark: Benchmark = {
    name: "jwt authorizer",
    async run(): Promise<BenchRow[]> {
        const keys = await Promise.all([signingKey("rsa", "RS256"), signingKey("ec", "ES256")]);
        const server = await JwksServer.start();
        server.behaviour = { kind: "keys", keys: keys.map((k) => k.publicJwk) };
        try {
            const settings = testSettings(server.url);
            const authorize = createAuthorizer(settings, { log: () => undefined });
            const local = createLocalJWKSet({ keys: keys.map((k) => k.publicJwk) });
            const options = { issuer: ISSUER, audience: AUDIENCE, algorithms: settings.algorithms, clockTolerance: 30, requiredClaims: ["exp", "sub"] };
            const rows: BenchRow[] = [];
            for (const key of keys) {
                const tokens = await Promise.all(Array.from({ length: TOKENS }, (_, i) => sign(key, { sub: `user-${i}`, scope: "orders/read orders/write" })));
                const arn = methodArn("GET", "/orders/1");
                await authorize(tokens[0], arn); // fetch and cache the key set
                const bare: number[] = [];
                const decided: number[] = [];
                for (let r = 0; r < ROUNDS; r++) {
                    bare.push(await perToken(tokens, (t) => jwtVerify(t, local, options)));
                    decided.push(await perToken(tokens, (t) => authorize(t, arn)));
                }
                const b = median(bare);
                const d = median(decided);
                rows.push({ benchmark: this.name, case: `${key.alg}: jose jwtVerify, local keys (baseline)`, medianMs: b, notes: `${(b * 1000).toFixed(0)} µs per token, ${TOKENS} tokens x ${ROUNDS} rounds` });
                rows.push({ benchmark: this.name, case: `${key.alg}: authorizer decision, warm`, medianMs: d, notes: `${(d * 1000).toFixed(0)} µs per token, ${ratio(d, b)} of baseline (target <= 1.5x); JWKS fetches: ${server.requests}` });
            }
            return rows;
        } finally {
            await server.stop();
        }
    },
};
