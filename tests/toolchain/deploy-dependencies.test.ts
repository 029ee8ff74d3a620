// `pulumi up` runs the program from the repository with whatever `npm ci` installed; a deploy
// that installs without devDependencies (`npm ci --omit=dev`, NODE_ENV=production) must still
// have every package the program loads. Found by esbuild over the real module graph (type-only
// imports are erased, as they are at run time), not by listing them by hand.

import { builtinModules } from "node:module";
import * as path from "node:path";
import { expect } from "chai";
import * as esbuild from "esbuild";
import { REPOSITORY_ROOT } from "../../components/functions/bundle";
import { AUTHORIZER_ENTRIES } from "../../components/functions/jwt-authorizer";
import { UPLOAD_ENTRY } from "../../components/uploads/upload-function";

const pkg = require(path.join(REPOSITORY_ROOT, "package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Package names (not subpaths) of the bare imports reachable from the entries, Node's modules left out. */
function importedPackages(entries: string[]): string[] {
    const result = esbuild.buildSync({
        absWorkingDir: REPOSITORY_ROOT,
        entryPoints: entries,
        bundle: true,
        platform: "node",
        format: "cjs",
        packages: "external",
        write: false,
        metafile: true,
        outdir: "out",
        logLevel: "silent",
    });
    const specifiers = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const names = specifiers.filter((s) => !builtins.has(s) && !builtins.has(s.split("/")[0])).map((s) => s.split("/").slice(0, s.startsWith("@") ? 2 : 1).join("/"));
    return [...new Set(names)].sort();
}

describe("deploy-time dependencies", () => {
    it("lists every package the program imports while `pulumi up` runs under dependencies", () => {
        // loader/register.js loads the program's TypeScript under Pulumi (Pulumi.yaml nodeargs).
        const imported = importedPackages(["index.ts", "loader/register.js"]);
        expect(imported).to.include.members(["@pulumi/pulumi", "@pulumi/aws", "esbuild", "yaml", "zod"]);
        expect(imported.filter((name) => !(name in pkg.dependencies))).to.deep.equal([]);
    });

    // components/functions/bundle.ts bundles these while the program runs: they are inputs of the
    // deployment, not tools of development.
    it("lists every package the Lambda handlers bundle under dependencies", () => {
        const imported = importedPackages([UPLOAD_ENTRY, ...Object.values(AUTHORIZER_ENTRIES)]);
        expect(imported).to.include.members(["@aws-sdk/client-s3", "@aws-sdk/s3-request-presigner", "jose"]);
        expect(imported.filter((name) => !(name in pkg.dependencies))).to.deep.equal([]);
    });

    // Pulumi's nodejs host loads the policy pack with the project's `typescript` and `ts-node`
    // (cmd/run-policy-pack registers ts-node whatever PulumiPolicy.yaml says), and without them falls
    // back to the ones it vendors, TypeScript 3.8.3 and ts-node 7.0.1 (typeScriptRequireStrings in
    // sdk/nodejs/tsutils.ts, pulumi/pulumi v3.248.0), not the TypeScript ~5.9 the suite checks it
    // with. The program itself goes through loader/register.js (esbuild).
    it("lists the TypeScript compiler and ts-node that Pulumi loads the policy pack with under dependencies", () => {
        expect(pkg.dependencies).to.include.keys("typescript", "ts-node", "esbuild");
        expect(pkg.devDependencies).to.not.have.any.keys("typescript", "ts-node", "esbuild", "yaml");
    });
});
