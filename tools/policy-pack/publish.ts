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
//
// An install is about 12 s of CPU and 117 MB. With `installCache`, an install is kept under the
// SHA-256 of everything that decides it: every file of the unpacked tarball (its
// npm-shrinkwrap.json among them), npm's version and Node's. A later run whose tarball unpacks to
// the same files with the same npm and Node starts the pack from that install instead of running
// `npm install` again; any change to the pack, the shared package or the lockfile installs anew.
// The cache sits in the system's temporary folder, outside the repository: an install inside it
// would find the repository's node_modules by Node's upward search and hide a missing dependency.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { contentKey } from "../../components/shared/disk-cache";

const run = promisify(execFile);
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

export interface InstalledPack {
    /** `npm pack`'s stdout, which Pulumi reads as the tarball's name. */
    packStdout: string;
    /** The tarball's entries, sorted. */
    files: string[];
    /** Where the pack was installed: what Pulumi starts the analyzer in. */
    dir: string;
    /** False when an install of the same files with the same npm and Node was reused from `installCache`. */
    installedNow: boolean;
    remove(): void;
}

export interface PublishOptions {
    /**
     * A folder outside any node_modules tree to keep installs in, by content (see the top of this
     * file), on the file system of the system's temporary folder: an install is renamed into it.
     */
    installCache?: string;
}

/** How many installs `installCache` keeps, the most recently used: about 117 MB each. */
const KEEP_INSTALLS = 2;

/** The default `installCache`: per user, in the system's temporary folder. */
export const DEFAULT_INSTALL_CACHE = path.join(os.tmpdir(), `gatevault-published-pack-${os.userInfo().uid}`);

const INSTALL_PATH = path.join("policies", "organization", "pulumi-analyzer-gatevault-v0.1.0");

/** What decides an install: each unpacked file by path and content, npm's version and Node's. */
export function installKey(packageDir: string, files: readonly string[], npmVersion: string, nodeVersion: string): string {
    const parts: (string | Buffer)[] = [npmVersion, nodeVersion];
    for (const file of [...files].sort()) {
        const full = path.join(packageDir, file);
        if (!fs.statSync(full).isFile()) continue;
        parts.push(file, fs.readFileSync(full));
    }
    return contentKey(...parts);
}

/** The files under `dir`, relative to it with `/` between folders. */
function filesUnder(dir: string, prefix = ""): string[] {
    return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/** Moves the unpacked `package` folder to where Pulumi keeps the pack under `root`, and installs it there as the CLI does. */
async function installUnder(root: string, packageDir: string): Promise<string> {
    const dir = path.join(root, INSTALL_PATH);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(packageDir, dir);
    await npm(["install", "--loglevel=error", "--offline"], dir);
    return dir;
}

/** Deletes all but the `keep` most recently used installs in `cache`. */
function pruneInstalls(cache: string, keep: number): void {
    const entries = fs
        .readdirSync(cache, { withFileTypes: true })
        .filter((e) => e.isDirectory() && /^[0-9a-f]{64}$/.test(e.name))
        .map((e) => ({ name: e.name, used: fs.statSync(path.join(cache, e.name)).mtimeMs }))
        .sort((a, b) => b.used - a.used);
    for (const stale of entries.slice(keep)) fs.rmSync(path.join(cache, stale.name), { recursive: true, force: true });
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
export async function publishAndInstall(packDir: string, options: PublishOptions = {}): Promise<InstalledPack> {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-published-pack-"));
    const remove = () => fs.rmSync(temp, { recursive: true, force: true });
    try {
        // npm's version is part of the install cache's key only.
        const npmVersion = options.installCache ? npm(["--version"], temp) : undefined;
        npmVersion?.catch(() => undefined);
        const packStdout = await npm(["pack", "--loglevel=error"], packDir);
        const tarball = path.join(temp, "pack.tgz");
        // npm writes the tarball into the pack's folder; Pulumi reads it from there and deletes it.
        fs.renameSync(path.join(packDir, packStdout.trim()), tarball);
        const extracted = path.join(temp, "extracted");
        fs.mkdirSync(extracted);
        await run("tar", ["-xzf", tarball, "-C", extracted]);
        // The tarball's entries, read from what it unpacked to rather than by listing it again: a
        // tarball `npm pack` makes holds files only, no folder or link entries.
        const files = filesUnder(extracted).sort();
        const packageDir = path.join(extracted, "package");
        if (!options.installCache) {
            return { packStdout, files, dir: await installUnder(temp, packageDir), installedNow: true, remove };
        }
        const cache = options.installCache;
        const key = installKey(extracted, files, (await npmVersion!).trim(), process.version);
        const entry = path.join(cache, key);
        if (fs.existsSync(path.join(entry, INSTALL_PATH, "node_modules"))) {
            const now = new Date();
            fs.utimesSync(entry, now, now);
            return { packStdout, files, dir: path.join(entry, INSTALL_PATH), installedNow: false, remove };
        }
        // Installed under a name of this process, then renamed: another run never sees half an install.
        const building = path.join(cache, `${key}.${process.pid}.tmp`);
        fs.rmSync(building, { recursive: true, force: true });
        try {
            await installUnder(building, packageDir);
            fs.rmSync(entry, { recursive: true, force: true });
            fs.renameSync(building, entry);
        } catch (err) {
            fs.rmSync(building, { recursive: true, force: true });
            throw err;
        }
        pruneInstalls(cache, KEEP_INSTALLS);
        return { packStdout, files, dir: path.join(entry, INSTALL_PATH), installedNow: true, remove };
    } catch (err) {
        remove();
        throw err;
    }
}
