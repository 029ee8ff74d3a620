// The plan command's arguments: `--stack <name> [--config-file <path>] [--program <path>]
// [--policy-config <path>] [--json] [--inputs]`.

import { parseCommandLine } from "../command-line";
import type { PlanOptions } from "./index";

export const PLAN_USAGE =
    "usage: npm run plan -- --stack <name> [--config-file <path>] [--program <path>] [--policy-config <path>] [--json] [--inputs]";

export type PlanCommand =
    | { ok: true; plan: PlanOptions; json: boolean; showInputs: boolean }
    | { ok: false; exitCode: 0 | 2; stream: "stdout" | "stderr"; text: string };

export function parsePlanArgs(argv: string[]): PlanCommand {
    const parsed = parseCommandLine(
        argv,
        {
            stack: { type: "string" },
            "config-file": { type: "string" },
            program: { type: "string" },
            "policy-config": { type: "string" },
            json: { type: "boolean" },
            inputs: { type: "boolean" },
        },
        PLAN_USAGE,
    );
    if (!parsed.ok) {
        return parsed;
    }
    const { values } = parsed;
    if (!values.stack) {
        return { ok: false, exitCode: 2, stream: "stderr", text: `--stack is required\n${PLAN_USAGE}\n` };
    }
    return {
        ok: true,
        plan: { stack: values.stack, configFile: values["config-file"], program: values.program, policyConfigFile: values["policy-config"] },
        json: values.json ?? false,
        showInputs: values.inputs ?? false,
    };
}
