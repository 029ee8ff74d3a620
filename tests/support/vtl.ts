// Renders API Gateway mapping templates (VTL) in tests with velocityjs, behind an
// API Gateway-like `$input`, `$util`, `$context` and `$stageVariables`. Where this helper
// may differ from API Gateway's own (Java) engine is listed in the README ("Mapping
// templates") and pinned by tests/support/vtl.test.ts.

import * as fs from "node:fs";
import * as path from "node:path";
import { Compile, parse } from "velocityjs";

export interface VtlRequest {
    /** Raw body: the method request's for request templates, the integration response's for response templates. */
    body?: string;
    params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
    context?: Record<string, unknown>;
    stageVariables?: Record<string, string>;
}

// --- JSONPath (the subset the helper supports) ----------------------------------------

type Step = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "wildcard" };

export class UnsupportedJsonPath extends Error {
    constructor(expression: string, detail: string) {
        super(`JSONPath ${JSON.stringify(expression)}: ${detail} (the test helper supports $, .name, ['name'], [n], [*] and .*)`);
        this.name = "UnsupportedJsonPath";
    }
}

function parseJsonPath(expression: string): Step[] {
    if (!expression.startsWith("$")) {
        throw new UnsupportedJsonPath(expression, "must start with $");
    }
    const steps: Step[] = [];
    let rest = expression.slice(1);
    while (rest.length > 0) {
        let m: RegExpExecArray | null;
        if (rest.startsWith("..")) {
            throw new UnsupportedJsonPath(expression, "recursive descent (..) is not supported");
        } else if ((m = /^\.([A-Za-z_$][\w$-]*)/.exec(rest))) {
            steps.push({ kind: "key", key: m[1] });
        } else if ((m = /^(\.\*|\[\*\])/.exec(rest))) {
            steps.push({ kind: "wildcard" });
        } else if ((m = /^\[(\d+)\]/.exec(rest))) {
            steps.push({ kind: "index", index: Number(m[1]) });
        } else if ((m = /^\['([^']*)'\]/.exec(rest)) || (m = /^\["([^"]*)"\]/.exec(rest))) {
            steps.push({ kind: "key", key: m[1] });
        } else {
            throw new UnsupportedJsonPath(expression, `cannot read ${JSON.stringify(rest)} (filters, slices, unions and negative indexes are not supported)`);
        }
        rest = rest.slice(m[0].length);
    }
    return steps;
}

/** Evaluates a JSONPath: one value (undefined when absent), or a list when the path has a wildcard. */
export function evaluateJsonPath(document: unknown, expression: string): unknown {
    const steps = parseJsonPath(expression);
    let matches: unknown[] = [document];
    for (const step of steps) {
        const next: unknown[] = [];
        for (const value of matches) {
            if (step.kind === "wildcard") {
                if (Array.isArray(value)) next.push(...value);
                else if (value !== null && typeof value === "object") next.push(...Object.values(value));
            } else if (step.kind === "index") {
                if (Array.isArray(value) && step.index < value.length) next.push(value[step.index]);
            } else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, step.key)) {
                next.push((value as Record<string, unknown>)[step.key]);
            }
        }
        matches = next;
    }
    return steps.some((s) => s.kind === "wildcard") ? matches : matches[0];
}

// --- $util --------------------------------------------------------------------------

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

// --- Java methods velocityjs lacks --------------------------------------------------

type MethodCall = { property: string; context: unknown; params: unknown[] };

/** Java regex replacement: `$1` groups work in both; Java's `\$` literal becomes JS `$$`. */
function javaReplacement(replacement: string): string {
    return replacement.replace(/\\\$/g, "$$$$").replace(/\\(.)/g, "$1");
}

const javaStringMethods: Record<string, (s: string, ...args: any[]) => unknown> = {
    length: (s) => s.length,
    isEmpty: (s) => s.length === 0,
    contains: (s, part) => s.includes(String(part)),
    equals: (s, other) => s === other,
    // Java's replace swaps every occurrence literally; replaceAll takes a regular expression.
    replace: (s, from, to) => s.split(String(from)).join(String(to)),
    replaceAll: (s, regex, to) => s.replace(new RegExp(String(regex), "g"), javaReplacement(String(to))),
    matches: (s, regex) => new RegExp(`^(?:${String(regex)})$`).test(s),
};

const customMethodHandlers = [
    {
        uid: "java-string",
        match: ({ property, context }: MethodCall) => typeof context === "string" && Object.hasOwn(javaStringMethods, property),
        resolve: ({ property, context, params }: MethodCall) => javaStringMethods[property](context as string, ...params),
    },
    {
        uid: "java-collection-isEmpty",
        match: ({ property, context }: MethodCall) => property === "isEmpty" && typeof context === "object" && context !== null,
        resolve: ({ context }: MethodCall) => (Array.isArray(context) ? context.length : Object.keys(context as object).length) === 0,
    },
];

// --- $input and rendering --------------------------------------------------------------

function inputOf(request: VtlRequest) {
    const body = request.body ?? "";
    let parsed: unknown;
    let parsedOnce = false;
    const document = () => {
        if (!parsedOnce) {
            parsed = body.trim() === "" ? {} : JSON.parse(body);
            parsedOnce = true;
        }
        return parsed;
    };
    const params = { path: { ...request.params?.path }, querystring: { ...request.params?.querystring }, header: { ...request.params?.header } };
    return {
        body,
        /** JSON text of the value at the path; nothing for an absent value. */
        json: (expression: string) => {
            const value = evaluateJsonPath(document(), expression);
            return value === undefined ? "" : JSON.stringify(value);
        },
        /** The value itself (objects and lists stay navigable); undefined when absent. */
        path: (expression: string) => evaluateJsonPath(document(), expression),
        /** All parameters by location, or one parameter looked up in path, query string, then headers ("" when absent). */
        params: (name?: string) => {
            if (name === undefined) return params;
            for (const source of [params.path, params.querystring, params.header]) {
                if (Object.hasOwn(source, name)) return source[name];
            }
            return "";
        },
    };
}

/**
 * API Gateway stops a #foreach after 1,000 iterations ("Quotas for configuring and running a REST
 * API in API Gateway": https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html),
 * as Velocity's directive.foreach.maxloops does: the loop ends early, with `$foreach.hasNext`
 * still true on the last iteration that ran. velocityjs has no such limit, so it is added here.
 */
export const MAX_FOREACH_ITERATIONS = 1000;

class ApiGatewayVelocity extends Compile {
    override renderAstList(asts?: Parameters<Compile["renderAstList"]>[0], contextId?: string): string {
        const loop = contextId?.startsWith("foreach:") ? (this.local[contextId] as { foreach?: { count: number } } | undefined)?.foreach : undefined;
        if (loop && loop.count > MAX_FOREACH_ITERATIONS) {
            // velocityjs skips the remaining iterations once the run is marked as broken (#break).
            this.runState.break = true;
            return "";
        }
        return super.renderAstList(asts, contextId);
    }
}

export function renderVtl(template: string, request: VtlRequest = {}): string {
    const compiled = new ApiGatewayVelocity(parse(template), { escape: false, customMethodHandlers });
    return compiled.render({ input: inputOf(request), util: vtlUtil, context: request.context ?? {}, stageVariables: request.stageVariables ?? {} });
}

/** Renders and parses the output as JSON, quoting the output when it is not valid JSON. */
export function renderVtlJson(template: string, request: VtlRequest = {}): any {
    const output = renderVtl(template, request);
    try {
        return JSON.parse(output);
    } catch (err) {
        throw new Error(`template output is not valid JSON (${(err as Error).message}):\n${output}`);
    }
}
