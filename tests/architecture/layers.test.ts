// The layers of docs/development.md "Layers", checked over the real import graph: no import
// cycle in the program, the policy pack, the Lambda code, the package or the tools; each layer
// imports only the ones below it (index.ts → components/program.ts → component folders →
// components/config → components/shared → packages/aws-model); functions/ imports nothing
// from components/; the pack nothing outside policy/ but the package; nothing uses tools/; and
// the component folders depend on each other one way. Type-only imports count: a type is a
// dependency for layering too. madge builds the graph once (about 3 s for ~375 files).

import { expect } from "chai";
import madge from "madge";
import * as path from "node:path";
import { areaOf, componentFolderCycles, layerViolation, layerViolations } from "./layers";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

describe("layers: the import graph reads top-down", function () {
    this.timeout(60_000);
    let graph: Record<string, string[]>;
    let cycles: string[][];
    let skipped: string[];

    before(async () => {
        const result = await madge(["index.ts", "components", "functions", "policy", "packages", "tools"], {
            baseDir: REPO_ROOT,
            fileExtensions: ["ts"],
            tsConfig: path.join(REPO_ROOT, "tsconfig.json"),
            // Type-only imports are dependencies too; require() of a repository file would be one.
            detectiveOptions: { ts: { skipTypeImports: false, mixedImports: true } },
        });
        graph = result.obj();
        cycles = result.circular();
        skipped = result.warnings().skipped;
    });

    it("sees every import, type-only ones included (the graph the checks below read)", () => {
        expect(skipped, "imports madge could not resolve to a file").to.deep.equal([]);
        expect(graph["components/program.ts"]).to.include("components/config/index.ts");
        // `import type { BackupConfig } from "../../config/backup"` is this file's only import of it.
        expect(graph["components/backup/validation/config-problems.ts"]).to.include("components/config/backup.ts");
        expect(Object.keys(graph).filter((f) => f.startsWith("functions/"))).to.not.be.empty;
        expect(Object.keys(graph).filter((f) => f.startsWith("policy/"))).to.not.be.empty;
        // `@gatevault/aws-model/...` resolves to the workspace's files, so the package is in the graph too.
        expect(graph["policy/backup/critical-protection.ts"]).to.include("packages/aws-model/backup/protection.ts");
    });

    it("has no import cycle in index.ts, components/, functions/, policy/, packages/ or tools/", () => {
        expect(cycles, cycles.map((c) => c.join(" > ")).join("\n")).to.deep.equal([]);
    });

    it("imports across layers only downward: config and shared import nothing above them, functions/ nothing of components/, nothing imports tools/", () => {
        const violations = layerViolations(graph);
        expect(violations, violations.map((v) => `${v.from} -> ${v.to}: ${v.rule}`).join("\n")).to.deep.equal([]);
    });

    it("has no cycle between component folders", () => {
        expect(componentFolderCycles(graph)).to.deep.equal([]);
    });
});

// The rules themselves, on graphs that break them: a check that passes because it cannot
// fail would prove nothing above.
describe("layers: the rules refuse what docs/development.md forbids", () => {
    const refused: [string, string, RegExp][] = [
        ["components/config/backup.ts", "components/backup/validation/plan-problems.ts", /only the layers below it/],
        ["components/config/schema.ts", "components/program.ts", /only the layers below it/],
        ["components/shared/providers.ts", "components/config/index.ts", /only the layers below it/],
        ["components/shared/providers.ts", "functions/authorizer/settings.ts", /bottom layer/],
        ["components/backup/plan.ts", "components/program.ts", /only the layers below it/],
        ["components/program.ts", "index.ts", /only the layers below it/],
        ["functions/uploads/handler.ts", "components/config/uploads.ts", /functions\/ .* imports nothing from components/],
        ["components/api/stack.ts", "tools/plan/index.ts", /nothing uses tools/],
        ["policy/backup/plan-retention.ts", "tools/plan/evaluate.ts", /nothing uses tools/],
        ["packages/aws-model/backup/protection.ts", "policy/policies.ts", /package of pure code/],
        ["components/backup/plan.ts", "policy/policies.ts", /nothing but tools\/ uses the policy pack/],
        ["policy/backup/plan-retention.ts", "components/backup/org-policy/render.ts", /imports nothing outside policy\//],
        ["policy/apigateway/cache-keys.ts", "functions/authorizer/settings.ts", /imports nothing outside policy\//],
        ["components/api/stack.ts", "tests/support/stacks.ts", /nothing uses tests/],
        ["packages/aws-model/backup/cron.ts", "components/config/errors.ts", /package of pure code/],
    ];
    for (const [from, to, rule] of refused) {
        it(`refuses ${from} -> ${to}`, () => expect(layerViolation(areaOf(from), areaOf(to))).to.match(rule));
    }

    const allowed: [string, string][] = [
        ["index.ts", "components/program.ts"],
        ["components/program.ts", "components/backup/stack/index.ts"],
        ["components/backup/validation/config-problems.ts", "components/config/backup.ts"],
        ["components/config/authorizers.ts", "functions/authorizer/settings.ts"],
        ["components/config/authorizers.ts", "components/shared/lambda-limits.ts"],
        ["components/network/stack.ts", "components/api/index.ts"],
        ["policy/backup/plan-retention.ts", "packages/aws-model/backup/lifecycle.ts"],
        ["components/config/api/route.ts", "packages/aws-model/apigateway/paths.ts"],
        ["tools/plan/index.ts", "components/program.ts"],
    ];
    for (const [from, to] of allowed) {
        it(`allows ${from} -> ${to}`, () => expect(layerViolation(areaOf(from), areaOf(to))).to.equal(undefined));
    }

    it("places every file in a layer, and refuses one in a folder the table does not name", () => {
        expect(areaOf("packages/aws-model/iam/wildcards.ts")).to.deep.equal({ kind: "package", name: "packages/aws-model" });
        expect(() => areaOf("scripts/release.ts")).to.throw(/in no layer of docs\/development.md/);
    });

    it("finds a cycle between component folders", () => {
        const graph = {
            "components/api/stack.ts": ["components/network/placement.ts"],
            "components/network/placement.ts": ["components/wiring/plan.ts"],
            "components/wiring/plan.ts": ["components/api/index.ts"],
            "components/backup/plan.ts": ["components/config/backup.ts"],
        };
        expect(componentFolderCycles(graph)).to.deep.equal([["components/api", "components/network", "components/wiring", "components/api"]]);
        expect(componentFolderCycles({ ...graph, "components/wiring/plan.ts": ["components/config/index.ts"] })).to.deep.equal([]);
    });
});
