// npm run hosts-check -- --stack <name> [--program <file>] [--policy-config <file>]
//
// Runs the stack's program through Pulumi's nodejs language-host entry and the policy pack through
// Pulumi's analyzer host, and compares both with the offline plan. Exit codes: 0 identical,
// 1 differences (each printed), 2 usage or config errors, 3 a program or the pack failed.

import { parseCommandLine, refuse } from "../command-line";
import { PlanUsageError } from "../plan/project";
import { hostsCheck, hostsCheckReport } from "./index";

const USAGE = "usage: npm run hosts-check -- --stack <name> [--program <file>] [--policy-config <file>]";

async function main(argv: string[]): Promise<number> {
    const parsed = parseCommandLine(argv, { stack: { type: "string" }, program: { type: "string" }, "policy-config": { type: "string" } }, USAGE);
    if (!parsed.ok) {
        return refuse(parsed);
    }
    if (!parsed.values.stack) {
        return refuse({ exitCode: 2, stream: "stderr", text: `--stack is required\n${USAGE}\n` });
    }
    let check;
    try {
        check = await hostsCheck({ stack: parsed.values.stack, program: parsed.values.program, policyConfigFile: parsed.values["policy-config"] });
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

main(process.argv.slice(2)).then(
    (code) => process.stdout.write("", () => process.exit(code)),
    (err) => {
        process.stderr.write(`hosts-check failed: ${(err as Error).stack ?? err}\n`);
        process.exit(3);
    },
);
