// npm run effective-policy -- [--retention] <policy.json> ...
// npm run effective-policy -- --stack <stack> --account <id> [--parent <ou-id> | --tree <org-tree.json>]
//
// The effective backup policy of an account: see tools/effective-policy/command.ts. Exit codes:
// 0 printed, 2 usage or malformed input, 3 an unexpected failure.

import { effectivePolicyCommand } from "./effective-policy/command";

try {
    const result = effectivePolicyCommand(process.argv.slice(2));
    process.stderr.write(result.stderr);
    process.stdout.write(result.stdout);
    process.exitCode = result.exitCode;
} catch (err) {
    process.stderr.write(`effective-policy failed: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 3;
}
