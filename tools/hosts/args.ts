// The hosts-check command's arguments: `--stack <name> [--config-file <file>] [--program <file>]
// [--policy-config <file>]`.

import { parseCommandLine } from "../command-line";
import type { HostsOptions } from "./index";

export const HOSTS_USAGE = "usage: npm run hosts-check -- --stack <name> [--config-file <file>] [--program <file>] [--policy-config <file>]";

export type HostsCommand = { ok: true; options: HostsOptions } | { ok: false; exitCode: 0 | 2; stream: "stdout" | "stderr"; text: string };

export function parseHostsArgs(argv: string[]): HostsCommand {
    const parsed = parseCommandLine(argv, { stack: { type: "string" }, "config-file": { type: "string" }, program: { type: "string" }, "policy-config": { type: "string" } }, HOSTS_USAGE);
    if (!parsed.ok) {
        return parsed;
    }
    const { stack, program } = parsed.values;
    if (!stack) {
        return { ok: false, exitCode: 2, stream: "stderr", text: `--stack is required\n${HOSTS_USAGE}\n` };
    }
    return { ok: true, options: { stack, configFile: parsed.values["config-file"], program, policyConfigFile: parsed.values["policy-config"] } };
}
