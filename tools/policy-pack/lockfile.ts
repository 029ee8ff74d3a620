// The lockfile the published pack carries: its dependency tree cut out of the repository's
// package-lock.json, written as policy/npm-shrinkwrap.json while `npm pack` runs.
//
// `pulumi policy publish` uploads what `npm pack` makes of policy/, and wherever the pack runs the
// CLI unpacks it and runs `npm install` in it (pulumi/pulumi pkg/backend/httpstate/policypack.go
// installRequiredPolicy; sdk/nodejs/npm/npm.go Install). "Unlike package-lock.json,
// npm-shrinkwrap.json may be included when publishing a package", and npm recommends it for
// "applications deployed through the publishing process" (docs.npmjs.com/cli/configuring-npm/npm-shrinkwrap-json);
// `npm install` in the unpacked folder installs what it lists. So the pack installs
// the exact versions this repository tested, not whatever its ranges resolve to on the day, and
// from npm's cache alone (`--offline`) when the cache holds the repository's install.
//
// Cutting the tree keeps every package where the repository's lockfile puts it: a dependency
// resolves from the nearest node_modules above its dependent, so the packages the pack's own
// dependencies resolve to, kept at their places, resolve the same way in the pack. The workspace
// packages the pack bundles (bundleDependencies) are in its tarball, so they are marked inBundle
// (docs.npmjs.com/cli/configuring-npm/package-lock-json, `inBundle`) and never fetched.

export interface LockEntry {
    version?: string;
    resolved?: string;
    integrity?: string;
    link?: boolean;
    license?: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    bundleDependencies?: string[];
    [key: string]: unknown;
}

export interface Lockfile {
    name?: string;
    version?: string;
    lockfileVersion: number;
    requires?: boolean;
    packages: Record<string, LockEntry>;
}

export class PackLockfileError extends Error {}

/** What installing `entry` installs: its dependencies, optional ones and the peers it needs. */
function dependencyNames(entry: LockEntry): string[] {
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);
    return [...new Set([...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers])];
}

/** Node's lookup: `name` in the node_modules of `location`, then of each folder above it. */
function resolveFrom(packages: Lockfile["packages"], location: string, name: string): string | undefined {
    let base = location;
    for (;;) {
        const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
        if (candidate in packages) return candidate;
        if (!base) return undefined;
        const above = base.lastIndexOf("node_modules/");
        base = above <= 0 ? "" : base.slice(0, above - 1);
    }
}

/**
 * The lockfile of the workspace at `workspace` (e.g. "policy") installed on its own: the root
 * entry is the workspace's, the packages are the ones its dependencies resolve to in `root`.
 */
export function packLockfile(root: Lockfile, workspace: string): Lockfile {
    const packages = root.packages;
    const manifest = packages[workspace];
    if (!manifest) throw new PackLockfileError(`package-lock.json has no workspace "${workspace}": run npm install`);
    if (root.lockfileVersion < 2) throw new PackLockfileError(`package-lock.json is lockfileVersion ${root.lockfileVersion}; npm 7 or newer writes 2 or 3`);
    const bundled = new Set(manifest.bundleDependencies ?? []);
    const prefix = `${workspace}/`;
    const out: Record<string, LockEntry> = {};
    const seen = new Set<string>();
    const queue: { from: string; name: string; optional: boolean }[] = dependencyNames(manifest).map((name) => ({ from: workspace, name, optional: name in (manifest.optionalDependencies ?? {}) }));

    while (queue.length > 0) {
        const { from, name, optional } = queue.shift()!;
        const location = resolveFrom(packages, from, name);
        if (!location) {
            if (optional) continue;
            throw new PackLockfileError(`${name} (needed by ${from}) is not in package-lock.json: run npm install`);
        }
        if (seen.has(location)) continue;
        seen.add(location);
        const entry = packages[location];
        // The pack is installed on its own: what sat in its workspace folder sits at its top.
        const target = location.startsWith(prefix) ? location.slice(prefix.length) : location;
        if (entry.link) {
            const linked = packages[entry.resolved ?? ""];
            if (!linked || from !== workspace || !bundled.has(name)) {
                throw new PackLockfileError(`${name} is a workspace package; the pack can only ship it bundled: list it in ${workspace}/package.json bundleDependencies`);
            }
            if (dependencyNames(linked).length > 0) {
                throw new PackLockfileError(`${name} has dependencies of its own, which the pack would have to bundle too; keep it dependency-free`);
            }
            out[target] = { version: linked.version, inBundle: true, ...(linked.license ? { license: linked.license } : {}) };
            continue;
        }
        if (target in out) throw new PackLockfileError(`two versions of ${name} would both sit at ${target}`);
        // dev and devOptional describe the repository's tree; everything here is a dependency of the pack.
        const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
        out[target] = kept;
        for (const dependency of dependencyNames(entry)) {
            queue.push({ from: location, name: dependency, optional: dependency in (entry.optionalDependencies ?? {}) });
        }
    }

    const sorted = Object.fromEntries(Object.keys(out).sort((a, b) => a.localeCompare(b, "en")).map((k) => [k, out[k]]));
    return { name: manifest.name as string, version: manifest.version, lockfileVersion: 3, requires: true, packages: { "": manifest, ...sorted } };
}
