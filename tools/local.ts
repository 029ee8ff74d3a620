// npm run local -- --stack <name> [--api <name>] [--port 3001] ...   (see tools/local/args.ts)
// npm run -s local -- token --stack <name> --sub <id> [--scopes a,b] ...
//
// Serves one API of a stack on 127.0.0.1, at the paths of its invoke URL, from the document
// and stage settings `pulumi up` would deploy; prints "listening on http://127.0.0.1:<port>/<stage>"
// once ready, access log lines as requests arrive, and stops cleanly on Ctrl-C. Exit codes:
// 0 stopped, 2 invalid config or usage, 1 anything else.

import { isConfigValidationError } from "../components/config";
import { runLocalCommand } from "./local/command";
import { LocalUsageError } from "./local/stack";
import { PlanUsageError } from "./plan/project";

const out = { stdout: (t: string) => void process.stdout.write(t), stderr: (t: string) => void process.stderr.write(t) };

runLocalCommand(process.argv.slice(2), out).then(
    (result) => {
        if ("exitCode" in result) {
            process.stdout.write("", () => process.exit(result.exitCode));
            return;
        }
        const stop = () => void result.running.close().then(() => process.exit(0));
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
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
