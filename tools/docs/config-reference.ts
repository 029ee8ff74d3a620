// docs/config-reference.md, written from the stack file's JSON Schema, which is itself generated
// from the one zod schema (components/config/json-schema.ts): the reference, the editor schema and
// the program's validation cannot disagree. Cross-field rules (superRefine) are not representable
// in JSON Schema, so the descriptions (`.describe()` in components/config) state them.

import { code, generatedNotice, table } from "./markdown";

type JsonSchema = Record<string, any>;

/** zod writes the bounds of `z.int()` as JavaScript's safe-integer range: no real bound. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

interface Row {
    key: string;
    type: string;
    default: string;
    description: string;
}

function childObjects(node: JsonSchema): JsonSchema[] {
    return [...(node.anyOf ?? []), ...(node.oneOf ?? [])].filter((o: JsonSchema) => o.properties);
}

function hasChildren(node: JsonSchema): boolean {
    return Boolean(node.properties || node.items?.properties || node.additionalProperties?.properties || childObjects(node).length > 0 || childObjects(node.items ?? {}).length > 0);
}

function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
    const lo = min === undefined || min <= -UNBOUNDED ? undefined : min;
    const hi = max === undefined || max >= UNBOUNDED ? undefined : max;
    if (lo === undefined && hi === undefined) return undefined;
    if (lo !== undefined && hi !== undefined) return lo === hi ? `exactly ${lo}${unit}` : `${lo}–${hi}${unit}`;
    return lo !== undefined ? `>= ${lo}${unit}` : `<= ${hi}${unit}`;
}

/** Bounds and formats of one schema node, in words. */
function constraints(node: JsonSchema): string[] {
    const out: string[] = [];
    const numeric = range(node.minimum, node.maximum, "");
    if (numeric) out.push(numeric);
    if (node.exclusiveMinimum !== undefined) out.push(`> ${node.exclusiveMinimum}`);
    if (node.exclusiveMaximum !== undefined) out.push(`< ${node.exclusiveMaximum}`);
    const length = range(node.minLength, node.maxLength, " characters");
    if (length) out.push(length);
    const items = range(node.minItems, node.maxItems, " items");
    if (items) out.push(items);
    const keys = range(node.minProperties, node.maxProperties, " entries");
    if (keys) out.push(keys);
    if (node.format) out.push(`format ${node.format}`);
    if (node.pattern) out.push(`pattern ${code(node.pattern)}`);
    return out;
}

/** What a value of this node looks like: type, allowed values, bounds. */
function typeOf(node: JsonSchema): string {
    let base: string;
    if (node.enum) {
        base = node.enum.map((v: unknown) => code(v)).join(" | ");
    } else if (node.const !== undefined) {
        base = code(node.const);
    } else if (node.anyOf || node.oneOf) {
        base = (node.anyOf ?? node.oneOf).map(typeOf).join(", or ");
    } else if (node.type === "array") {
        base = `list of ${node.items?.properties ? "objects" : typeOf(node.items ?? {})}`;
    } else if (node.type === "object" && !node.properties && node.additionalProperties && typeof node.additionalProperties === "object") {
        const keyRule = node.propertyNames ? constraints(node.propertyNames).join(", ") : "";
        base = `map${keyRule ? ` (keys ${keyRule})` : ""} of ${node.additionalProperties.properties ? "objects" : typeOf(node.additionalProperties)}`;
    } else if (node.type === "object" && node.properties && Object.keys(node.properties).length === 0) {
        base = "object (`{}`)";
    } else if (Array.isArray(node.type)) {
        base = node.type.join(" or ");
    } else {
        base = node.type ?? "any";
    }
    const limits = node.enum || node.const !== undefined ? [] : constraints(node);
    return limits.length > 0 ? `${base}; ${limits.join(", ")}` : base;
}

