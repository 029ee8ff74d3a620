// Access logs: one line per request in the stage's format, with each $context variable
// replaced by its value ("-" when it has none), as API Gateway writes them to the stage's log
// destination. https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
// and the variables in api-gateway-variables-for-access-logging.html.
// Deliberately not modelled: the destination (lines go to stdout, not CloudWatch or Firehose),
// $context variables this emulator does not know (they log "-").

import type { RequestContext } from "./context";

function lookup(context: RequestContext, path: string): unknown {
    let value: unknown = context;
    for (const part of path.split(".")) {
        if (value === null || typeof value !== "object") return undefined;
        value = (value as Record<string, unknown>)[part];
    }
    return value;
}

/** Inside a JSON format a value is written JSON-escaped so the line stays one JSON object. */
export function accessLogLine(format: string, context: RequestContext): string {
    return format.replace(/\$context\.([A-Za-z0-9_.]+[A-Za-z0-9_])/g, (_, path: string) => {
        const value = lookup(context, path);
        if (value === undefined || value === null || value === "" || typeof value === "object") return "-";
        return JSON.stringify(String(value)).slice(1, -1);
    });
}
