// loader/register.js, the TypeScript loader Pulumi.yaml's nodeargs and the npm scripts start with:
// a file's transpiled code is kept on disk under the hash of its source, so an edited file is never
// run from the cache; modules keep their own `__dirname`; and where source-map-support is installed
// (Pulumi's cmd/run requires source-map-support/register before the program) a stack trace points
// at the TypeScript line. The mocha process already has tsx for `.ts`, so the cache is checked
// through the loader's exports here and the loading itself in one child process.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { REPOSITORY_ROOT } from "../../components/functions/bundle";

const loader = require(path.join(REPOSITORY_ROOT, "loader", "register.js")) as {
    transpile(filename: string, source: string): { code: string; map(): string };
    cacheKey(filename: string, source: string): string;
    CACHE_DIR: string;
};

describe("the TypeScript loader (loader/register.js)", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-loader-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("serves a file's code from the cache while its source is unchanged, and transpiles an edited one again", () => {
        const file = path.join(dir, `cached-${process.pid}.ts`);
        const first = `export const answer: number = 41;\n`;
        expect(loader.transpile(file, first).code).to.contain("answer = 41");
        const cached = path.join(loader.CACHE_DIR, `${loader.cacheKey(file, first)}.js`);
        expect(fs.existsSync(cached)).to.equal(true);
        expect(fs.existsSync(`${cached}.map`)).to.equal(true);
        // Marked, to tell a cache hit from a second transpile.
        fs.appendFileSync(cached, "\n// served from the cache\n");
        expect(loader.transpile(file, first).code).to.contain("// served from the cache");
        const edited = first.replace("41", "42");
        expect(loader.cacheKey(file, edited)).to.not.equal(loader.cacheKey(file, first));
        const again = loader.transpile(file, edited).code;
        expect(again).to.contain("answer = 42").and.not.contain("served from the cache");
        for (const source of [first, edited]) {
            const base = path.join(loader.CACHE_DIR, `${loader.cacheKey(file, source)}.js`);
            fs.rmSync(base, { force: true });
            fs.rmSync(`${base}.map`, { force: true });
        }
    });

    it("loads TypeScript with Node's own resolution and __dirname, and maps stack traces when source-map-support is installed", () => {
        fs.mkdirSync(path.join(dir, "lib"), { recursive: true });
        fs.writeFileSync(path.join(dir, "lib", "index.ts"), `export const where: string = __dirname;\n`);
        // The throw is on line 9 of the source; comments and types shift the transpiled lines.
        fs.writeFileSync(
            path.join(dir, "thrower.ts"),
            ["// a comment", "// another", "interface Unused {", "    a: string;", "}", "", "export function fail(): never {", "    const reason: string = 'mapped';", "    throw new Error(reason);", "}", ""].join("\n"),
        );
        const script = `
            const lib = require(${JSON.stringify(path.join(dir, "lib"))});
            let stack;
            try { require(${JSON.stringify(path.join(dir, "thrower.ts"))}).fail(); } catch (err) { stack = err.stack; }
            console.log(JSON.stringify({ where: lib.where, stack, sourceMaps: process.sourceMapsEnabled }));`;
        const run = (preload: string[]) => {
            const child = spawnSync(process.execPath, [...preload, "--require", "./loader/register.js", "-e", script], { cwd: REPOSITORY_ROOT, encoding: "utf8" });
            expect(child.status, child.stderr).to.equal(0);
            return JSON.parse(child.stdout) as { where: string; stack: string; sourceMaps: boolean };
        };
        const underPulumi = run(["--require", require.resolve("source-map-support/register", { paths: [path.dirname(require.resolve("@pulumi/pulumi/cmd/run"))] })]);
        expect(underPulumi.where).to.equal(path.join(dir, "lib"));
        expect(underPulumi.stack).to.contain(`${path.join(dir, "thrower.ts")}:9:`);
        // Node's own source maps stay off: the SDK formats a stack trace for every promise it tracks.
        expect(underPulumi.sourceMaps).to.equal(false);
        const plain = run([]);
        expect(plain.stack).to.contain("thrower.ts:").and.not.contain("thrower.ts:9:");
    });
});
