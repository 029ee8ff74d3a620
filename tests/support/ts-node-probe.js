// Preloaded (NODE_OPTIONS=--require) into a program that Pulumi's cmd/run starts: when the program
// exits, writes how ts-node was registered (ts-node keeps its service on the process under
// Symbol.for("ts-node.register.instance")) to the file named by GATEVAULT_TS_NODE_PROBE.

const fs = require("node:fs");

process.on("exit", () => {
    const service = process[Symbol.for("ts-node.register.instance")];
    const seen = service
        ? { transpileOnly: service.transpileOnly, configFilePath: service.configFilePath, typescript: service.ts.version }
        : null;
    fs.writeFileSync(process.env.GATEVAULT_TS_NODE_PROBE, JSON.stringify(seen));
});
