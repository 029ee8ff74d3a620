// npm run config-schema [-- --out <file>]: prints the JSON Schema for stack files.

import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { stackFileJsonSchema } from "../components/config/json-schema";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const text = `${JSON.stringify(stackFileJsonSchema(), null, 2)}\n`;
if (values.out) {
    fs.writeFileSync(values.out, text);
    process.stderr.write(`wrote ${values.out}\n`);
} else {
    process.stdout.write(text);
}
