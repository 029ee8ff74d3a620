// Deterministic identifiers: the same URN always gets the same id, so plans diff cleanly.

import { createHash } from "node:crypto";

function digest(seed: string): Buffer {
    return createHash("sha256").update(seed).digest();
}

export function stableHex(seed: string, length: number): string {
    let out = "";
    for (let round = 0; out.length < length; round++) {
        out += digest(`${seed}#${round}`).toString("hex");
    }
    return out.slice(0, length);
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Lower-case letters and digits, the shape of API Gateway ids. */
export function stableAlnum(seed: string, length: number, alphabet = ALNUM): string {
    const bytes = Buffer.from(stableHex(seed, length * 2), "hex");
    return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

export function stableUuid(seed: string): string {
    const h = stableHex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
