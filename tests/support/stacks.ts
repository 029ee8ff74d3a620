// Stack documents for tests: the shipped files, edited copies, and temp files to plan.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { ConfigSource } from "../../components/config";
import { engineConfigFromDocument, loadProject, type ProjectInfo } from "../../tools/plan/project";
import { PlanResult, REPO_ROOT, runPlan } from "../../tools/plan/index";

export type StackDocument = { config: Record<string, any> };

// Suites read the shipped stacks hundreds of times; the files do not change during a run.
const shipped = new Map<string, StackDocument>();
let project: ProjectInfo | undefined;

/** A fresh copy of a shipped stack: callers may edit it freely. */
export function shippedStack(stack: string): StackDocument {
    let doc = shipped.get(stack);
    if (!doc) {
        doc = parseYaml(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as StackDocument;
        shipped.set(stack, doc);
    }
    return structuredClone(doc);
}

/** A copy of a shipped stack with `edit` applied to its `config` map. */
export function editedStack(stack: string, edit: (config: Record<string, any>) => void): StackDocument {
    const doc = shippedStack(stack);
    edit(doc.config);
    return doc;
}

/** The config source the program would see for a stack document. */
export function sourceOf(doc: StackDocument): ConfigSource {
    project ??= loadProject(REPO_ROOT);
    const engine = engineConfigFromDocument(project, doc, "test stack");
    return { values: engine.values, secretKeys: new Set(engine.secretKeys) };
}

let counter = 0;
export function writeTempStack(doc: StackDocument): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-stack-"));
    const file = path.join(dir, `Pulumi.test-${counter++}.yaml`);
    fs.writeFileSync(file, stringifyYaml(doc));
    return file;
}

/** The whole offline plan (program, config, policy pack) of a shipped stack with `edit` applied. */
export function planEditedStack(stack: string, edit: (config: Record<string, any>) => void): Promise<PlanResult> {
    return runPlan({ stack, configFile: writeTempStack(editedStack(stack, edit)) });
}
