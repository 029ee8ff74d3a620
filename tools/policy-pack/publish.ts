// `pulumi policy publish` and the install wherever the pack then runs, step by step, without the
// Pulumi CLI or Pulumi Cloud (pulumi/pulumi 3.260.0, 1b5949891b3c):
// 1. Publish (pkg/backend/httpstate/policypack.go): `npm pack --loglevel=error` in the pack's
//    folder; stdout, trimmed, is the tarball's file name (sdk/nodejs/npm/npm.go Pack), so
//    anything else on stdout fails the publish.
// 2. installRequiredPolicy (same file): extract the tarball, move its `package` folder to where
//    the pack lives (~/.pulumi/policies/<org>/pulumi-analyzer-<name>-v<version>:
//    sdk/go/common/workspace/plugins.go GetPolicyPath), then the nodejs language host's
//    InstallDependencies there, outside any workspace: `npm install --loglevel=error`
//    (sdk/nodejs/cmd/pulumi-language-nodejs/main.go InstallDependencies, installcache.go
//    installShared, npm.go Install).
// 3. The pack then runs through RunPlugin, as tools/hosts/analyzer-host.ts starts it.
// The one difference: `--offline`, so npm installs from its cache and the check needs no network
// (the pack's npm-shrinkwrap.json names exactly what the repository's install put in the cache).

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export interface InstalledPack {
    /** `npm pack`'s stdout, which Pulumi reads as the tarball's name. */
    packStdout: string;
    /** The tarball's entries, sorted. */
    files: string[];
    /** Where the pack was installed: what Pulumi starts the analyzer in. */
    dir: string;
    remove(): void;
}

/**
 * The environment without the npm_* variables npm sets for the scripts it runs (npm test among
 * them): they carry this repository's npm configuration (.npmrc's strict-allow-scripts, for one),
 * which the folder Pulumi installs the pack into does not have.
 */
function outsideNpmScripts(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
}

async function npm(args: string[], cwd: string): Promise<string> {
    try {
        return (await run(NPM, args, { cwd, env: outsideNpmScripts(), maxBuffer: 64 * 1024 * 1024, shell: process.platform === "win32" })).stdout;
    } catch (err) {
        const e = err as { stderr?: string; stdout?: string; message: string };
        throw new Error(`npm ${args.join(" ")} in ${cwd} failed: ${e.stderr || e.stdout || e.message}`);
    }
}

/** Packs `packDir` as `pulumi policy publish` does and installs the tarball as the Pulumi CLI does, in a temporary folder. */
export async function publishAndInstall(packDir: string): Promise<InstalledPack> {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-published-pack-"));
    const remove = () => fs.rmSync(temp, { recursive: true, force: true });
    try {
        const packStdout = await npm(["pack", "--loglevel=error"], packDir);
        const tarball = path.join(temp, "pack.tgz");
        // npm writes the tarball into the pack's folder; Pulumi reads it from there and deletes it.
        fs.renameSync(path.join(packDir, packStdout.trim()), tarball);
        const files = (await run("tar", ["-tzf", tarball])).stdout.split("\n").filter(Boolean).sort();
        const extracted = path.join(temp, "extracted");
        fs.mkdirSync(extracted);
        await run("tar", ["-xzf", tarball, "-C", extracted]);
        const dir = path.join(temp, "policies", "organization", "pulumi-analyzer-gatevault-v0.1.0");
        fs.mkdirSync(path.dirname(dir), { recursive: true });
        fs.renameSync(path.join(extracted, "package"), dir);
        await npm(["install", "--loglevel=error", "--offline"], dir);
        return { packStdout, files, dir, remove };
    } catch (err) {
        remove();
        throw err;
    }
}
