// Effective backup policies for 1,000 accounts under a 4-level OU tree (4 OUs per level, 340
// in all), through the shipped OrganizationTree: every OU and account has a policy of its own
// on top of the root's, whose plans are locked.
// Target: under 200 ms for all 1,000 accounts, documents compiled and results rendered.
// The second case merges each account's path from the root with no sharing, for comparison.

import { compilePolicy, InheritanceState } from "@gatevault/aws-model/org-policy/effective";
import { planRetentions } from "@gatevault/aws-model/org-policy/retention";
import { OrganizationTree } from "../components/backup/org-policy/organization";
import { renderBackupPolicy } from "../components/backup/org-policy/render";
import type { BackupPlanConfig, OrgBackupPoliciesConfig, OrgBackupPolicyConfig } from "../components/config/org-backup-policies";
import { Benchmark, BenchRow, median, ratio } from "./harness";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNTS = 1000;
const FANOUT = 4;
const DEPTH = 4;
const ROOT_ID = "r-a1b2";

/** Retentions are 120 days or more: recovery points go cold after 30 days and stay there at least 90. */
function plan(name: string, days: number, overrides: Partial<BackupPlanConfig> = {}): BackupPlanConfig {
    const copyArn = `arn:aws:backup:eu-central-1:$account:backup-vault:${name}-copy`;
    return {
        name,
        regions: ["eu-west-1"],
        rules: [
            {
                name,
                schedule: "cron(0 3 ? * * *)",
                startWindowMinutes: 60,
                completionWindowMinutes: 360,
                targetVaultName: "gatevault-backups",
                lifecycle: { moveToColdStorageAfterDays: 30, deleteAfterDays: days },
                recoveryPointTags: {},
                copyActions: [{ targetVaultArn: copyArn, lifecycle: { deleteAfterDays: days } }],
            },
        ],
        selections: { tags: [{ name, roleArn: "arn:aws:iam::$account:role/backup", tagKey: "backup", tagValues: [name] }], resources: [] },
        backupPlanTags: {},
        ...overrides,
    };
}

/** The organization block of a stack config: the OU tree, the accounts in its leaves, and a policy on every node. */
function organization(): OrgBackupPoliciesConfig {
    const units: OrgBackupPoliciesConfig["organization"]["units"] = [];
    const policies: OrgBackupPolicyConfig[] = [
        {
            name: "root-backup",
            targets: [ROOT_ID],
            childPlans: ["append"],
            plans: [plan("daily", 120, { childOperators: "none" }), plan("monthly", 365, { childOperators: "none" })],
        },
    ];
    const leaves: string[] = [];
    const grow = (parentId: string, depth: number) => {
        if (depth === DEPTH) {
            leaves.push(parentId);
            return;
        }
        for (let i = 0; i < FANOUT; i++) {
            const id = `ou-a1b2-${String(units.length).padStart(8, "0")}`;
            units.push({ id, name: `ou-${depth}-${i}`, parentId });
            policies.push({
                name: `${id}-backup`,
                targets: [id],
                plans: [plan(`ou-${depth}-${i}`, 120 + depth * 10 + i)],
            });
            grow(id, depth + 1);
        }
    };
    grow(ROOT_ID, 0);
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
        id: String(100_000_000_000 + i),
        name: `account-${i}`,
        parentId: leaves[i % leaves.length],
        deployBackupResources: false,
    }));
    for (const [i, account] of accounts.entries()) {
        policies.push({ name: `${account.name}-backup`, targets: [account.id], plans: [plan(`account-${i}`, 120 + (i % 50))] });
    }
    return { administratorRoleArn: "arn:aws:iam::999999999999:role/org-admin", organization: { rootId: ROOT_ID, units, accounts }, policies };
}

/** The shipped way: each OU's inherited state computed once and shared by everything beneath it. */
function sharedStates(config: OrgBackupPoliciesConfig): number {
    const tree = new OrganizationTree(config);
    let plans = 0;
    for (const account of config.organization.accounts) {
        plans += planRetentions(tree.state(account.id).render()).plans.length;
    }
    return plans;
}

/** Every account's path merged from the root, nothing shared. */
function fromRoot(config: OrgBackupPoliciesConfig): number {
    const parents = new Map<string, string>([...config.organization.units, ...config.organization.accounts].map((n) => [n.id, n.parentId]));
    const attached = new Map<string, OrgBackupPolicyConfig[]>();
    for (const policy of config.policies) {
        for (const target of policy.targets) attached.set(target, [...(attached.get(target) ?? []), policy]);
    }
    let plans = 0;
    for (const account of config.organization.accounts) {
        const path: string[] = [];
        for (let id: string | undefined = account.id; id; id = parents.get(id)) path.unshift(id);
        let state = InheritanceState.empty();
        for (const id of path) state = state.attach((attached.get(id) ?? []).map((p) => compilePolicy(renderBackupPolicy(p))));
        plans += planRetentions(state.render()).plans.length;
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
