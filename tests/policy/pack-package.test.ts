// The pack is a package of its own (`pulumi policy publish` ships policy/ without the rest of
// the repository): it imports nothing outside its folder but the packages its package.json
// declares; the shared code it bundles (packages/aws-model) imports nothing but itself; the
// program and the pack reach that code by its package name; and the lockfile the pack ships is
// the repository's, cut to the pack (tools/policy-pack/lockfile.ts). Imports are read with
// TypeScript's own pre-processor, type-only ones included: the analyzer host type-checks the pack
// where it is installed, so types must resolve there too.

import { expect } from "chai";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../../tools/plan/index";
import { Lockfile, packLockfile, PackLockfileError } from "../../tools/policy-pack/lockfile";
import { SHRINKWRAP, selfContainedPack, shrinkwrapText } from "../../tools/policy-pack/self-contained";

const POLICY = path.join(REPO_ROOT, "policy");
const AWS_MODEL = path.join(REPO_ROOT, "packages", "aws-model");

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (e.name === "node_modules") return [];
        const full = path.join(dir, e.name);
        return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
    });
}

function importsOf(file: string): string[] {
    return ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Imports of the files under `dir` that reach outside it, or name a package `allowed` does not hold. */
function importsOutside(dir: string, allowed: readonly string[]): string[] {
    const builtins = new Set(builtinModules);
    return tsFiles(dir).flatMap((file) =>
        importsOf(file)
            .filter((spec) => {
                if (spec.startsWith(".")) return path.relative(dir, path.resolve(path.dirname(file), spec)).startsWith("..");
                return !spec.startsWith("node:") && !builtins.has(spec) && !allowed.includes(packageName(spec));
            })
            .map((spec) => `${path.relative(REPO_ROOT, file)}: ${spec}`),
    );
}

describe("policy pack: a package of its own", () => {
    it("imports nothing outside policy/ but the packages policy/package.json declares", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(POLICY, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        expect(importsOutside(POLICY, Object.keys(manifest.dependencies))).to.deep.equal([]);
        // Not vacuous: the rules do use the shared package and @pulumi/policy.
        const specifiers = tsFiles(POLICY).flatMap(importsOf);
        expect(specifiers).to.include("@gatevault/aws-model/org-policy/effective");
        expect(specifiers).to.include("@pulumi/policy");
    });

    it("finds an import that leaves the folder, and one of an undeclared package", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-pack-imports-"));
        try {
            fs.writeFileSync(path.join(dir, "rule.ts"), 'import { x } from "../../components/x";\nimport type { Y } from "@pulumi/aws";\nimport { z } from "./z";\nimport * as fs from "node:fs";\n');
            expect(importsOutside(dir, ["@pulumi/policy"])).to.deep.equal([
                `${path.relative(REPO_ROOT, dir)}/rule.ts: ../../components/x`,
                `${path.relative(REPO_ROOT, dir)}/rule.ts: @pulumi/aws`,
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("bundles a shared package that imports only its own files and depends on nothing (no @pulumi/aws, no zod)", () => {
        expect(importsOutside(AWS_MODEL, [])).to.deep.equal([]);
        const manifest = JSON.parse(fs.readFileSync(path.join(AWS_MODEL, "package.json"), "utf8")) as Record<string, unknown>;
        for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) expect(manifest[field], field).to.equal(undefined);
    });

    it("is reached by its package name from the program, the pack and the tools, never by a path into packages/", () => {
        const packages = path.join(REPO_ROOT, "packages") + path.sep;
        const byPath = ["components", "policy", "tools", "tests", "bench", "functions"].flatMap((top) =>
            tsFiles(path.join(REPO_ROOT, top))
                .filter((file) => fs.readFileSync(file, "utf8").includes("packages/"))
                .flatMap((file) => importsOf(file).filter((spec) => spec.startsWith(".") && path.resolve(path.dirname(file), spec).startsWith(packages)).map((spec) => `${path.relative(REPO_ROOT, file)}: ${spec}`)),
        );
        expect(byPath).to.deep.equal([]);
    });

    it("has the lockfile and the link npm install's prepare script writes (run npm install if this fails)", () => {
        const expected = selfContainedPack({ root: REPO_ROOT, pack: POLICY });
        expect(fs.readFileSync(path.join(POLICY, SHRINKWRAP), "utf8")).to.equal(shrinkwrapText(expected.shrinkwrap));
        expect(expected.links.map((l) => l.name)).to.deep.equal(["@gatevault/aws-model"]);
        for (const { link, target } of expected.links) expect(fs.realpathSync(link)).to.equal(fs.realpathSync(target));
    });
});

describe("policy pack: its lockfile, cut from the repository's (tools/policy-pack/lockfile.ts)", () => {
    // A repository whose workspace `pack` bundles the workspace `shared`, depends on `a` (which needs
    // `b` 1 at the top and `b` 2 nested under it) and on `c`, which the repository's own dev tools share.
    const repository = (packages: Record<string, Record<string, unknown>> = {}): Lockfile => ({
        lockfileVersion: 3,
        packages: {
            "": { name: "repo", workspaces: ["pack", "shared"], devDependencies: { c: "^1.0.0", tool: "^1.0.0" } },
            pack: { name: "pack", version: "1.0.0", dependencies: { a: "^1.0.0", c: "^1.0.0", shared: "1.0.0" }, bundleDependencies: ["shared"] },
            shared: { name: "shared", version: "1.0.0", license: "MIT" },
            "node_modules/shared": { resolved: "shared", link: true },
            "node_modules/pack": { resolved: "pack", link: true },
            "node_modules/a": { version: "1.0.0", integrity: "sha512-a", dependencies: { b: "^2.0.0" } },
            "node_modules/a/node_modules/b": { version: "2.0.0", integrity: "sha512-b2" },
            "node_modules/b": { version: "1.0.0", integrity: "sha512-b1", dev: true },
            "node_modules/c": { version: "1.0.0", integrity: "sha512-c", devOptional: true, optionalDependencies: { gone: "^1.0.0" } },
            "node_modules/tool": { version: "1.0.0", integrity: "sha512-t", dev: true },
            ...packages,
        },
    });

    it("keeps what the pack's dependencies resolve to, where it sits, and nothing the pack does not reach", () => {
        const lock = packLockfile(repository(), "pack");
        expect(Object.keys(lock.packages)).to.deep.equal(["", "node_modules/a", "node_modules/a/node_modules/b", "node_modules/c", "node_modules/shared"]);
        expect(lock.packages[""]).to.deep.equal(repository().packages.pack);
        // dev flags describe the repository's tree, not the pack's.
        expect(lock.packages["node_modules/c"]).to.deep.equal({ version: "1.0.0", integrity: "sha512-c", optionalDependencies: { gone: "^1.0.0" } });
        // The bundled workspace package ships in the tarball: marked inBundle, never fetched.
        expect(lock.packages["node_modules/shared"]).to.deep.equal({ version: "1.0.0", inBundle: true, license: "MIT" });
    });

    it("moves what npm nested under the workspace folder to the pack's top", () => {
        const lock = packLockfile(repository({ "pack/node_modules/c": { version: "2.0.0", integrity: "sha512-c2" } }), "pack");
        expect(lock.packages["node_modules/c"]).to.deep.equal({ version: "2.0.0", integrity: "sha512-c2" });
    });

    it("refuses a workspace package the pack does not bundle, one with dependencies, and a dependency not installed", () => {
        const unbundled = repository({ pack: { name: "pack", version: "1.0.0", dependencies: { shared: "1.0.0" } } });
        expect(() => packLockfile(unbundled, "pack")).to.throw(PackLockfileError, "list it in pack/package.json bundleDependencies");
        const withDependencies = repository({ shared: { name: "shared", version: "1.0.0", dependencies: { a: "^1.0.0" } } });
        expect(() => packLockfile(withDependencies, "pack")).to.throw(PackLockfileError, "keep it dependency-free");
        const missing = repository({ "node_modules/a": { version: "1.0.0", dependencies: { d: "^1.0.0" } } });
        expect(() => packLockfile(missing, "pack")).to.throw(PackLockfileError, "d (needed by node_modules/a) is not in package-lock.json");
    });
});
