// npm run hosts-check -- --stack <name> [--config-file <file>] [--program <file>] [--policy-config <file>]
//
// Runs the stack's program through Pulumi's nodejs language-host entry and the policy pack through
// Pulumi's analyzer host, and compares both with the offline plan. Exit codes: 0 identical,
// 1 differences (each printed), 2 usage or config errors, 3 a program or the pack failed.

import { refuse } from "../command-line";
import { PlanUsageError } from "../plan/project";
import { parseHostsArgs } from "./args";
import { hostsCheck, hostsCheckReport } from "./index";

async function main(argv: string[]): Promise<number> {
    const command = parseHostsArgs(argv);
    if (!command.ok) {
        return refuse(command);
    }
    let check;
    try {
        check = await hostsCheck(command.options);
    } catch (err) {
        if (err instanceof PlanUsageError) {
            return refuse({ exitCode: 2, stream: "stderr", text: `${err.message}\n` });
        }
        throw err;
    }
    const report = hostsCheckReport(check);
    process.stdout.write(report.stdout);
    process.stderr.write(report.stderr);
    return report.exitCode;
}

// Exit only once stdout has drained, as tools/plan.ts does.
main(process.argv.slice(2)).then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (err) => {
        process.stderr.write(`hosts-check failed: ${(err as Error).stack ?? err}\n`);
        process.exit(3);
    },
);
