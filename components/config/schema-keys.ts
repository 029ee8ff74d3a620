// Answers "which keys does the schema allow here?" for unknown-key hints, by walking
// the zod schema along an issue's path.

import type { z } from "zod";

type AnySchema = z.ZodType;

interface Def {
    type: string;
    shape?: Record<string, AnySchema>;
    element?: AnySchema;
    innerType?: AnySchema;
    in?: AnySchema;
    out?: AnySchema;
    valueType?: AnySchema;
    options?: AnySchema[];
    getter?: () => AnySchema;
}

function defOf(schema: AnySchema): Def {
    return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: AnySchema): AnySchema {
    let current = schema;
    for (let guard = 0; guard < 32; guard++) {
        const def = defOf(current);
        if (def.innerType) {
            current = def.innerType;
        } else if (def.type === "pipe" && def.in) {
            // A preprocess pipe's input is a transform; the shape lives on the output side.
            current = defOf(def.in).type === "transform" && def.out ? def.out : def.in;
        } else if (def.type === "lazy" && def.getter) {
            current = def.getter();
        } else {
            return current;
        }
    }
    return current;
}

function step(schema: AnySchema, segment: PropertyKey): AnySchema | undefined {
    const def = defOf(unwrap(schema));
    switch (def.type) {
        case "object":
            return def.shape?.[String(segment)];
        case "array":
            return def.element;
        case "record":
            return def.valueType;
        case "union":
            for (const option of def.options ?? []) {
                const next = step(option, segment);
                if (next) {
                    return next;
                }
            }
            return undefined;
        default:
            return undefined;
    }
}

export function keysAt(root: AnySchema, path: ReadonlyArray<PropertyKey>): string[] {
    let schema: AnySchema | undefined = root;
    for (const segment of path) {
        schema = schema && step(schema, segment);
    }
    if (!schema) {
        return [];
    }
    const def = defOf(unwrap(schema));
    if (def.type === "object") {
        return Object.keys(def.shape ?? {});
    }
    if (def.type === "union") {
        const keys = new Set<string>();
        for (const option of def.options ?? []) {
            const optionDef = defOf(unwrap(option));
            Object.keys(optionDef.shape ?? {}).forEach((k) => keys.add(k));
        }
        return [...keys];
    }
    return [];
}
