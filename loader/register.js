// Loads the project's TypeScript in Node, without type checking: `node --require gatevault/loader`.
// Pulumi.yaml passes it to the program through the nodejs language host's `nodeargs` (with the
// `typescript` option off, so Pulumi's cmd/run registers no ts-node), and `npm run plan`, `local`
// and `effective-policy` start with it. `tsc` in `npm test` is the one type check
// (docs/deploy-and-ci.md, "How Pulumi loads the program").
//
// Each `.ts` file is transpiled on its own by esbuild (the transpiler tsx runs the tests with) to
// CommonJS and kept on disk under node_modules/.cache/gatevault/typescript, named by the SHA-256 of its
// path, its source, the options and the esbuild version: a file is read and hashed on every start, so an edited
// file is transpiled again and a stale one is never run, and an unchanged one costs a read. Node's own
// resolver finds the files (registering `.ts` adds it to the extensions it tries), so modules,
// `__dirname` and the order of evaluation are exactly as if they were JavaScript beside their source.
//
// Why not ts-node or tsx here: ts-node (what Pulumi registers by default) transpiles every file on
// every start, about 3 s of CPU for the prod stack; tsx switches on Node's source maps for the whole
// process, and the SDK formats a stack trace for every promise it tracks (runtime/debuggable.ts), so
// every trace was mapped through them. Measured in `npm run bench` ("preview start").
//
// Stack traces: under Pulumi's cmd/run, which installs source-map-support, the transpiled files'
// source maps are handed to it, so a program error points at the TypeScript line. Elsewhere (the
// offline plan, which prints messages, not stacks) lines are those of the transpiled file.
//
// The cache root, the SHA-256 naming and the write-through-a-rename below are the conventions of
// components/shared/disk-cache.ts (CACHE_ROOT, contentKey, DiskCache), written again here on
// purpose: this file is what makes TypeScript loadable, so it cannot require that TypeScript
// module, and it stays plain JavaScript that loads nothing of the project.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");

const ROOT = path.resolve(__dirname, "..");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "gatevault", "typescript");

// The root tsconfig.json, read by esbuild for the settings that change emitted code
// (useDefineForClassFields from `target`, verbatimModuleSyntax, ...); tsconfig files elsewhere
// extend it.
const TSCONFIG_RAW = fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
const TRANSFORM = { loader: "ts", format: "cjs", target: "node20", sourcemap: "external", sourcesContent: false, tsconfigRaw: TSCONFIG_RAW };
const ESBUILD_VERSION = require("esbuild/package.json").version;
const OPTIONS_KEY = JSON.stringify([ESBUILD_VERSION, TRANSFORM]);

/** The source maps of the files transpiled in this process, by file name, for source-map-support. */
const maps = new Map();
let esbuild;

function cacheKey(filename, source) {
    return crypto.createHash("sha256").update(OPTIONS_KEY).update("\0").update(filename).update("\0").update(source).digest("hex");
}

/** Writes through a temporary name, so that a process reading the cache never sees half a file. */
function writeAtomically(file, text) {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
}

/** The transpiled code and source map of one file, from the cache or from esbuild. */
function transpile(filename, source) {
    const base = path.join(CACHE_DIR, cacheKey(filename, source));
    try {
        return { code: fs.readFileSync(`${base}.js`, "utf8"), map: () => fs.readFileSync(`${base}.js.map`, "utf8") };
    } catch {
        // Not cached yet.
    }
    esbuild ??= require("esbuild");
    const result = esbuild.transformSync(source, { ...TRANSFORM, sourcefile: filename });
    try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        // The map first: a cached `.js` always has its map.
        writeAtomically(`${base}.js.map`, result.map);
        writeAtomically(`${base}.js`, result.code);
    } catch {
        // A read-only node_modules: run from memory, transpile again next time.
    }
    return { code: result.code, map: () => result.map };
}

let mapsChecked = false;

/**
 * Gives source-map-support the maps of transpiled files when the process has installed it: Pulumi's
 * cmd/run does, before it loads the program, so the first TypeScript file decides.
 */
function handOverMaps() {
    mapsChecked = true;
    let installed;
    try {
        installed = require.cache[require.resolve("source-map-support", { paths: [path.dirname(require.resolve("@pulumi/pulumi/cmd/run"))] })];
    } catch {
        return;
    }
    installed?.exports.install({
        handleUncaughtExceptions: false,
        retrieveSourceMap(source) {
            const map = maps.get(source);
            return map ? { url: source, map: map() } : null;
        },
    });
}

function compileTypeScript(module, filename) {
    const { code, map } = transpile(filename, fs.readFileSync(filename, "utf8"));
    maps.set(filename, map);
    if (!mapsChecked) handOverMaps();
    module._compile(code, filename);
}

if (!Module._extensions[".ts"]) {
    Module._extensions[".ts"] = compileTypeScript;
}

module.exports = { compileTypeScript, transpile, cacheKey, CACHE_DIR };
