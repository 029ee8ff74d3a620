// What the organization must be like before this stack's backup policies can attach, checked at
// preview time through the management account's provider: BACKUP_POLICY enabled on the root
// ("You can't attach a policy of a type that isn't enabled in the root": AWS Organizations User
// Guide, enable-policy-type.html; AttachPolicy fails with PolicyTypeNotEnabledException), and a
// role that can read the roots at all (the provider leaves them empty otherwise:
// hashicorp/terraform-provider-aws internal/service/organizations/organization_data_source.go).
// The offline mocks model each state of the organization.

import { expect } from "chai";
import { deployOrgBackupPolicies } from "../../components/backup/org-policy/component";
import { backupPolicyTypeProblems, managementAccountProblems, OrganizationView } from "../../components/backup/org-policy/organization-check";
import { ProviderSet } from "../../components/shared/providers";
import { withMockOrganization } from "../../tools/plan/mocks";
import { planFailure, planProgram, stackConfig } from "../support/plan-program";
import { parsedOrgPolicies } from "./fixtures";

const ROOT = "r-a1b2";
const view = (policyTypes: { type: string; status: string }[]): OrganizationView => ({ id: "o-a1b2c3d4e5", masterAccountId: "999999999999", roots: [{ id: ROOT, policyTypes }] });
const config = { administratorRoleArn: "arn:aws:iam::999999999999:role/org-admin", organization: { rootId: ROOT, units: [], accounts: [] } };

describe("organization checks for backup policies", () => {
    it("accepts a root with BACKUP_POLICY enabled", () => {
        expect(backupPolicyTypeProblems(view([{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }, { type: "BACKUP_POLICY", status: "ENABLED" }]), config)).to.deep.equal([]);
    });

    it("refuses a root where BACKUP_POLICY is not enabled (or still being enabled), at the rootId, with the command that enables it", () => {
        for (const [types, state] of [
            [[{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }], "is not enabled"],
            [[{ type: "BACKUP_POLICY", status: "PENDING_ENABLE" }], "is PENDING_ENABLE"],
        ] as const) {
            const [problem, ...rest] = backupPolicyTypeProblems(view([...types]), config);
            expect(rest).to.deep.equal([]);
            expect(problem.path).to.equal("gatevault:orgBackupPolicies.organization.rootId");
            expect(problem.message).to.contain(`the BACKUP_POLICY policy type ${state} on the organization root r-a1b2`);
            expect(problem.message).to.contain("PolicyTypeNotEnabledException");
            expect(problem.message).to.contain("aws organizations enable-policy-type --root-id r-a1b2 --policy-type BACKUP_POLICY");
        }
    });

    it("refuses a role that cannot list the roots: the check cannot be made", () => {
        const [problem] = backupPolicyTypeProblems({ ...view([]), roots: [] }, config);
        expect(problem.path).to.equal("gatevault:orgBackupPolicies.administratorRoleArn");
        expect(problem.message).to.match(/cannot list the organization's roots: .* must be a role in the management account \(999999999999\) or in a delegated administrator/);
    });

    // AWS Backup API Reference, API_UpdateGlobalSettings.html: "Returns an error if the account is
    // not an Organizations management account."
    it("cross-account backup: the management role must be in the organization's management account", () => {
        expect(managementAccountProblems({ masterAccountId: "999999999999" }, "arn:aws:iam::999999999999:role/admin")).to.deep.equal([]);
        const [problem] = managementAccountProblems({ masterAccountId: "999999999999" }, "arn:aws:iam::222222222222:role/admin");
        expect(problem.path).to.equal("gatevault:backup.crossAccountBackup.managementRoleArn");
        expect(problem.message).to.match(/^must be a role in the organization's management account 999999999999: .* \(got account 222222222222\)$/);
    });

    describe("under the offline mocks, through the administrator account's provider", () => {
        const org = parsedOrgPolicies();
        const program = () => {
            const providers = new ProviderSet(stackConfig("dev"));
            return { ids: deployOrgBackupPolicies(org, providers).map((p) => p.policyId) };
        };

        it("an organization with BACKUP_POLICY enabled: the policy and its attachment are planned", async () => {
            const plan = await planProgram(program);
            expect(plan.ofType("aws:organizations/policy:Policy")).to.have.length(1);
            expect(plan.ofType("aws:organizations/policyAttachment:PolicyAttachment")).to.have.length(1);
        });

        it("an organization without it: the plan stops at the policy with the problem, and attaches nothing", async () => {
            const failure = await withMockOrganization({ rootPolicyTypes: [{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }] }, () => planFailure(program));
            expect(failure.plan.error.kind).to.equal("config");
            expect(failure.plan.summary.exitCode, "exit 2, as for every config problem").to.equal(2);
            expect(failure.plan.error.problems?.map((p) => p.path)).to.deep.equal(["gatevault:orgBackupPolicies.organization.rootId"]);
            expect(failure.plan.resources.filter((r) => r.type.startsWith("aws:organizations/"))).to.deep.equal([]);
        });

        it("a role that is neither the management account nor a delegated administrator: the plan stops with the problem", async () => {
            const failure = await withMockOrganization({ listable: false }, () => planFailure(program));
            expect(failure.plan.error.problems?.map((p) => p.path)).to.deep.equal(["gatevault:orgBackupPolicies.administratorRoleArn"]);
        });
    });
});
