// The published pack's install is reused only when nothing that decides it changed
// (tools/policy-pack/publish.ts): every file of the unpacked tarball, npm's version and Node's.
// A key that missed one of them would let the publishing test start a stale install.

import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_INSTALL_CACHE, installKey } from "../../tools/policy-pack/publish";

describe("policy pack: the install the publishing test reuses", () => {
    let dir: string;
    const files = ["package/index.ts", "package/npm-shrinkwrap.json", "package/node_modules/@gatevault/aws-model/backup/cron.ts"];

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-install-key-"));
        for (const file of files) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), `contents of ${file}`);
        }
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const key = (npm = "11.6.2", node = "v20.20.2", list = files) => installKey(dir, list, npm, node);

    it("is the same for the same files, in whatever order the tarball lists them", () => {
        expect(key()).to.equal(key(undefined, undefined, [...files].reverse()));
    });

    it("changes with any file's content: the lockfile, the pack's own code, the bundled package", () => {
        const before = key();
        for (const file of files) {
            const full = path.join(dir, file);
            const original = fs.readFileSync(full);
            fs.writeFileSync(full, Buffer.concat([original, Buffer.from(" ")]));
            expect(key(), file).to.not.equal(before);
            fs.writeFileSync(full, original);
        }
        expect(key()).to.equal(before);
    });

    it("changes with a file added or renamed, npm's version and Node's version", () => {
        const before = key();
        fs.writeFileSync(path.join(dir, "package/extra.ts"), "");
        expect(key(undefined, undefined, [...files, "package/extra.ts"])).to.not.equal(before);
        fs.renameSync(path.join(dir, files[0]), path.join(dir, "package/main.ts"));
        expect(key(undefined, undefined, ["package/main.ts", ...files.slice(1)])).to.not.equal(before);
        fs.renameSync(path.join(dir, "package/main.ts"), path.join(dir, files[0]));
        expect(key("11.6.3")).to.not.equal(before);
        expect(key(undefined, "v24.22.3")).to.not.equal(before);
    });

    it("keeps installs outside any node_modules tree, where Node's upward search could find the repository's packages", () => {
        const parts = path.resolve(DEFAULT_INSTALL_CACHE).split(path.sep);
        expect(parts).to.not.include("node_modules");
        expect(path.relative(path.resolve(__dirname, "..", ".."), DEFAULT_INSTALL_CACHE).startsWith("..")).to.equal(true);
    });
});
