// The prod stack's offline plan for organisations of 10, 1,000 and 10,000 accounts in a 4-level
// OU tree (4 business-unit OUs, each opted in to a StackSet, with 4 OUs per level below: 340 OUs),
// none of the accounts typed into config. The offline mocks model the whole organization (every
// account's parent, `withMockOrganization`); the program reads from it at preview time only what
// its per-OU decisions need (the management account's entity path, trusted access, delegated
// administrators), so nothing it does depends on how many accounts there are.
// Targets: the same Pulumi resources for every size (they grow with OUs x regions only), and the
// plan for 10,000 accounts within 1.3x of the plan for 10.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { runPlan } from "../tools/plan/index";
import { withMockOrganization } from "../tools/plan/mocks";
import { Benchmark, BenchRow, median, ratio, REPO_ROOT } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SIZES = [10, 1_000, 10_000];
const FANOUT = 4;
const DEPTH = 4;

interface Unit {
    id: string;
    name: string;
    parentId: string;
    stackSet?: { breakGlassRoleName: string };
}

const ouId = (n: number) => `ou-a1b2-${n.toString(16).padStart(8, "0")}`;

/** 4 top-level OUs under the root, each with a StackSet, and the levels below them. */
function ouTree(rootId: string): { units: Unit[]; leavesByTop: Map<string, string[]> } {
    const units: Unit[] = [];
    const leavesByTop = new Map<string, string[]>();
    const grow = (parentId: string, depth: number, top: string) => {
        if (depth === DEPTH) {
            leavesByTop.get(top)!.push(parentId);
            return;
        }
        for (let i = 0; i < FANOUT; i++) {
            const id = ouId(units.length + 1);
            const unit: Unit = { id, name: `bu-${depth}-${units.length}`, parentId };
            units.push(unit);
            if (depth === 0) {
                unit.stackSet = { breakGlassRoleName: "backup-break-glass" };
                leavesByTop.set(id, []);
            }
            grow(id, depth + 1, depth === 0 ? id : top);
        }
    };
    grow(rootId, 0, "");
    return { units, leavesByTop };
}

/** The prod stack file with the business units and a copy of its workloads policy on them. */
function stackFile(): { file: string; leaves: string[]; units: Unit[]; unitCount: number } {
    const doc = parseYaml(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8"));
    const org = doc.config["gatevault:orgBackupPolicies"];
    const { units, leavesByTop } = ouTree(org.organization.rootId);
    org.organization.units.push(...units);
    const tops = [...leavesByTop.keys()];
    org.policies.push({ ...structuredClone(org.policies[0]), name: "business-units-backup", targets: tops });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-org-scale-"));
    const file = path.join(dir, "Pulumi.org-scale.yaml");
    fs.writeFileSync(file, stringifyYaml(doc));
    return { file, leaves: [...leavesByTop.values()].flat(), units, unitCount: org.organization.units.length };
}

/** The parent of every OU and of `count` accounts spread over the leaves, as the organization holds them. */
function organizationParents(count: number, units: { id: string; parentId: string }[], leaves: string[]): Map<string, string> {
    const parents = new Map(units.map((u) => [u.id, u.parentId]));
    for (let i = 0; i < count; i++) parents.set(String(100_000_000_000 + i), leaves[i % leaves.length]);
    return parents;
}

async function planOnce(file: string, parents: Map<string, string>): Promise<{ ms: number; resources: number; stackSets: number }> {
    const start = process.hrtime.bigint();
    const result = await withMockOrganization({ parents: (id) => parents.get(id) }, () => runPlan({ stack: "prod", configFile: file }));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw new Error(`plan failed: ${result.error.message}`);
    return { ms, resources: result.resources.length, stackSets: Object.keys(result.outputs?.memberStackSets ?? {}).length };
}

export const benchmark: Benchmark = {
    name: "organisation scale",
    async run(): Promise<BenchRow[]> {
        const { file, leaves, units, unitCount } = stackFile();
        const organizations = new Map(SIZES.map((n) => [n, organizationParents(n, units, leaves)]));
        await planOnce(file, organizations.get(SIZES[0])!); // warm-up: module loading, the spec cache
        const samples = new Map<number, { ms: number; resources: number; stackSets: number }[]>(SIZES.map((n) => [n, []]));
        for (let r = 0; r < ROUNDS; r++) {
            for (const n of SIZES) samples.get(n)!.push(await planOnce(file, organizations.get(n)!));
        }
        const base = median(samples.get(SIZES[0])!.map((s) => s.ms));
        return SIZES.map((n) => {
            const runs = samples.get(n)!;
            const ms = median(runs.map((s) => s.ms));
            const resources = new Set(runs.map((s) => s.resources));
            if (runs.some((s) => s.stackSets !== 5)) throw new Error("expected the workloads OU's StackSet and one per business unit");
            return {
                benchmark: this.name,
                case: `${n.toLocaleString("en")} accounts, ${unitCount} OUs (${DEPTH} levels)`,
                medianMs: ms,
                notes: `${ROUNDS} runs; ${[...resources].join("/")} resources; ${ratio(ms, base)} of 10 accounts${n === SIZES[SIZES.length - 1] ? " (target <= 1.3x)" : ""}`,
            };
        });
    },
};
