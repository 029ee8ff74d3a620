// Preloaded (NODE_OPTIONS=--require) into a program that Pulumi's cmd/run starts: when the program
// exits, writes what loaded its TypeScript to the file named by GATEVAULT_LOADER_PROBE: whether
// ts-node was registered (it keeps its service on the process under
// Symbol.for("ts-node.register.instance")), which function Node calls for `.ts` files and which
// file defined it, the `.ts` modules the process loaded, whether Node's source maps were on, and
// whether @pulumi/aws's index and @pulumi/awsx were loaded.

const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

process.on("exit", () => {
    const tsExtension = Module._extensions[".ts"];
    const definedIn = tsExtension && Object.keys(require.cache).find((file) => Object.values(require.cache[file].exports ?? {}).includes(tsExtension));
    const seen = {
        tsNode: Boolean(process[Symbol.for("ts-node.register.instance")]),
        tsExtension: tsExtension?.name ?? null,
        definedIn: definedIn ?? null,
        typescriptModules: Object.keys(require.cache).filter((file) => file.endsWith(".ts")).length,
        sourceMapsEnabled: process.sourceMapsEnabled,
        // @pulumi/aws's index, which loads every service (components/shared/aws.ts loads the ones used).
        awsIndexLoaded: Object.keys(require.cache).includes(path.join(path.dirname(require.resolve("@pulumi/aws/package.json")), "index.js")),
        awsxLoaded: Object.keys(require.cache).some((file) => file.startsWith(path.dirname(require.resolve("@pulumi/awsx/package.json")) + path.sep)),
    };
    fs.writeFileSync(process.env.GATEVAULT_LOADER_PROBE, JSON.stringify(seen));
});
