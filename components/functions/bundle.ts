// Bundles a handler with esbuild while the program runs, into the archive Lambda deploys.
// Output is deterministic (paths relative to the repository root, no timestamps), so an
// unchanged handler never shows as a diff.
//
// Everything a handler imports is bundled, the AWS SDK clients included; only Node's own
// modules stay external. The nodejs22.x runtime does ship an AWS SDK for JavaScript v3, but "a
// specific minor version ... not the latest version", which "depends on the runtime version and
// your AWS Region", and "Lambda periodically updates the SDK libraries in the Node.js runtime"
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included,
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html#nodejs-package-dependencies).
// Behaviour the functions depend on changes between SDK minor versions: from v3.729.0 the S3
// client adds a default checksum to every PUT, which a presigned URL would carry, unless
// `requestChecksumCalculation` is WHEN_REQUIRED (aws/aws-sdk-js-v3#6810; functions/uploads/
// presign.ts). Bundled, a function runs the SDK the lockfile pins and the tests ran, and the
// Node.js packaging page recommends bundling with esbuild "whenever possible" for fewer I/O
// operations. `npm run bench -- lambda` measures both ways (docs/development.md, "Benchmarks"; docs/functions.md, "Lambda bundles and the AWS SDK").

import { createHash } from "node:crypto";
import * as path from "node:path";
import * as esbuild from "esbuild";
import * as pulumi from "@pulumi/pulumi";
import type { HandlerBundle } from "./handler-bundle";
import { cachedHandlerBundle } from "./handler-cache";

export type { HandlerBundle };

export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");

/** The Node.js version of the Lambda runtime the bundles target (`nodejs22.x`). */
export const LAMBDA_NODE_TARGET = "node22";

function relativeEntry(entry: string): string {
    return path.relative(REPOSITORY_ROOT, path.resolve(REPOSITORY_ROOT, entry)).split(path.sep).join("/");
}

/** esbuild's options for one handler entry (relative to the repository root); the bench varies them. */
export function handlerBuildOptions(relative: string): esbuild.BuildOptions & { write: false; metafile: true } {
    return {
        absWorkingDir: REPOSITORY_ROOT,
        entryPoints: [relative],
        bundle: true,
        platform: "node",
        target: LAMBDA_NODE_TARGET,
        format: "cjs",
        // The SDK's ES module builds (`module`) leave out its browser-only code: a quarter less
        // code to load than its CommonJS builds (`main`), measured by the bench.
        mainFields: ["module", "main"],
        // The SDK loads some Node modules with `import()`; as `require` they load the same way
        // in Lambda and also where a bundle is evaluated as a plain function (`npm run local`).
        supported: { "dynamic-import": false },
        write: false,
        metafile: true,
        outfile: "index.js",
        sourcemap: false,
        legalComments: "eof",
        charset: "utf8",
        logLevel: "silent",
    };
}

/** Runs esbuild for one handler entry (relative to the repository root, or absolute). */
export function buildHandlerBundle(entry: string): HandlerBundle {
    return buildWithInputs(relativeEntry(entry)).bundle;
}

/** The bundle and the files it was built from (esbuild's metafile inputs, relative to the repository root). */
function buildWithInputs(relative: string): { bundle: HandlerBundle; inputs: string[] } {
    let result: esbuild.BuildResult<{ write: false; metafile: true }>;
    try {
        result = esbuild.buildSync(handlerBuildOptions(relative));
    } catch (err) {
        const failure = err as esbuild.BuildFailure;
        const messages = failure.errors?.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ""}${e.text}`) ?? [String(err)];
        throw new Error(`bundling ${relative} failed:\n  ${messages.join("\n  ")}`);
    }
    const code = result.outputFiles[0].text;
    const externals = [...new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))].sort();
    const bundle = { entry: relative, code, sha256: createHash("sha256").update(code).digest("hex"), externals };
    return { bundle, inputs: Object.keys(result.metafile.inputs) };
}

const bundles = new Map<string, HandlerBundle>();

/**
 * Bundles once per entry per program run (components that share a handler share its bundle), and
 * across runs through the disk cache (./handler-cache.ts): an unchanged handler is not bundled again.
 */
export function bundleHandler(entry: string): HandlerBundle {
    const relative = relativeEntry(entry);
    let bundle = bundles.get(relative);
    if (!bundle) {
        bundle = cachedHandlerBundle(relative, handlerBuildOptions(relative), () => buildWithInputs(relative));
        bundles.set(relative, bundle);
    }
    return bundle;
}

/** The deployment package: the bundle as `index.js`, so the handler is `index.handler`. */
export function handlerArchive(bundle: HandlerBundle): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle.code) });
}
