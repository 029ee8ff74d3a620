// npm run local -- --stack <name> [--api <name>] [--port 3001] ...   (see tools/local/args.ts)
// npm run -s local -- token --stack <name> --sub <id> [--scopes a,b] ...
//
// Serves one API of a stack on 127.0.0.1, at the paths of its invoke URL, from the document
// and stage settings `pulumi up` would deploy; prints "listening on http://127.0.0.1:<port>/<stage>"
// once ready, access log lines as requests arrive, and stops cleanly on Ctrl-C. Exit codes:
// 0 stopped, 2 invalid config or usage, 1 anything else.

import { isConfigValidationError } from "../components/config";
import { refuse } from "./command-line";
import { parseLocalArgs } from "./local/args";
import { LocalUsageError } from "./local/stack";
import { startLocalStack } from "./local/start";
import { localToken } from "./local/token";
import { PlanUsageError } from "./plan/project";

async function main(argv: string[]): Promise<number | undefined> {
    const command = parseLocalArgs(argv);
    if (!command.ok) return refuse(command);
    if (command.kind === "token") {
        process.stdout.write(`${await localToken(command.options)}\n`);
        return 0;
    }
    const running = await startLocalStack({ ...command.options, accessLog: (line) => process.stdout.write(`${line}\n`) });
    const o = command.options;
    process.stdout.write(`serving API ${running.definition.name} of stack ${o.stack}: the document and stage settings \`pulumi up\` would deploy\n`);
    for (const [client, key] of Object.entries(running.apiKeys)) process.stdout.write(`api key of client ${client}: ${key}\n`);
    process.stdout.write(`JWT authorizers verify with ${running.jwksUrl}${running.issuer ? `, issuer ${running.issuer}` : ""}; mint a token: npm run -s local -- token --stack ${o.stack} --sub <id> --scopes <a,b>\n`);
    process.stdout.write(`listening on ${running.url}\n`);
    const stop = () => {
        running.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return undefined;
}

main(process.argv.slice(2)).then(
    (code) => {
        if (code !== undefined) process.stdout.write("", () => process.exit(code));
    },
    (err) => {
        if (isConfigValidationError(err) || err instanceof LocalUsageError || err instanceof PlanUsageError) {
            process.stderr.write(`${(err as Error).message}\n`);
            process.exit(2);
        }
        process.stderr.write(`npm run local failed: ${(err as Error).stack ?? err}\n`);
        process.exit(1);
    },
);
