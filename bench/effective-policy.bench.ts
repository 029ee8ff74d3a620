// Effective backup policies for 1,000 accounts under a 4-level OU tree (4 OUs per level, 340
// in all), in-process: every OU and account has a policy of its own on top of the root's.
// Target: under 200 ms for all 1,000 accounts, documents compiled and results rendered.
// The second case merges each account's path from the root with no sharing, for comparison.

import { compilePolicy, CompiledPolicy, InheritanceState } from "../components/backup/org-policy/effective";
import { planRetentions } from "../components/backup/org-policy/retention";
import { Benchmark, BenchRow, median, ratio } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNTS = 1000;
const FANOUT = 4;
const DEPTH = 4;

const leaf = (value: string | string[], lock = false) => (lock ? { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": value } : { "@@assign": value });

function plan(name: string, days: number, lock: boolean) {
    const copyArn = `arn:aws:backup:eu-central-1:$account:backup-vault:${name}-copy`;
    return {
        regions: leaf(["eu-west-1"], lock),
        rules: {
            [name]: {
                schedule_expression: leaf("cron(0 3 ? * * *)", lock),
                start_backup_window_minutes: leaf("60", lock),
                complete_backup_window_minutes: leaf("360", lock),
                target_backup_vault_name: leaf("gatevault-backups", lock),
                lifecycle: { move_to_cold_storage_after_days: leaf("30", lock), delete_after_days: leaf(String(days), lock) },
                copy_actions: { [copyArn]: { target_backup_vault_arn: leaf(copyArn, lock), lifecycle: { delete_after_days: leaf(String(days), lock) } } },
            },
        },
        selections: { tags: { [name]: { iam_role_arn: leaf("arn:aws:iam::$account:role/backup", lock), tag_key: leaf("backup", lock), tag_value: leaf([name], lock) } } },
    };
}

interface Node {
    policies: unknown[];
    children: Node[];
}

/** The tree of OUs with their policy documents, and the path (OU chain) of every account. */
function organization(): { root: Node; accounts: { path: Node[]; policy: unknown }[] } {
    const root: Node = { policies: [{ plans: { "@@operators_allowed_for_child_policies": ["@@append"], daily: plan("daily", 120, true), monthly: plan("monthly", 365, true) } }], children: [] };
    const leaves: Node[][] = [];
    const grow = (node: Node, path: Node[], depth: number) => {
        if (depth === DEPTH) {
            leaves.push(path);
            return;
        }
        for (let i = 0; i < FANOUT; i++) {
            const child: Node = {
                policies: [{ plans: { [`ou-${depth}-${i}`]: plan(`level${depth}`, 90 + depth * 10 + i, false), daily: { regions: { "@@append": [`eu-north-${depth}`] } } } }],
                children: [],
            };
            node.children.push(child);
            grow(child, [...path, child], depth + 1);
        }
    };
    grow(root, [root], 0);
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
        path: leaves[i % leaves.length],
        policy: { plans: { [`account-${i}`]: plan("own", 100 + (i % 50), false), monthly: { rules: { monthly: { lifecycle: { delete_after_days: { "@@assign": "7" } } } } } } },
    }));
    return { root, accounts };
}

/** Each OU's inherited state computed once and shared by everything beneath it. */
function sharedStates(org: ReturnType<typeof organization>): number {
    const compiled = new Map<unknown, CompiledPolicy>();
    const compile = (doc: unknown) => compiled.get(doc) ?? compiled.set(doc, compilePolicy(doc)).get(doc)!;
    const states = new Map<Node, InheritanceState>();
    const stateOf = (path: Node[]): InheritanceState => {
        const node = path[path.length - 1];
        const cached = states.get(node);
        if (cached) return cached;
        const above = path.length > 1 ? stateOf(path.slice(0, -1)) : InheritanceState.empty();
        const state = above.attach(node.policies.map(compile));
        states.set(node, state);
        return state;
    };
    let plans = 0;
    for (const account of org.accounts) {
        const effective = stateOf(account.path).attach([compilePolicy(account.policy)]).render();
        plans += planRetentions(effective).plans.length;
    }
    return plans;
}

/** Every account's path merged from the root, nothing shared. */
function fromRoot(org: ReturnType<typeof organization>): number {
    let plans = 0;
    for (const account of org.accounts) {
        let state = InheritanceState.empty();
        for (const node of account.path) state = state.attach(node.policies.map(compilePolicy));
        plans += planRetentions(state.attach([compilePolicy(account.policy)]).render()).plans.length;
    }
    return plans;
}

/** Wall time, and this process's CPU time, which other load on a shared machine disturbs less. */
function time(fn: () => number): { ms: number; cpuMs: number } {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
}

export const benchmark: Benchmark = {
    name: "effective policy",
    async run(): Promise<BenchRow[]> {
        const org = organization();
        const expectedPlans = sharedStates(org); // warm-up, and the answer both cases must give
        if (fromRoot(org) !== expectedPlans) throw new Error("the two ways of merging disagree");
        const shared: { ms: number; cpuMs: number }[] = [];
        const naive: { ms: number; cpuMs: number }[] = [];
        for (let i = 0; i < ROUNDS; i++) {
            shared.push(time(() => sharedStates(org)));
            naive.push(time(() => fromRoot(org)));
        }
        const s = median(shared.map((r) => r.ms));
        const n = median(naive.map((r) => r.ms));
        const cpu = (runs: { cpuMs: number }[]) => `CPU ${median(runs.map((r) => r.cpuMs)).toFixed(1)} ms`;
        return [
            {
                benchmark: this.name,
                case: `${ACCOUNTS} accounts, ${DEPTH}-level OU tree (shared OU states)`,
                medianMs: s,
                notes: `${ROUNDS} runs, ${cpu(shared)}, ${expectedPlans / ACCOUNTS} plans per account; target < 200 ms`,
            },
            { benchmark: this.name, case: "same, each path merged from the root", medianMs: n, notes: `${ratio(n, s)} of shared, ${cpu(naive)}` },
        ];
    },
};
