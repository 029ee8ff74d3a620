// Bundles a handler with esbuild while the program runs, into the archive Lambda deploys.
// Output is deterministic (paths relative to the repository root, no timestamps), so an
// unchanged handler never shows as a diff. The AWS SDK v3 stays external: the Node.js
// Lambda runtime provides it. Everything else (jose) is bundled in.

import { createHash } from "node:crypto";
import * as path from "node:path";
import * as esbuild from "esbuild";
import * as pulumi from "@pulumi/pulumi";

export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");

/** The Node.js version of the Lambda runtime the bundles target (`nodejs22.x`). */
export const LAMBDA_NODE_TARGET = "node22";

export interface HandlerBundle {
    /** Entry file, relative to the repository root. */
    entry: string;
    code: string;
    sha256: string;
}

function relativeEntry(entry: string): string {
    return path.relative(REPOSITORY_ROOT, path.resolve(REPOSITORY_ROOT, entry)).split(path.sep).join("/");
}

/** Runs esbuild for one handler entry (relative to the repository root, or absolute). */
export function buildHandlerBundle(entry: string): HandlerBundle {
    const relative = relativeEntry(entry);
    let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
    try {
        result = esbuild.buildSync({
            absWorkingDir: REPOSITORY_ROOT,
            entryPoints: [relative],
            bundle: true,
            platform: "node",
            target: LAMBDA_NODE_TARGET,
            format: "cjs",
            external: ["@aws-sdk/*"],
            write: false,
            outfile: "index.js",
            sourcemap: false,
            legalComments: "eof",
            charset: "utf8",
            logLevel: "silent",
        });
    } catch (err) {
        const failure = err as esbuild.BuildFailure;
        const messages = failure.errors?.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ""}${e.text}`) ?? [String(err)];
        throw new Error(`bundling ${relative} failed:\n  ${messages.join("\n  ")}`);
    }
    const code = result.outputFiles[0].text;
    return { entry: relative, code, sha256: createHash("sha256").update(code).digest("hex") };
}

const bundles = new Map<string, HandlerBundle>();

/** Bundles once per entry per program run; components that share a handler share its bundle. */
export function bundleHandler(entry: string): HandlerBundle {
    const relative = relativeEntry(entry);
    let bundle = bundles.get(relative);
    if (!bundle) {
        bundle = buildHandlerBundle(relative);
        bundles.set(relative, bundle);
    }
    return bundle;
}

/** The deployment package: the bundle as `index.js`, so the handler is `index.handler`. */
export function handlerArchive(bundle: HandlerBundle): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(bundle.code) });
}
