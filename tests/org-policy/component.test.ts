// BackupOrganisationPolicy under the offline mocks: what it registers, through which provider,
// with which content and dependencies, and that a bad policy registers nothing.

import { expect } from "chai";
import { BackupOrganisationPolicy, deployOrgBackupPolicies } from "../../components/backup/org-policy/component";
import { renderBackupPolicy } from "../../components/backup/org-policy/render";
import { ProviderSet } from "../../components/shared/providers";
import { planFailure, planProgram, stackConfig, type PlannedProgram } from "../support/plan-program";
import { parsedOrgPolicies } from "./fixtures";

const POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const COMPONENT = "gatevault:backup:BackupOrganisationPolicy";
const TARGETS = ["r-a1b2", "ou-a1b2-workload", "333333333333"];

function build(edit?: (block: Record<string, any>) => void) {
    const org = parsedOrgPolicies((b) => {
        b.policies[0].targets = TARGETS;
        edit?.(b);
    });
    const program = () => {
        const providers = new ProviderSet(stackConfig("dev"));
        const provider = providers.get({ assumeRoleArn: org.administratorRoleArn });
        const component = new BackupOrganisationPolicy("workloads", { policy: org.policies[0], provider });
        return { policyId: component.policyId, policyArn: component.policyArn };
    };
    return { org, program };
}

describe("BackupOrganisationPolicy (under mocks)", () => {
    // The first tests read one plan of the same program.
    let org: ReturnType<typeof build>["org"];
    let plan: PlannedProgram;
    before(async () => {
        const built = build();
        org = built.org;
        plan = await planProgram(built.program);
    });

    it("creates a BACKUP_POLICY whose content is the builder's document, in the component", () => {
        const component = plan.one(COMPONENT, "workloads");
        const policy = plan.one(POLICY, "workloads-policy");
        const inputs = plan.rawInputs(policy);
        expect(inputs.type).to.equal("BACKUP_POLICY");
        expect(inputs.name).to.equal("workloads-backup");
        expect(JSON.parse(inputs.content)).to.deep.equal(renderBackupPolicy(org.policies[0]));
        expect(inputs.content).to.equal(JSON.stringify(renderBackupPolicy(org.policies[0])));
        expect(policy.parent).to.equal(component.urn);
        expect(plan.outputs.policyId).to.equal(policy.record.id);
        expect(plan.outputs.policyArn).to.match(/^arn:aws:organizations::999999999999:policy\/o-[0-9a-f]+\/backup_policy\/p-/);
    });

    it("attaches the policy to the root, the OU and the account, each after the policy exists", () => {
        const policy = plan.one(POLICY);
        const attachments = plan.ofType(ATTACHMENT);
        expect(attachments.map((a) => a.name)).to.deep.equal(TARGETS.map((t) => `workloads-${t}`));
        for (const [i, attachment] of attachments.entries()) {
            const inputs = plan.rawInputs(attachment);
            expect(inputs).to.deep.equal({ policyId: policy.record.id, targetId: TARGETS[i] });
            expect(attachment.record.dependencies).to.include(policy.urn);
            expect(attachment.record.propertyDependencies.policyId).to.include(policy.urn);
            expect(attachment.parent).to.equal(plan.one(COMPONENT).urn);
        }
    });

    it("creates everything through the administrator account's provider", () => {
        const admin = plan.resources.find((r) => r.type === "pulumi:providers:aws" && r.name === "aws-999999999999-eu-west-1");
        expect(admin, "no provider for the administrator account").to.not.equal(undefined);
        expect(JSON.parse(String(plan.rawInputs(admin!).assumeRoles))[0].roleArn).to.equal("arn:aws:iam::999999999999:role/org-admin");
        for (const r of [...plan.ofType(POLICY), ...plan.ofType(ATTACHMENT)]) {
            expect(r.record.providerRef?.startsWith(`${admin!.urn}::`), `${r.name} uses ${r.record.providerRef}`).to.equal(true);
        }
    });

    it("refuses an invalid policy before registering anything, naming its key path", async () => {
        // The schema would have caught it; give the component a policy that skipped the schema.
        const bypass = () => {
            const org = parsedOrgPolicies();
            org.policies[0].plans[0].rules[0].schedule = "cron(0 3 * * *)";
            const providers = new ProviderSet(stackConfig("dev"));
            new BackupOrganisationPolicy("workloads", { policy: org.policies[0], provider: providers.main });
        };
        const plan: any = (await planFailure(bypass)).plan;
        expect(plan.error.kind).to.equal("config");
        expect(plan.error.problems.map((p: any) => p.path)).to.deep.equal(["gatevault:orgBackupPolicies.policies.workloads-backup.plans[0].rules[0].schedule"]);
        expect(plan.resources.filter((r: any) => r.type === POLICY || r.type === COMPONENT)).to.have.length(0);
    });

    it("deploys one component per configured policy, and nothing when the config has none", async () => {
        const plan = await planProgram(() => {
            const config = stackConfig("prod");
            const providers = new ProviderSet(config);
            const deployed = deployOrgBackupPolicies(config.orgBackupPolicies, providers);
            const none = deployOrgBackupPolicies(undefined, providers);
            return { deployed: deployed.map((d) => d.policyName), none: none.length };
        });
        expect(plan.outputs).to.deep.equal({ deployed: ["workloads-backup"], none: 0 });
        expect(plan.ofType(ATTACHMENT).map((a) => plan.rawInputs(a).targetId)).to.deep.equal(["ou-a1b2-workload"]);
    });
});
