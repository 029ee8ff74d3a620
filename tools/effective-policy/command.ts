// npm run effective-policy -- [--retention] <policy.json> ...
// npm run effective-policy -- --stack <stack> --account <id> [--parent <ou-id> | --tree <org-tree.json>]
//
// Prints the effective management policy an account receives from the policies attached along
// its path: the first file is the root's, the last the account's. A file holding a JSON list
// stands for several policies attached to the same node, in attachment order. Changes that a
// child restriction cancels are listed on stderr. `--retention` prints
// `{ effectivePolicy, retention }` instead, retention per backup plan included.
//
// With `--stack`, the policies come from the stack's `gatevault:orgBackupPolicies`: for the
// account (declared there, found in a tree exported with tools/org-tree/export.sh, or placed with
// `--parent` under a declared OU) it prints its path, its
// effective policy, what it needs, and what provides its vaults and roles: the StackSet of its
// OU, its own provider (listed with deployBackupResources), or nothing gatevault deploys.
//
// Exit codes: 0 printed, 2 usage or malformed input (each problem names the file and the
// JSON path inside it), 3 an unexpected failure.
//
// The command returns what to print instead of printing (tools/effective-policy.ts prints it),
// so tests run it in-process.

import * as fs from "node:fs";
import * as path from "node:path";
import { CompiledPolicy, InheritanceState } from "@gatevault/aws-model/org-policy/effective";
import { formatJsonPath } from "@gatevault/aws-model/org-policy/json";
import { lowerPolicy } from "@gatevault/aws-model/org-policy/operators";
import { planRetentions } from "@gatevault/aws-model/org-policy/retention";
import { parseCommandLine } from "../command-line";
import { engineConfig, loadProject } from "../plan/project";
import { memberRequirements } from "../../components/backup/org-policy/member-requirements";
import { OrganizationTree } from "../../components/backup/org-policy/organization";
import { checkedStackConfig } from "../../components/backup/stack/config-problems";
import { coverageOf, describeCoverage } from "../../components/backup/org-policy/stack-set/coverage";
import { parseExportedTree, withExportedTree } from "../../components/backup/org-policy/tree-file";
import { isConfigValidationError } from "../../components/config";
import type { OrgBackupPoliciesConfig } from "../../components/config/org-backup-policies";

/** What the command prints, and its exit code. */
export interface CommandResult {
    exitCode: 0 | 2;
    stdout: string;
    stderr: string;
}

const USAGE =
    "usage: npm run effective-policy -- [--retention] <root-policy.json> [<ou-policy.json> ...] <account-policy.json>\n" +
    "       npm run effective-policy -- --stack <stack> --account <id> [--parent <ou-id> | --tree <org-tree.json>]";

/** The stack's organization, with the account placed under `parent` when the config does not declare it. */
function stackOrganization(stack: string, account: string, parent: string | undefined, treeFile: string | undefined): { config?: OrgBackupPoliciesConfig; problem?: string } {
    const project = loadProject(process.cwd());
    const engine = engineConfig(project, path.join(process.cwd(), `Pulumi.${stack}.yaml`));
    let parsed;
    try {
        // The effective policies are computed from backup config that follows the backup rules.
        parsed = checkedStackConfig({ values: engine.values, secretKeys: new Set(engine.secretKeys) });
    } catch (err) {
        if (isConfigValidationError(err)) return { problem: `Pulumi.${stack}.yaml does not parse: ${err.message}` };
        throw err;
    }
    let org = parsed.orgBackupPolicies;
    if (!org) return { problem: `Pulumi.${stack}.yaml has no gatevault:orgBackupPolicies` };
    if (treeFile) {
        let document: unknown;
        try {
            document = JSON.parse(fs.readFileSync(treeFile, "utf8"));
        } catch (err) {
            return { problem: `${treeFile}: cannot read it as JSON (${(err as Error).message})` };
        }
        const exported = parseExportedTree(document);
        if (!exported.tree) return { problem: exported.problems.map((p) => `${treeFile}: ${p}`).join("\n") };
        const merged = withExportedTree(org, exported.tree);
        if (merged.problems.length > 0) return { problem: merged.problems.map((p) => `${treeFile}: ${p}`).join("\n") };
        org = merged.config;
    }
    const declared = org.organization.accounts.some((a) => a.id === account);
    if (declared) return { config: org };
    if (!parent) return { problem: `account ${account} is not declared under organization.accounts of Pulumi.${stack}.yaml${treeFile ? ` nor in ${treeFile}` : ""}: say where it sits with --parent <ou-id> or --tree <org-tree.json>` };
    if (parent !== org.organization.rootId && !org.organization.units.some((u) => u.id === parent)) {
        return { problem: `--parent ${parent} is neither the root nor an OU declared under organization.units` };
    }
    const placed = { id: account, name: account, parentId: parent, deployBackupResources: false };
    return { config: { ...org, organization: { ...org.organization, accounts: [...org.organization.accounts, placed] } } };
}

