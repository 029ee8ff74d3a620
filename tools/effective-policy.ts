// npm run effective-policy -- [--retention] <policy.json> ...
//
// Prints the effective management policy an account receives from the policies attached along
// its path: the first file is the root's, the last the account's. A file holding a JSON list
// stands for several policies attached to the same node, in attachment order. Changes that a
// child restriction cancels are listed on stderr. `--retention` prints
// `{ effectivePolicy, retention }` instead, retention per backup plan included.
//
// Exit codes: 0 printed, 2 usage or malformed input (each problem names the file and the
// JSON path inside it), 3 an unexpected failure.

import * as fs from "node:fs";
import { parseCommandLine, refuse } from "./command-line";
import { CompiledPolicy, InheritanceState } from "../components/backup/org-policy/effective";
import { formatJsonPath } from "../components/backup/org-policy/json";
import { lowerPolicy } from "../components/backup/org-policy/operators";
import { planRetentions } from "../components/backup/org-policy/retention";

const USAGE = "usage: npm run effective-policy -- [--retention] <root-policy.json> [<ou-policy.json> ...] <account-policy.json>";

/** Line and column of a JSON.parse error, when its message gives a position. */
function where(text: string, message: string): string {
    const position = /at position (\d+)/.exec(message);
    if (!position || /line \d+/.test(message)) return "";
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    return ` (line ${line}, column ${before.length - before.lastIndexOf("\n")})`;
}

/** The policies of one node, or the problems that make the file unusable. */
function readNode(file: string): { policies?: CompiledPolicy[]; problems: string[] } {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        return { problems: [`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`] };
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        const message = (err as Error).message.replace(/\s+/g, " ");
        return { problems: [`${file}: not valid JSON: ${message}${where(text, message)}`] };
    }
    const documents = Array.isArray(parsed) ? parsed : [parsed];
    if (documents.length === 0) {
        return { problems: [`${file}: $: an empty list attaches no policy; give a policy object or a list of them`] };
    }
    const problems: string[] = [];
    const policies = documents.map((document, i): CompiledPolicy => {
        const lowered = lowerPolicy(document);
        const prefix: (string | number)[] = Array.isArray(parsed) ? [i] : [];
        problems.push(...lowered.problems.map((p) => `${file}: ${formatJsonPath([...prefix, ...p.path])}: ${p.message}`));
        return { root: lowered.root };
    });
    return problems.length > 0 ? { problems } : { policies, problems };
}

function main(argv: string[]): number {
    const parsed = parseCommandLine(argv, { retention: { type: "boolean" } }, USAGE, { positionals: true });
    if (!parsed.ok) {
        return refuse(parsed);
    }
    const { values, positionals } = parsed;
    if (positionals.length === 0) {
        process.stderr.write(`give at least one policy file\n${USAGE}\n`);
        return 2;
    }

    const nodes = positionals.map((file) => ({ file, ...readNode(file) }));
    const problems = nodes.flatMap((n) => n.problems);
    if (problems.length > 0) {
        process.stderr.write(`malformed policy input (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
        return 2;
    }

    const state = nodes.reduce((s, node) => s.attach(node.policies!), InheritanceState.empty());
    for (const c of state.ignored) {
        const node = nodes[c.level];
        const policy = node.policies!.length > 1 ? `${node.file}[${c.policy}]` : node.file;
        process.stderr.write(`cancelled: ${c.operator} at ${formatJsonPath(c.path)} in ${policy}: ${c.reason}\n`);
    }
    const effectivePolicy = state.render();
    const output = values.retention ? { effectivePolicy, retention: planRetentions(effectivePolicy) } : effectivePolicy;
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (err) {
    process.stderr.write(`effective-policy failed: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 3;
}
