// Stack documents for tests: the shipped files, edited copies, and temp files to plan.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { ConfigSource } from "../../components/config";
import { engineConfigFromDocument, loadProject } from "../../tools/plan/project";
import { REPO_ROOT } from "../../tools/plan/index";

export type StackDocument = { config: Record<string, any> };

export function shippedStack(stack: string): StackDocument {
    return parseYaml(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as StackDocument;
}

/** A deep copy of a shipped stack with `edit` applied to its `config` map. */
export function editedStack(stack: string, edit: (config: Record<string, any>) => void): StackDocument {
    const doc = structuredClone(shippedStack(stack));
    edit(doc.config);
    return doc;
}

/** The config source the program would see for a stack document. */
export function sourceOf(doc: StackDocument): ConfigSource {
    const engine = engineConfigFromDocument(loadProject(REPO_ROOT), doc, "test stack");
    return { values: engine.values, secretKeys: new Set(engine.secretKeys) };
}

let counter = 0;
export function writeTempStack(doc: StackDocument): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-stack-"));
    const file = path.join(dir, `Pulumi.test-${counter++}.yaml`);
    fs.writeFileSync(file, stringifyYaml(doc));
    return file;
}
