// Reads @pulumi/aws's own type declarations (the `<Resource>Args` interfaces and the `inputs.*`
// namespace) to answer "does this input path exist?": an oracle for the provider-rule table's
// Terraform-to-Pulumi field names that the project did not write.

import * as fs from "node:fs";
import * as path from "node:path";

const root = path.dirname(require.resolve("@pulumi/aws/package.json"));
const fileCache = new Map<string, string>();

function read(file: string): string {
    let text = fileCache.get(file);
    if (text === undefined) {
        text = fs.readFileSync(path.join(root, file), "utf8");
        fileCache.set(file, text);
    }
    return text;
}

/** Property name → declared type (first line) of an interface body at the given indentation. */
function properties(text: string, header: string, indent: string): Map<string, string> | undefined {
    const start = text.indexOf(header);
    if (start < 0) return undefined;
    const end = text.indexOf(`\n${indent.slice(4)}}`, start);
    const body = text.slice(start + header.length, end < 0 ? undefined : end);
    const props = new Map<string, string>();
    const re = new RegExp(`^${indent}(\\w+)\\??: (.*)$`, "gm");
    for (const m of body.matchAll(re)) props.set(m[1], m[2]);
    return props;
}

function argsOf(type: string): Map<string, string> | undefined {
    // aws:backup/restoreTestingSelection:RestoreTestingSelection → backup/restoreTestingSelection.d.ts
    const m = /^aws:([^/]+)\/([^:]+):(\w+)$/.exec(type);
    if (!m) return undefined;
    return properties(read(`${m[1]}/${m[2]}.d.ts`), `export interface ${m[3]}Args {`, "    ");
}

function nested(typeText: string): Map<string, string> | undefined {
    const m = /inputs\.(\w+)\.(\w+)/.exec(typeText);
    if (!m) return undefined;
    const text = read("types/input.d.ts");
    const ns = text.indexOf(`export declare namespace ${m[1]} {`);
    if (ns < 0) return undefined;
    return properties(text.slice(ns), `\n    interface ${m[2]} {`, "        ");
}

/** Why the path does not exist in @pulumi/aws's inputs for the type, or undefined when it does. */
export function missingInput(type: string, fieldPath: string): string | undefined {
    let props = argsOf(type);
    if (!props) return `no Args interface for ${type}`;
    const segments = fieldPath.split(".").map((s) => s.replace(/\[\]$/, ""));
    for (let i = 0; i < segments.length; i++) {
        const declared = props.get(segments[i]);
        if (declared === undefined) return `${segments.slice(0, i + 1).join(".")} is not an input of ${type}`;
        if (i === segments.length - 1) return undefined;
        const inner = nested(declared);
        if (!inner) return `${segments.slice(0, i + 1).join(".")} has no nested input type`;
        props = inner;
    }
    return undefined;
}
