// npm run plan -- --stack <name> [--config-file <path>] [--program <path>] [--policy-config <path>]
//                 [--baseline <plan.json> [--baseline-label <text>]] [--format text|json|markdown] [--json] [--inputs]
//
// Evaluates the program and the policy pack offline (tools/plan/cli.ts). Exit codes: 0 clean or
// advisory only, 1 mandatory violation, 2 invalid config or usage, 3 the program itself failed.

import { planCommand } from "./plan/cli";

// Captured before the command diverts stdout while the program runs.
const stdout = process.stdout.write.bind(process.stdout);
const stderr = process.stderr.write.bind(process.stderr);

// Exit only once stdout has drained: a large --json plan written to a pipe would otherwise
// be cut short by process.exit.
planCommand(process.argv.slice(2), { stdout: (t) => void stdout(t), stderr: (t) => void stderr(t) }).then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (err) => {
        process.stderr.write(`offline plan failed: ${(err as Error).stack ?? err}\n`);
        process.exit(3);
    },
);
