// The generated docs (npm run docs) as committed: regenerated in memory from the zod schema and
// the policy pack and compared with the files, so a schema or rule change without `npm run docs`
// fails here rather than leaving the reference wrong.

import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatedPages, STACK_SCHEMA_FILE } from "../../tools/docs/pages";
import { REPO_ROOT } from "../../tools/plan/index";

const pages = generatedPages(REPO_ROOT);

describe("generated docs (npm run docs)", () => {
    for (const page of pages) {
        it(`${page.file} is up to date`, () => {
            const target = path.join(REPO_ROOT, page.file);
            const committed = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
            // Not a deep diff: the message is the fix.
            expect(committed === page.text, `${page.file} is stale: run \`npm run docs\` and commit the result`).to.equal(true);
        });
    }

    it("the config reference documents every key of the stack-file schema, each with a description", () => {
        const reference = pages.find((p) => p.file === "docs/config-reference.md")!.text;
        const undocumented = reference
            .split("\n")
            .filter((line) => line.startsWith("| `"))
            .filter((line) => line.trimEnd().endsWith("|  |"));
        expect(undocumented, "keys without a .describe() text in components/config").to.deep.equal([]);
    });

    // The Red Hat YAML extension reads `yaml.schemas`: schema path → glob patterns of the files it applies to.
    it(".vscode/settings.json maps Pulumi.*.yaml to the generated stack-file schema", () => {
        const settings = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ".vscode", "settings.json"), "utf8")) as { "yaml.schemas": Record<string, string[]> };
        const mapped = Object.entries(settings["yaml.schemas"]).filter(([schema]) => path.normalize(schema) === path.normalize(STACK_SCHEMA_FILE));
        expect(mapped, "an entry for the generated schema").to.have.length(1);
        expect(mapped[0][1]).to.include.members(["Pulumi.*.yaml", "**/Pulumi.*.yaml"]);
    });
});
