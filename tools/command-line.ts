// Argument parsing shared by the command-line tools: usage errors exit 2 with the usage text,
// --help prints it and exits 0. Returns what to print instead of printing, so it is testable.

import { parseArgs, ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & { help: { type: "boolean" } }; allowPositionals: true; strict: true }>>;

export type CommandLine<O extends Options> =
    | { ok: true; values: Parsed<O>["values"]; positionals: string[] }
    | { ok: false; exitCode: 0 | 2; stream: "stdout" | "stderr"; text: string };

export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: string, opts: { positionals?: boolean } = {}): CommandLine<O> {
    let parsed: Parsed<O>;
    try {
        parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean" as const } }, allowPositionals: true, strict: true });
    } catch (err) {
        return { ok: false, exitCode: 2, stream: "stderr", text: `${(err as Error).message}\n${usage}\n` };
    }
    if ((parsed.values as { help?: boolean }).help) {
        return { ok: false, exitCode: 0, stream: "stdout", text: `${usage}\n` };
    }
    if (!opts.positionals && parsed.positionals.length > 0) {
        return { ok: false, exitCode: 2, stream: "stderr", text: `unexpected argument "${parsed.positionals[0]}"\n${usage}\n` };
    }
    return { ok: true, values: parsed.values, positionals: parsed.positionals };
}

/** Writes a refused command line's text and gives its exit code. */
export function refuse(result: { exitCode: 0 | 2; stream: "stdout" | "stderr"; text: string }): number {
    (result.stream === "stdout" ? process.stdout : process.stderr).write(result.text);
    return result.exitCode;
}
