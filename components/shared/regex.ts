// Literal text inside a RegExp built at run time.

/** `s` with every character RegExp treats specially escaped, so it matches itself. */
export function escapeRegex(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