function accountReport(stack: string, account: string, parent: string | undefined, treeFile: string | undefined): CommandResult {
    const { config, problem } = stackOrganization(stack, account, parent, treeFile);
    if (!config) {
        return { exitCode: 2, stdout: "", stderr: `${problem}\n` };
    }
    const tree = new OrganizationTree(config);
    const effectivePolicy = tree.state(account).render();
    const providedBy = coverageOf(config, tree, account);
    const report = {
        account,
        path: tree.path(account).map((n) => `${n.name} (${n.id})`),
        effectivePolicy,
        needs: memberRequirements(effectivePolicy),
        providedBy: { ...providedBy, description: describeCoverage(providedBy) },
    };
    return { exitCode: 0, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: "" };
}

/** Line and column of a JSON.parse error, when its message gives a position. */
function where(text: string, message: string): string {
    const position = /at position (\d+)/.exec(message);
    if (!position || /line \d+/.test(message)) return "";
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    return ` (line ${line}, column ${before.length - before.lastIndexOf("\n")})`;
}

/** The policies of one node, or the problems that make the file unusable. */
function readNode(file: string): { policies?: CompiledPolicy[]; problems: string[] } {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        return { problems: [`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`] };
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        const message = (err as Error).message.replace(/\s+/g, " ");
        return { problems: [`${file}: not valid JSON: ${message}${where(text, message)}`] };
    }
    const documents = Array.isArray(parsed) ? parsed : [parsed];
    if (documents.length === 0) {
        return { problems: [`${file}: $: an empty list attaches no policy; give a policy object or a list of them`] };
    }
    const problems: string[] = [];
    const policies = documents.map((document, i): CompiledPolicy => {
        const lowered = lowerPolicy(document);
        const prefix: (string | number)[] = Array.isArray(parsed) ? [i] : [];
        problems.push(...lowered.problems.map((p) => `${file}: ${formatJsonPath([...prefix, ...p.path])}: ${p.message}`));
        return { root: lowered.root };
    });
    return problems.length > 0 ? { problems } : { policies, problems };
}

export function effectivePolicyCommand(argv: string[]): CommandResult {
    const parsed = parseCommandLine(
        argv,
        { retention: { type: "boolean" }, stack: { type: "string" }, account: { type: "string" }, parent: { type: "string" }, tree: { type: "string" } },
        USAGE,
        { positionals: true },
    );
    if (!parsed.ok) {
        return { exitCode: parsed.exitCode, stdout: parsed.stream === "stdout" ? parsed.text : "", stderr: parsed.stream === "stderr" ? parsed.text : "" };
    }
    const { values, positionals } = parsed;
    if (values.stack !== undefined || values.account !== undefined) {
        if (!values.stack || !values.account || positionals.length > 0 || values.retention) {
            return { exitCode: 2, stdout: "", stderr: `--stack and --account go together, without policy files or --retention\n${USAGE}\n` };
        }
        return accountReport(values.stack, values.account, values.parent, values.tree);
    }
    if (positionals.length === 0) {
        return { exitCode: 2, stdout: "", stderr: `give at least one policy file\n${USAGE}\n` };
    }

    const nodes = positionals.map((file) => ({ file, ...readNode(file) }));
    const problems = nodes.flatMap((n) => n.problems);
    if (problems.length > 0) {
        return { exitCode: 2, stdout: "", stderr: `malformed policy input (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  ${p}`).join("\n")}\n` };
    }

    const state = nodes.reduce((s, node) => s.attach(node.policies!), InheritanceState.empty());
    const cancelled = state.ignored.map((c) => {
        const node = nodes[c.level];
        const policy = node.policies!.length > 1 ? `${node.file}[${c.policy}]` : node.file;
        return `cancelled: ${c.operator} at ${formatJsonPath(c.path)} in ${policy}: ${c.reason}\n`;
    });
    const effectivePolicy = state.render();
    const output = values.retention ? { effectivePolicy, retention: planRetentions(effectivePolicy) } : effectivePolicy;
    return { exitCode: 0, stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: cancelled.join("") };
}
