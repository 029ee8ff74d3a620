// npm run plan -- --stack <name> [--config-file <path>] [--program <path>] [--policy-config <path>] [--json] [--inputs]
//
// Evaluates the program and the policy pack offline. Exit codes: 0 clean or advisory only,
// 1 mandatory violation, 2 invalid config or usage, 3 the program itself failed.

import { parseArgs } from "node:util";
import { runPlan } from "./plan/index";
import { renderHuman, renderJson } from "./plan/render";

const USAGE = "usage: npm run plan -- --stack <name> [--config-file <path>] [--program <path>] [--policy-config <path>] [--json] [--inputs]";

async function main(): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                program: { type: "string" },
                "policy-config": { type: "string" },
                json: { type: "boolean", default: false },
                inputs: { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (err) {
        process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
        return 2;
    }
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (!values.stack) {
        process.stderr.write(`--stack is required\n${USAGE}\n`);
        return 2;
    }
    const result = await runPlan({
        stack: values.stack,
        configFile: values["config-file"],
        program: values.program,
        policyConfigFile: values["policy-config"],
    });
    if (values.json) {
        process.stdout.write(`${renderJson(result)}\n`);
    } else {
        const text = renderHuman(result, { showInputs: values.inputs });
        (result.error ? process.stderr : process.stdout).write(`${text}\n`);
    }
    return result.summary.exitCode;
}

// Exit only once stdout has drained: a large --json plan written to a pipe would otherwise
// be cut short by process.exit.
main().then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (err) => {
        process.stderr.write(`offline plan failed: ${(err as Error).stack ?? err}\n`);
        process.exit(3);
    },
);
