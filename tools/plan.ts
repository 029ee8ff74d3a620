// npm run plan -- --stack <name> [--config-file <path>] [--program <path>] [--policy-config <path>] [--json] [--inputs]
//
// Evaluates the program and the policy pack offline. Exit codes: 0 clean or advisory only,
// 1 mandatory violation, 2 invalid config or usage, 3 the program itself failed.

import { refuse } from "./command-line";
import { parsePlanArgs } from "./plan/args";
import { runPlan } from "./plan/index";
import { renderHuman, renderJson } from "./plan/render";

async function main(argv: string[]): Promise<number> {
    const command = parsePlanArgs(argv);
    if (!command.ok) {
        return refuse(command);
    }
    const result = await runPlan(command.plan);
    if (command.json) {
        process.stdout.write(`${renderJson(result)}\n`);
    } else {
        const text = renderHuman(result, { showInputs: command.showInputs });
        (result.error ? process.stderr : process.stdout).write(`${text}\n`);
    }
    return result.summary.exitCode;
}

// Exit only once stdout has drained: a large --json plan written to a pipe would otherwise
// be cut short by process.exit.
main(process.argv.slice(2)).then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (err) => {
        process.stderr.write(`offline plan failed: ${(err as Error).stack ?? err}\n`);
        process.exit(3);
    },
);
