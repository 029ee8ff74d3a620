// Every @pulumi/aws and @pulumi/awsx resource class the components construct, read from their
// source (`new aws.<module>.<Class>(`), whatever stack config would reach that line, mapped to
// the type token the class itself registers (its `__pulumiType`, e.g.
// `require("@pulumi/aws").cfg.Recorder.__pulumiType` is `aws:cfg/recorder:Recorder`). The shipped
// plans only show what the shipped configs reach; this shows what any config can.
//
// A plain text scan, not a TypeScript parse (loading the compiler costs over a second): it knows
// the import and require forms below and fails on any other import of the two packages, so a new form cannot
// silently hide constructions from it.

import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGES = ["@pulumi/aws", "@pulumi/awsx"] as const;
type Package = (typeof PACKAGES)[number];

export interface ConstructedType {
    /** The class's `__pulumiType`, or undefined when the class has none (not a resource). */
    type: string | undefined;
    /** How the source names it: `aws.cfg.Recorder`. */
    constructedAs: string;
    files: string[];
}

/** A name a file can write `new <name>.<Class>(` through, and the package module it stands for. */
interface Binding {
    local: string;
    pkg: Package;
    /** Undefined for the package's root namespace; `cfg` for `import { cfg }` or "@pulumi/aws/cfg". */
    module?: string;
}

const IMPORT = /\bimport\s+(type\s+)?([^;]+?)\s+from\s+["'](@pulumi\/awsx?)(\/[^"']+)?["']/g;
const MENTION = /["']@pulumi\/awsx?(\/[^"']*)?["']/g;
// components/shared/aws.ts, which re-exports the @pulumi/aws services the components use, imported
// as the package's namespace: `import * as aws from "../shared/aws"`.
const SHARED_AWS = path.resolve(__dirname, "..", "..", "components", "shared", "aws.ts");
const SHARED_IMPORT = /\bimport\s+(type\s+)?\*\s+as\s+(\w+)\s+from\s+["']((?:\.{1,2}\/)+(?:[\w-]+\/)*aws)["']/g;
// Its lines: each service under its own name, and types.
const RE_EXPORT = /\bexport\s+(type\s+)?(\*\s+as\s+(\w+)|\{[^}]*\})\s+from\s+["']@pulumi\/aws\/([\w/]+)["']/g;
// A package loaded where it is used (`const { ec2 } = require("@pulumi/awsx")`): named modules.
const REQUIRE = /\bconst\s+\{([^}]*)\}\s*=\s*require\(\s*["'](@pulumi\/awsx?)["']\s*\)/g;

function bindingsOf(file: string, source: string): Binding[] {
    const out: Binding[] = [];
    for (const m of source.matchAll(IMPORT)) {
        const [line, typeOnly, clause, pkg, subpath] = m;
        if (typeOnly) continue; // a type cannot be constructed
        const module = subpath?.slice(1);
        // "@pulumi/aws/types/...": enums and input shapes, no resource classes.
        if (module?.startsWith("types/")) continue;
        const namespace = /^\*\s+as\s+(\w+)$/.exec(clause);
        const named = /^\{([^}]*)\}$/.exec(clause);
        if (namespace) {
            out.push({ local: namespace[1], pkg: pkg as Package, module });
        } else if (named && !module) {
            for (const part of named[1].split(",").map((p) => p.trim()).filter(Boolean)) {
                const [imported, local = imported] = part.replace(/^type\s+/, "").split(/\s+as\s+/);
                if (!part.startsWith("type ")) out.push({ local, pkg: pkg as Package, module: imported });
            }
        } else {
            throw new Error(`${file}: the scan does not know this import form, so it could miss constructions: ${line.replace(/\s+/g, " ")}`);
        }
    }
    for (const [, names, pkg] of source.matchAll(REQUIRE)) {
        for (const part of names.split(",").map((p) => p.trim()).filter(Boolean)) {
            const [imported, local = imported] = part.split(/\s*:\s*/);
            out.push({ local, pkg: pkg as Package, module: imported });
        }
    }
    for (const [line, typeOnly, local, specifier] of source.matchAll(SHARED_IMPORT)) {
        if (path.resolve(path.dirname(file), `${specifier}.ts`) !== SHARED_AWS) {
            throw new Error(`${file}: the scan does not know this module, so it could miss constructions: ${line}`);
        }
        if (!typeOnly) out.push({ local, pkg: "@pulumi/aws" });
    }
    let reExports = 0;
    for (const [line, , , name, module] of source.matchAll(RE_EXPORT)) {
        // `export * as backup from "@pulumi/aws/backup"` keeps `aws.backup.X` meaning the package's.
        if (name !== undefined && name !== module) throw new Error(`${file}: re-exports ${module} as ${name}, which the scan would read wrong: ${line}`);
        reExports++;
    }
    // Any other mention (another require, dynamic import, re-export) is a form the scan does not follow.
    const imports = [...source.matchAll(IMPORT)].length + [...source.matchAll(REQUIRE)].length + reExports;
    const mentions = [...source.matchAll(MENTION)].length;
    if (mentions !== imports) throw new Error(`${file}: @pulumi/aws or awsx is named ${mentions} times but imported ${imports} times in forms the scan knows`);
    return out;
}

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
    });
}

function pulumiTypeOf(pkg: Package, module: string, className: string): string | undefined {
    const exports = require(pkg) as Record<string, Record<string, { __pulumiType?: string } | undefined> | undefined>;
    return exports[module]?.[className]?.__pulumiType;
}

/** What the `.ts` files under `root` construct, one entry per class. */
export function constructedTypes(root: string): ConstructedType[] {
    const byClass = new Map<string, ConstructedType>();
    for (const file of tsFiles(root)) {
        const source = fs.readFileSync(file, "utf8");
        for (const binding of bindingsOf(file, source)) {
            // `new aws.cfg.Recorder(` through a namespace; `new cfg.Recorder(` through a module binding.
            const shape = binding.module === undefined ? `\\.\\s*(\\w+)\\s*\\.\\s*(\\w+)` : `\\.\\s*(\\w+)`;
            const re = new RegExp(`\\bnew\\s+${binding.local}\\s*${shape}\\s*[(<]`, "g");
            for (const m of source.matchAll(re)) {
                const [module, className] = binding.module === undefined ? [m[1], m[2]] : [binding.module, m[1]];
                const constructedAs = `${binding.pkg === "@pulumi/aws" ? "aws" : "awsx"}.${module}.${className}`;
                const entry = byClass.get(constructedAs) ?? { type: pulumiTypeOf(binding.pkg, module, className), constructedAs, files: [] };
                const relative = path.relative(path.dirname(root), file);
                if (!entry.files.includes(relative)) entry.files.push(relative);
                byClass.set(constructedAs, entry);
            }
        }
    }
    return [...byClass.values()].sort((a, b) => a.constructedAs.localeCompare(b.constructedAs));
}
