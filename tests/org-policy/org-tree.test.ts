// The organization's tree exported with the AWS CLI (tools/org-tree/export.sh) instead of typed
// into config, and what it is used for: placing any account, to say which StackSet (or listed
// deployment) provides its vaults and roles. The CLI is replaced by a fake that prints the
// answers in the shape the AWS Organizations API Reference documents (API_ListRoots.html,
// API_ListOrganizationalUnitsForParent.html, API_ListAccountsForParent.html).

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { OrganizationTree } from "../../components/backup/org-policy/organization";
import { coverageOf } from "../../components/backup/org-policy/stack-set/coverage";
import { parseExportedTree, withExportedTree } from "../../components/backup/org-policy/tree-file";
import { stackConfig } from "../support/config-problems";

const REPO = path.resolve(__dirname, "..", "..");

/** An organization as the CLI answers for it: root r-a1b2, workloads > payments, and three accounts. */
function fakeOrganization(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatevault-org-"));
    const write = (name: string, value: unknown) => fs.writeFileSync(path.join(dir, name), JSON.stringify(value, null, 4));
    const ou = (id: string, name: string) => ({ Id: id, Arn: `arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/${id}`, Name: name });
    const account = (id: string, name: string) => ({ Id: id, Arn: `arn:aws:organizations::999999999999:account/o-a1b2c3d4e5/${id}`, Email: `${name}@example.com`, Name: name, Status: "ACTIVE", JoinedMethod: "CREATED" });
    write("roots.json", { Roots: [{ Id: "r-a1b2", Arn: "arn:aws:organizations::999999999999:root/o-a1b2c3d4e5/r-a1b2", Name: "Root", PolicyTypes: [] }] });
    write("ous-r-a1b2.json", { OrganizationalUnits: [ou("ou-a1b2-workload", "workloads"), ou("ou-a1b2-platform", "platform")] });
    write("ous-ou-a1b2-workload.json", { OrganizationalUnits: [ou("ou-a1b2-payments", "payments")] });
    write("accounts-r-a1b2.json", { Accounts: [account("999999999999", "management")] });
    write("accounts-ou-a1b2-payments.json", { Accounts: [account("333333333333", "payments-prod"), account("444455556666", "payments-staging")] });
    write("accounts-ou-a1b2-platform.json", { Accounts: [account("222222222222", "gatevault-prod")] });
    return dir;
}

function exportTree(): unknown {
    const out = execFileSync("bash", [path.join(REPO, "tools/org-tree/export.sh")], {
        env: { ...process.env, AWS_CLI: path.join(REPO, "tests/fixtures/fake-aws-cli.sh"), FAKE_ORG_DIR: fakeOrganization() },
        encoding: "utf8",
    });
    return JSON.parse(out);
}

describe("the organization's tree from the AWS CLI (tools/org-tree/export.sh)", () => {
    const exported = exportTree();

    it("walks the root and every OU below it, keeping the CLI's answers as they are", () => {
        const { tree, problems } = parseExportedTree(exported);
        expect(problems).to.deep.equal([]);
        expect(tree!.rootId).to.equal("r-a1b2");
        expect(tree!.units).to.deep.equal([
            { id: "ou-a1b2-workload", name: "workloads", parentId: "r-a1b2" },
            { id: "ou-a1b2-platform", name: "platform", parentId: "r-a1b2" },
            { id: "ou-a1b2-payments", name: "payments", parentId: "ou-a1b2-workload" },
        ]);
        expect(tree!.accounts.map((a) => `${a.id}@${a.parentId}`)).to.have.members(["999999999999@r-a1b2", "333333333333@ou-a1b2-payments", "444455556666@ou-a1b2-payments", "222222222222@ou-a1b2-platform"]);
    });

    it("places an account config does not list, and says the workloads StackSet provides its vaults and roles", () => {
        const prod = stackConfig("prod").orgBackupPolicies!;
        const { config, problems } = withExportedTree(prod, parseExportedTree(exported).tree!);
        expect(problems).to.deep.equal([]);
        const tree = new OrganizationTree(config);
        expect(tree.path("444455556666").map((n) => n.id)).to.deep.equal(["r-a1b2", "ou-a1b2-workload", "ou-a1b2-payments", "444455556666"]);
        expect(coverageOf(config, tree, "444455556666")).to.deep.include({ kind: "stackSet", stackSetName: "gatevault-backup-ou-a1b2-workload" });
        // The listed account keeps its per-account path; the management account is never a StackSet's.
        expect(coverageOf(config, tree, "333333333333")).to.deep.equal({ kind: "listed", component: "member-backup-333333333333" });
        expect(coverageOf(config, tree, "444455556666", { managementAccountId: "444455556666" }).kind).to.equal("management");
    });

    it("reports a config whose declared parents the exported tree contradicts, and a malformed file with its JSON path", () => {
        const prod = stackConfig("prod").orgBackupPolicies!;
        const moved = structuredClone(exported) as any;
        moved.children["ou-a1b2-platform"].accounts.Accounts.push(moved.children["ou-a1b2-payments"].accounts.Accounts.shift());
        const { problems } = withExportedTree(prod, parseExportedTree(moved).tree!);
        expect(problems).to.deep.equal(["organization.accounts[0].parentId is ou-a1b2-payments, but in the exported tree 333333333333 sits under ou-a1b2-platform"]);
        expect(parseExportedTree({ roots: { Roots: [{ Id: "r-a1b2" }] }, children: { "r-a1b2": { organizationalUnits: {} } } }).problems).to.deep.equal([
            '$.children.r-a1b2.organizationalUnits.OrganizationalUnits: must be a list (the CLI\'s answer, unchanged)',
            '$.children.r-a1b2.accounts.Accounts: must be a list (the CLI\'s answer, unchanged)',
        ]);
    });
});
