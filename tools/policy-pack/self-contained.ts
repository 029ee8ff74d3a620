// What policy/ needs beside it for `npm pack` there, which `pulumi policy publish` runs
// (pulumi/pulumi pkg/backend/httpstate/policypack.go Publish, sdk/nodejs/npm/npm.go Pack), to
// make a pack that installs and runs without the repository. Written by the root package.json's
// prepare script, which npm runs after every `npm install` and `npm ci` at the root; both are
// git-ignored:
// - policy/node_modules/<name>, a link to each workspace package the pack bundles
//   (bundleDependencies). npm installs workspaces' dependencies at the repository root, and
//   `npm pack` of a workspace leaves out bundled dependencies that are not in the workspace's own
//   node_modules (npm/cli#3466, open);
// - policy/npm-shrinkwrap.json, the pack's part of the repository's lockfile (./lockfile.ts).
// Not written by policy/package.json's own prepack script: npm prints a script's banner on
// stdout, and Pulumi reads the tarball's name from `npm pack`'s stdout (npm.go Pack).

import * as fs from "node:fs";
import * as path from "node:path";
import { Lockfile, packLockfile } from "./lockfile";

export const SHRINKWRAP = "npm-shrinkwrap.json";

export interface PackFolders {
    /** The repository root: its package-lock.json and node_modules. */
    root: string;
    /** The pack's folder, a workspace of the root. */
    pack: string;
}

export interface SelfContainedPack {
    shrinkwrap: Lockfile;
    /** Bundled workspace packages: the link in the pack's node_modules and the folder it points to. */
    links: { name: string; link: string; target: string }[];
}

/** What prepareSelfContained writes, computed from the repository's lockfile. */
export function selfContainedPack(folders: PackFolders): SelfContainedPack {
    const lock = JSON.parse(fs.readFileSync(path.join(folders.root, "package-lock.json"), "utf8")) as Lockfile;
    const workspace = path.relative(folders.root, folders.pack).split(path.sep).join("/");
    const shrinkwrap = packLockfile(lock, workspace);
    const links = (lock.packages[workspace]?.bundleDependencies ?? []).flatMap((name) => {
        const entry = lock.packages[`node_modules/${name}`];
        return entry?.link && entry.resolved ? [{ name, link: path.join(folders.pack, "node_modules", name), target: path.join(folders.root, entry.resolved) }] : [];
    });
    return { shrinkwrap, links };
}

export function shrinkwrapText(shrinkwrap: Lockfile): string {
    return `${JSON.stringify(shrinkwrap, null, 2)}\n`;
}

export function prepareSelfContained(folders: PackFolders): void {
    const { shrinkwrap, links } = selfContainedPack(folders);
    for (const { link, target } of links) {
        const existing = fs.lstatSync(link, { throwIfNoEntry: false });
        if (existing && !existing.isSymbolicLink()) {
            throw new Error(`${link} is a folder, not a link to ${target}; remove it and run npm install again`);
        }
        fs.rmSync(link, { force: true });
        fs.mkdirSync(path.dirname(link), { recursive: true });
        // Relative, so the link survives moving the checkout; on Windows a junction (a directory
        // link that needs no privileges), which takes an absolute target.
        if (process.platform === "win32") fs.symlinkSync(target, link, "junction");
        else fs.symlinkSync(path.relative(path.dirname(link), target), link);
    }
    fs.writeFileSync(path.join(folders.pack, SHRINKWRAP), shrinkwrapText(shrinkwrap));
}
