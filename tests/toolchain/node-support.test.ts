// What the toolchain says it supports, checked against what is installed: package.json
// `engines` against every package's own `engines` as npm recorded it in package-lock.json, and
// `allowScripts` against the packages the lockfile marks as having install scripts
// (`hasInstallScript`), the set `npm install-scripts ls` reviews (npm help install-scripts).

import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import * as semver from "semver";
import { REPOSITORY_ROOT } from "../../components/functions/bundle";

interface LockEntry {
    name?: string;
    version?: string;
    engines?: { node?: string };
    hasInstallScript?: boolean;
    gypfile?: boolean;
}

const pkg = require(path.join(REPOSITORY_ROOT, "package.json")) as { engines: { node: string }; allowScripts: Record<string, boolean> };
const lock = require(path.join(REPOSITORY_ROOT, "package-lock.json")) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([at]) => at !== "" && at.includes("node_modules/"));

/** The package an entry installs: an alias (`docker-classic`) records the real name. */
function identity(at: string, entry: LockEntry): string {
    return entry.name ?? at.slice(at.lastIndexOf("node_modules/") + "node_modules/".length);
}

/** The lowest version of each Node line the range admits (`^20.19.0 || ^24.0.0` → 20.19.0, 24.0.0). */
function lowestOfEachLine(range: string): string[] {
    return new semver.Range(range).set.map((comparators) => semver.minVersion(comparators.map((c) => c.value).join(" "))!.version);
}

describe("supported Node versions", () => {
    it("admits the Node this suite is running on", () => {
        expect(semver.satisfies(process.version, pkg.engines.node), `${process.version} against ${pkg.engines.node}`).to.equal(true);
    });

    it("supports only versions every installed package supports: the lowest of each line passes every engines field", () => {
        const lines = lowestOfEachLine(pkg.engines.node);
        expect(lines.map((v) => semver.major(v))).to.include.members([20, 24]);
        const refusals = installed.flatMap(([at, entry]) =>
            lines.filter((v) => entry.engines?.node && !semver.satisfies(v, entry.engines.node)).map((v) => `${identity(at, entry)}@${entry.version} needs node ${entry.engines!.node}, not ${v}`),
        );
        expect(refusals).to.deep.equal([]);
    });

    it("states the same range in the docs' Node support section (docs/deploy-and-ci.md)", () => {
        const page = fs.readFileSync(path.join(REPOSITORY_ROOT, "docs", "deploy-and-ci.md"), "utf8");
        expect(page).to.contain(`\`"node": "${pkg.engines.node}"\``);
    });

    it("installs no native addon, whose build would tie node_modules to one Node version", () => {
        const addons = installed.filter(([, e]) => e.gypfile).map(([at]) => at);
        expect(addons).to.deep.equal([]);
    });
});

describe("install-script approvals (allowScripts)", () => {
    const withScripts = [...new Set(installed.filter(([, e]) => e.hasInstallScript).map(([at, e]) => identity(at, e)))].sort();

    it("decides every package with an install script, and names no other package", () => {
        expect(Object.keys(pkg.allowScripts).sort()).to.deep.equal(withScripts);
    });

    // esbuild's postinstall checks that its platform binary answers with the expected version;
    // the Pulumi Docker packages (from @pulumi/awsx) run `pulumi plugin install`, which needs the
    // CLI and the network and which the CLI itself does when a program needs a plugin;
    // protobufjs's only prints advice about version ranges.
    it("lets only esbuild's postinstall run", () => {
        expect(Object.entries(pkg.allowScripts).filter(([, allowed]) => allowed).map(([name]) => name)).to.deep.equal(["esbuild"]);
    });
});
