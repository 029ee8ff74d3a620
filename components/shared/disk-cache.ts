// Work kept between runs, named by what it was made from: a file under
// node_modules/.cache/gatevault/<kind>/ is named by the SHA-256 of every input that decides its
// content, so a changed input gives another name and the old file is simply never read again.
// Nothing is ever stale by age; what "every input" means is up to each caller (see
// components/functions/handler-cache.ts). A cache that cannot be written (a read-only install) only
// means the work is done again next run. loader/register.js keeps its transpiled files under
// CACHE_ROOT/typescript by the same rules, in plain JavaScript of its own: it runs before any
// TypeScript, this file included, can be loaded.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** node_modules/.cache is where tools keep caches by convention; `npm ci` starts it empty. */
export const CACHE_ROOT = path.resolve(__dirname, "..", "..", "node_modules", ".cache", "gatevault");

/** SHA-256 (hex) of the parts, each delimited so that ("ab", "c") and ("a", "bc") differ. */
export function contentKey(...parts: (string | Buffer)[]): string {
    const hash = createHash("sha256");
    for (const part of parts) {
        hash.update(String(Buffer.byteLength(part))).update(":").update(part);
    }
    return hash.digest("hex");
}

export class DiskCache {
    constructor(readonly dir: string) {}

    /** The file's text, or undefined when it is not cached. */
    read(name: string): string | undefined {
        try {
            return fs.readFileSync(path.join(this.dir, name), "utf8");
        } catch {
            return undefined;
        }
    }

    /**
     * Writes through a temporary name and a rename, so that another process reading the same
     * cache (the suite runs several) sees the whole file or none. Failures are ignored.
     */
    write(name: string, text: string): void {
        const file = path.join(this.dir, name);
        const temporary = `${file}.${process.pid}.tmp`;
        try {
            fs.mkdirSync(this.dir, { recursive: true });
            fs.writeFileSync(temporary, text);
            fs.renameSync(temporary, file);
        } catch {
            fs.rmSync(temporary, { force: true });
        }
    }
}
