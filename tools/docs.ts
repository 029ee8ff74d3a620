// npm run docs: writes the generated documentation (docs/config-reference.md,
// docs/policy-rules.md, docs/schema/stack-config.schema.json) from the zod schema and the
// policy pack. The suite fails when the committed files are stale.

import * as fs from "node:fs";
import * as path from "node:path";
import { generatedPages } from "./docs/pages";

const repoRoot = path.resolve(__dirname, "..");
for (const page of generatedPages(repoRoot)) {
    const target = path.join(repoRoot, page.file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
    if (current === page.text) {
        process.stdout.write(`unchanged ${page.file}\n`);
        continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, page.text);
    process.stdout.write(`wrote ${page.file}\n`);
}
