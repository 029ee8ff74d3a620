// Handler bundles kept between program runs (components/shared/disk-cache.ts): bundling the three
// handlers is about 0.15 s of every plan and preview, for code that rarely changes.
//
// A cached bundle is used only when everything that decides its bytes is unchanged:
// - in its name: esbuild's version, the build options, package-lock.json (which package versions,
//   so which package.json `module`/`main` fields, resolution sees) and tsconfig.json;
// - checked on every use: the content (SHA-256) of each file esbuild read for it, handler source
//   and node_modules alike, as esbuild's metafile lists them (about 900 files, 1.7 MB, a few ms).
// Not covered: a new file that would change how an existing import resolves (a `foo.ts` added
// beside the `foo/index.ts` an import found) without any input changing; delete
// node_modules/.cache/gatevault to rebuild everything.

import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { CACHE_ROOT, contentKey, DiskCache } from "../shared/disk-cache";
import type { HandlerBundle } from "./handler-bundle";

const HANDLER_CACHE = new DiskCache(path.join(CACHE_ROOT, "handlers"));

interface CacheEntry {
    bundle: HandlerBundle;
    /** SHA-256 of each input's content, by path relative to the working directory. */
    inputs: Record<string, string>;
}

function fileHash(file: string): string | undefined {
    try {
        return contentKey(fs.readFileSync(file));
    } catch {
        return undefined;
    }
}

function parsed(text: string): CacheEntry | undefined {
    try {
        return JSON.parse(text) as CacheEntry;
    } catch {
        return undefined;
    }
}

function unchanged(inputs: Record<string, string>, root: string): boolean {
    return Object.entries(inputs).every(([input, hash]) => fileHash(path.join(root, input)) === hash);
}

/**
 * The cached bundle for these options, or `build()`'s, which is then cached.
 * Inputs are relative to `options.absWorkingDir`.
 */
export function cachedHandlerBundle(
    relative: string,
    options: esbuild.BuildOptions,
    build: () => { bundle: HandlerBundle; inputs: string[] },
    cache: DiskCache = HANDLER_CACHE,
): HandlerBundle {
    const root = options.absWorkingDir ?? process.cwd();
    const name = `${contentKey(esbuild.version, JSON.stringify(options), fileHash(path.join(root, "package-lock.json")) ?? "", fileHash(path.join(root, "tsconfig.json")) ?? "")}.json`;
    const cached = cache.read(name);
    const entry = cached === undefined ? undefined : parsed(cached);
    if (entry?.bundle.entry === relative && unchanged(entry.inputs, root)) {
        return entry.bundle;
    }
    const { bundle, inputs } = build();
    const hashes = Object.fromEntries(inputs.map((input) => [input, fileHash(path.join(root, input)) ?? ""]));
    cache.write(name, JSON.stringify({ bundle, inputs: hashes } satisfies CacheEntry));
    return bundle;
}
