// Java methods templates call on strings and collections that velocityjs (a JavaScript
// engine) lacks. API Gateway runs Java Velocity, where a string is a java.lang.String; the
// common methods are provided, others render as their source text (docs/functions.md, "Mapping templates").

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

export const customMethodHandlers = [
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
