// What `npm run local` does with its arguments, apart from the process around it
// (tools/local.ts wires Ctrl-C and the exit code): mint a token, or start the server and say
// what it serves, ending with the "listening on" line once it answers.

import { parseLocalArgs } from "./args";
import { type RunningStack, startLocalStack } from "./start";
import { localToken } from "./token";

export interface CommandOutput {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

export type CommandResult = { exitCode: number } | { running: RunningStack };

export async function runLocalCommand(argv: string[], out: CommandOutput): Promise<CommandResult> {
    const command = parseLocalArgs(argv);
    if (!command.ok) {
        (command.stream === "stdout" ? out.stdout : out.stderr)(command.text);
        return { exitCode: command.exitCode };
    }
    if (command.kind === "token") {
        out.stdout(`${await localToken(command.options)}\n`);
        return { exitCode: 0 };
    }
    const o = command.options;
    const running = await startLocalStack({
        ...o,
        accessLog: (line) => out.stdout(`${line}\n`),
        warn: (message) => out.stderr(`${message}\n`),
        functionLog: (name, line) => out.stderr(`[${name}] ${line}\n`),
    });
    out.stdout(`serving API ${running.definition.name} of stack ${o.stack}: the document and stage settings \`pulumi up\` would deploy\n`);
    for (const [client, key] of Object.entries(running.apiKeys)) out.stdout(`api key of client ${client}: ${key}\n`);
    out.stdout(`JWT authorizers verify with ${running.jwksUrl}${running.issuer ? `, issuer ${running.issuer}` : ""}; mint a token: npm run -s local -- token --stack ${o.stack} --sub <id> --scopes <a,b>\n`);
    out.stdout(`listening on ${running.url}\n`);
    return { running };
}