/** Rows for a node's descendants; a shape already listed elsewhere points there instead. */
function rowsUnder(node: JsonSchema, key: string, seen: Map<string, string>, rows: Row[]): void {
    const children: [string, JsonSchema, boolean][] = [];
    const addProperties = (prefix: string, object: JsonSchema) => {
        for (const [name, child] of Object.entries<JsonSchema>(object.properties ?? {})) {
            if (!children.some(([k]) => k === `${prefix}.${name}`)) children.push([`${prefix}.${name}`, child, (object.required ?? []).includes(name)]);
        }
    };
    addProperties(key, node);
    childObjects(node).forEach((o) => addProperties(key, o));
    if (node.items) {
        addProperties(`${key}[]`, node.items);
        childObjects(node.items).forEach((o) => addProperties(`${key}[]`, o));
    }
    if (node.additionalProperties?.properties) addProperties(`${key}.<name>`, node.additionalProperties);

    for (const [childKey, child, required] of children) {
        const shape = hasChildren(child) ? JSON.stringify({ ...child, description: undefined, default: undefined }) : undefined;
        const first = shape ? seen.get(shape) : undefined;
        rows.push({
            key: childKey,
            type: first ? `${typeOf(child)}: the same fields as ${code(shortKey(first))}` : typeOf(child),
            default: required ? "required" : child.default !== undefined ? code(child.default) : "",
            description: child.description ?? "",
        });
        if (first) continue;
        if (shape) seen.set(shape, childKey);
        rowsUnder(child, childKey, seen, rows);
    }
}

/** The key as written below its top-level key: without the namespace. */
function shortKey(key: string): string {
    return key.slice(key.indexOf(":") + 1);
}

export function configReferenceMarkdown(stackFileSchema: JsonSchema): string {
    const config: JsonSchema = stackFileSchema.properties.config;
    const required = new Set<string>(config.required ?? []);
    const seen = new Map<string, string>();
    const parts: string[] = [
        generatedNotice("the stack-config zod schema (components/config, through `stackFileJsonSchema`)"),
        "",
        "# Stack config reference",
        "",
        "Every key a stack file (`Pulumi.<stack>.yaml`) may set under `config:`. Unknown `gatevault:` keys, wrong",
        "types and broken rules stop the program before any resource is registered, with the key path and",
        "the fix. Cross-field rules (a value that depends on another key, or on the stack's region and",
        "account) are stated in the descriptions; `components/program.ts` `checkStack` runs the ones that span",
        "several keys. The same schema is [docs/schema/stack-config.schema.json](schema/stack-config.schema.json),",
        "which `.vscode/settings.json` maps onto `Pulumi.*.yaml` for editors with the Red Hat YAML extension.",
        "",
        "Keys of other namespaces belong to their owners and are not checked here, except `aws:region`. The",
        "shipped stacks also set `pulumi:disable-default-providers: [\"aws\"]`, so every AWS resource must get an",
        "explicit provider (gatevault passes one per account and region).",
        "",
        "Notation: `a[]` is each element of list `a`, `a.<name>` each entry of map `a`; *required* means the",
        "key must be present when its parent is; a shape listed once is referred to by its first key after",
        "that. Values in `Default` are what the program uses when the key is left out.",
        "",
        Object.keys(config.properties)
            .map((k) => `[${code(k)}](#${k.replace(/[^a-z0-9-]/gi, "").toLowerCase()})`)
            .join(" · "),
        "",
    ];
    for (const [key, node] of Object.entries<JsonSchema>(config.properties)) {
        parts.push(`## ${code(key)}`, "");
        const facts = [`Type: ${typeOf(node)}.`];
        if (required.has(key)) facts.push("Required.");
        if (node.default !== undefined) facts.push(`Default: ${code(node.default)}.`);
        if (node.description) parts.push(node.description, "");
        parts.push(facts.join(" "), "");
        const rows: Row[] = [];
        rowsUnder(node, key, seen, rows);
        if (rows.length > 0) {
            parts.push(
                table(
                    ["Key", "Type", "Default", "Description"],
                    rows.map((r) => [code(shortKey(r.key)), r.type, r.default, r.description]),
                ),
                "",
            );
        }
    }
    return `${parts.join("\n").trimEnd()}\n`;
}
