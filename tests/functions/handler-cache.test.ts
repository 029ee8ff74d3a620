// Handler bundles kept on disk between program runs (components/functions/handler-cache.ts): a
// cached bundle is served only while every file esbuild read for it, the lockfile and tsconfig.json
// are unchanged, and it is the same bundle esbuild builds.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import * as esbuild from "esbuild";
import { buildHandlerBundle, bundleHandler, type HandlerBundle } from "../../components/functions/bundle";
import { cachedHandlerBundle } from "../../components/functions/handler-cache";
import { DiskCache } from "../../components/shared/disk-cache";

describe("handler bundles cached on disk", () => {
    let root: string;
    let cache: DiskCache;
    let builds: number;
    const options = () => ({ absWorkingDir: root, entryPoints: ["handler.ts"], bundle: true, platform: "node" as const, format: "cjs" as const, write: false as const, metafile: true as const, logLevel: "silent" as const });
    const build = () => {
        builds++;
        const result = esbuild.buildSync(options());
        const code = result.outputFiles[0].text;
        const bundle: HandlerBundle = { entry: "handler.ts", code, sha256: "", externals: [] };
        return { bundle, inputs: Object.keys(result.metafile.inputs) };
    };
    const bundle = () => cachedHandlerBundle("handler.ts", options(), build, cache);

    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-handler-cache-"));
        cache = new DiskCache(path.join(root, "cache"));
        builds = 0;
        fs.writeFileSync(path.join(root, "handler.ts"), `import { greeting } from "./greeting";\nexport const handler = async () => greeting;\n`);
        fs.writeFileSync(path.join(root, "greeting.ts"), `export const greeting = "hello";\n`);
        fs.writeFileSync(path.join(root, "package-lock.json"), `{"lockfileVersion": 3}`);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("serves an unchanged handler from the cache without bundling it again", () => {
        const first = bundle();
        expect(bundle()).to.deep.equal(first);
        expect(builds).to.equal(1);
    });

    it("bundles again when a file the handler imports changes, not only its entry", () => {
        bundle();
        fs.writeFileSync(path.join(root, "greeting.ts"), `export const greeting = "goodbye";\n`);
        expect(bundle().code).to.contain('"goodbye"');
        expect(builds).to.equal(2);
    });

    it("bundles again when the lockfile changes (another package version may resolve to other files)", () => {
        bundle();
        fs.writeFileSync(path.join(root, "package-lock.json"), `{"lockfileVersion": 3, "packages": {}}`);
        bundle();
        expect(builds).to.equal(2);
    });

    it("bundles again when the cached entry is unreadable", () => {
        bundle();
        for (const name of fs.readdirSync(cache.dir)) fs.writeFileSync(path.join(cache.dir, name), "{not json");
        bundle();
        expect(builds).to.equal(2);
    });

    it("gives the program the same bundle esbuild builds for a shipped handler", () => {
        expect(bundleHandler("functions/authorizer/token-handler.ts")).to.deep.equal(buildHandlerBundle("functions/authorizer/token-handler.ts"));
    });
});
