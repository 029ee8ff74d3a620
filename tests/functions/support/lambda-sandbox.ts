// Evaluates a handler bundle the way Lambda loads `index.js` from a deployment package that holds
// nothing else: `require` serves Node's own modules only, so anything the bundle did not carry
// fails to load, whatever node_modules the test process can see. The bundle gets its own
// `process.env` (the function's environment) and a console that hands each line to `log`.

import { builtinModules } from "node:module";
import { format } from "node:util";
import * as vm from "node:vm";

const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export function loadIsolatedBundle(code: string, env: Record<string, string>, log: (line: string) => void): Record<string, any> {
    const ownProcess = new Proxy(process, { get: (target, key) => (key === "env" ? env : Reflect.get(target, key, target)) });
    const isolatedRequire = (id: string): unknown => {
        if (id === "process" || id === "node:process") return ownProcess;
        if (NODE_MODULES.has(id)) return require(id);
        throw new Error(`Cannot find module '${id}': not in the deployment package`);
    };
    const write = (...args: unknown[]) => log(format(...args));
    const ownConsole = Object.assign(Object.create(console), { log: write, info: write, warn: write, error: write, debug: write });
    const module = { exports: {} as Record<string, any> };
    const wrapper = vm.compileFunction(code, ["exports", "require", "module", "__filename", "__dirname", "process", "console"], { filename: "/var/task/index.js" });
    wrapper(module.exports, isolatedRequire, module, "/var/task/index.js", "/var/task", ownProcess, ownConsole);
    return module.exports;
}

/** Node's own modules, with and without the `node:` prefix (Node's list, not ours). */
export function isNodeModule(id: string): boolean {
    return NODE_MODULES.has(id);
}
