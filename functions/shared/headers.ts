// Reading one request header from an API Gateway event. Header names are case-insensitive, and
// a header sent twice is refused (undefined), not guessed: the caller decides what that means.

/** The header's one value; undefined when it is absent or sent more than once. */
export function headerValue(
    headers: Record<string, string | undefined> | null | undefined,
    multiValueHeaders: Record<string, string[] | undefined> | null | undefined,
    name: string,
): string | undefined {
    const wanted = name.toLowerCase();
    const multi = Object.entries(multiValueHeaders ?? {}).filter(([k]) => k.toLowerCase() === wanted).flatMap(([, v]) => v ?? []);
    if (multi.length > 1) {
        return undefined;
    }
    const single = Object.entries(headers ?? {}).filter(([k]) => k.toLowerCase() === wanted);
    return single.length === 1 ? single[0][1] : undefined;
}
