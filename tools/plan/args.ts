// The plan command's arguments: `--stack <name> [--config-file <path>] [--program <path>]
// [--policy-config <path>] [--baseline <plan.json> [--baseline-label <text>]] [--format text|json|markdown] [--json] [--inputs]`.

import { parseCommandLine } from "../command-line";
import type { PlanOptions } from "./index";

export const PLAN_USAGE =
    "usage: npm run plan -- --stack <name> [--config-file <path>] [--program <path>] [--policy-config <path>] [--baseline <plan.json> [--baseline-label <text>]] [--format text|json|markdown] [--json] [--inputs]";

export const FORMATS = ["text", "json", "markdown"] as const;
export type PlanFormat = (typeof FORMATS)[number];

export type PlanCommand =
    | { ok: true; plan: PlanOptions; format: PlanFormat; baseline?: string; baselineLabel?: string; showInputs: boolean }
    | { ok: false; exitCode: 0 | 2; stream: "stdout" | "stderr"; text: string; format: PlanFormat };

/**
 * The format asked for, read leniently so that even a command line that fails to parse answers
 * in it: under `--json` stdout carries exactly one JSON document, whatever happens.
 */
export function requestedFormat(argv: string[]): PlanFormat {
    let format: PlanFormat = "text";
    argv.forEach((arg, i) => {
        const value = arg === "--format" ? argv[i + 1] : arg.startsWith("--format=") ? arg.slice("--format=".length) : undefined;
        if (arg === "--json") format = "json";
        else if (value && (FORMATS as readonly string[]).includes(value)) format = value as PlanFormat;
    });
    return format;
}

export function parsePlanArgs(argv: string[]): PlanCommand {
    const format = requestedFormat(argv);
    const parsed = parseCommandLine(
        argv,
        {
            stack: { type: "string" },
            "config-file": { type: "string" },
            program: { type: "string" },
            "policy-config": { type: "string" },
            baseline: { type: "string" },
            "baseline-label": { type: "string" },
            format: { type: "string" },
            json: { type: "boolean" },
            inputs: { type: "boolean" },
        },
        PLAN_USAGE,
    );
    if (!parsed.ok) {
        return { ...parsed, format };
    }
    const { values } = parsed;
    const refuse = (text: string) => ({ ok: false as const, exitCode: 2 as const, stream: "stderr" as const, text: `${text}\n${PLAN_USAGE}\n`, format });
    if (values.format !== undefined && !(FORMATS as readonly string[]).includes(values.format)) {
        return refuse(`--format must be one of ${FORMATS.join(", ")} (got "${values.format}")`);
    }
    if (values.json && values.format !== undefined && values.format !== "json") {
        return refuse(`--json asks for --format json; it contradicts --format ${values.format}`);
    }
    if (values["baseline-label"] !== undefined && values.baseline === undefined) {
        return refuse("--baseline-label names the --baseline plan; give --baseline too");
    }
    if (!values.stack) {
        return refuse("--stack is required");
    }
    return {
        ok: true,
        plan: { stack: values.stack, configFile: values["config-file"], program: values.program, policyConfigFile: values["policy-config"] },
        format,
        baseline: values.baseline,
        baselineLabel: values["baseline-label"],
        showInputs: values.inputs ?? false,
    };
}
