// `$util` of API Gateway's mapping templates, as the mapping template reference documents it
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html,
// "$util variables"): escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode,
// base64Decode, each with the Java semantics the page names.

function hex4(code: number): string {
    return `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Apache Commons Lang 2 `StringEscapeUtils.escapeJavaScript`, which API Gateway documents:
 * `'` becomes `\'` (not valid JSON: undo it with `.replaceAll("\\'","'")`), `/` becomes `\/`,
 * control and non-ASCII characters become `\uXXXX`.
 */
export function escapeJavaScript(value: unknown): string {
    let out = "";
    for (const ch of String(value ?? "")) {
        const code = ch.codePointAt(0)!;
        if (code > 0xffff) {
            out += ch.split("").map((unit) => hex4(unit.charCodeAt(0))).join("");
        } else if (code > 0x7f) {
            out += hex4(code);
        } else if (code < 32) {
            const named: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };
            out += named[code] ?? hex4(code);
        } else {
            out += { '"': '\\"', "'": "\\'", "\\": "\\\\", "/": "\\/" }[ch] ?? ch;
        }
    }
    return out;
}

/** Java's `URLEncoder.encode(s, "UTF-8")`: space as `+`, only `A-Za-z0-9.-*_` left as they are. */
export function urlEncode(value: unknown): string {
    return encodeURIComponent(String(value ?? ""))
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, "+");
}

/** Java's `URLDecoder.decode(s, "UTF-8")`: `+` is a space. */
export function urlDecode(value: unknown): string {
    return decodeURIComponent(String(value ?? "").replace(/\+/g, " "));
}

export const vtlUtil = {
    escapeJavaScript,
    parseJson: (value: string) => JSON.parse(value),
    urlEncode,
    urlDecode,
    base64Encode: (value: unknown) => Buffer.from(String(value ?? ""), "utf8").toString("base64"),
    base64Decode: (value: unknown) => Buffer.from(String(value ?? ""), "base64").toString("utf8"),
};
