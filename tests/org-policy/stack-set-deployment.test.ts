// The StackSet deployment of an OU's vaults and roles (MemberStackSet) as the offline plan
// records it, the prerequisites read from the organization at preview time, the delegated
// administrator path, and the config checks. AWS statements are cited beside each test:
// AWS CloudFormation User Guide stacksets-orgs-manage-auto-deployment.html,
// stacksets-orgs-delegated-admin.html, stacksets-orgs-activate-trusted-access.html; API
// Reference API_CreateStackSet.html (CallAs, Capabilities), API_DeploymentTargets.html.

import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { deployMemberStackSets } from "../../components/backup/org-policy/stack-set/component";
import { ouStackSets } from "../../components/backup/org-policy/stack-set/layout";
import { STACKSETS_SERVICE_PRINCIPAL, StackSetOrganizationView, stackSetPrerequisiteProblems } from "../../components/backup/org-policy/stack-set/prerequisites";
import { ProviderSet } from "../../components/shared/providers";
import { withMockOrganization } from "../../tools/plan/mocks";
import { configProblems, expectProblem, stackConfig } from "../support/config-problems";
import { planFailure, planLookups, planProgram } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";
import { withOrgPolicies } from "./fixtures";

const T = {
    component: "gatevault:backup:MemberStackSet",
    stackSet: "aws:cloudformation/stackSet:StackSet",
    instance: "aws:cloudformation/stackSetInstance:StackSetInstance",
    orgPolicy: "aws:organizations/policy:Policy",
};

describe("MemberStackSet in the prod plan", () => {
    it("one service-managed StackSet with automatic deployment, stacks retained when accounts leave (prod), CAPABILITY_NAMED_IAM, protected", async () => {
        const plan = planLookups(await shippedPlan("prod"));
        const set = plan.one(T.stackSet);
        expect(plan.rawInputs(set)).to.deep.include({
            name: "gatevault-backup-ou-a1b2-workload",
            permissionModel: "SERVICE_MANAGED",
            autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
            callAs: "SELF",
            capabilities: ["CAPABILITY_NAMED_IAM"],
        });
        expect(set.options.protect).to.equal(true);
        // Through the StackSets administrator: the management account's role (administratorRoleArn).
        expect(set.record.target?.accountId).to.equal("999999999999");
    });

    it("one instance per region the effective policy needs (plan and copy regions), targeting the OU, leaving out the listed account, one after the other", async () => {
        const plan = planLookups(await shippedPlan("prod"));
        const instances = plan.ofType(T.instance);
        expect(instances.map((i) => plan.rawInputs(i).stackSetInstanceRegion)).to.deep.equal(["eu-west-1", "eu-central-1"]);
        for (const i of instances) {
            expect(plan.rawInputs(i)).to.deep.include({
                stackSetName: "gatevault-backup-ou-a1b2-workload",
                callAs: "SELF",
                retainStack: true,
                deploymentTargets: { organizationalUnitIds: ["ou-a1b2-workload"], accounts: ["333333333333"], accountFilterType: "DIFFERENCE" },
            });
        }
        // "Only one operation can be performed for a stack set at a given time" (API_CreateStackInstances.html).
        expect(instances[1].record.dependencies).to.include(instances[0].urn);
    });

    it("the organization backup policy waits for the StackSet, as it waits for listed accounts", async () => {
        const plan = planLookups(await shippedPlan("prod"));
        const policy = plan.one(T.orgPolicy);
        const stackSetUrns = plan.resources.filter((r) => r.type === T.component || r.type === T.instance || r.type === T.stackSet).map((r) => r.urn);
        expect(policy.record.dependencies.some((d) => stackSetUrns.includes(d))).to.equal(true);
    });

    it("Pulumi resources grow with OUs x regions, not with accounts: 1 StackSet + 2 instances for the OU", async () => {
        const plan = planLookups(await shippedPlan("prod"));
        expect(plan.ofType(T.stackSet).length + plan.ofType(T.instance).length).to.equal(3);
        expect(plan.outputs.memberStackSets).to.deep.equal({ "gatevault-backup-ou-a1b2-workload": { organizationalUnitId: "ou-a1b2-workload", regions: ["eu-west-1", "eu-central-1"] } });
    });

    it("stops the preview when the management account, as the organization places it, lies below the StackSet OU without deployBackupResources", async () => {
        const config = stackConfig("prod");
        const failure = await withMockOrganization({ managementAccountId: "999999999999", parents: { "999999999999": "ou-a1b2-payments", "ou-a1b2-payments": "ou-a1b2-workload" } }, () =>
            planFailure(stackSetsProgram(config), { stack: "prod" }),
        );
        expect(failure.message).to.match(/management account 999999999999 lies below OU workloads \(ou-a1b2-workload\), and StackSets never deploy to the management account/);
    });
});

const DELEGATED = "444444444444";
const delegatedConfig = () =>
    stackConfig("prod", (c) => {
        c["gatevault:orgBackupPolicies"].stackSets = { administratorRoleArn: `arn:aws:iam::${DELEGATED}:role/stacksets-admin`, callAs: "DELEGATED_ADMIN" };
    });
const stackSetsProgram = (config: ReturnType<typeof stackConfig>) => () => deployMemberStackSets(config, new ProviderSet(config));

describe("StackSets from a delegated administrator (callAs DELEGATED_ADMIN)", () => {
    it("creates the StackSet and its instances with callAs DELEGATED_ADMIN through the delegated administrator's role", async () => {
        const config = delegatedConfig();
        const plan = await withMockOrganization({ managementAccountId: "999999999999", delegatedAdministrators: { [STACKSETS_SERVICE_PRINCIPAL]: [DELEGATED] } }, () =>
            planProgram(stackSetsProgram(config), { stack: "prod" }),
        );
        const set = plan.one(T.stackSet);
        expect(plan.rawInputs(set).callAs).to.equal("DELEGATED_ADMIN");
        expect(plan.ofType(T.instance).map((i) => plan.rawInputs(i).callAs)).to.deep.equal(["DELEGATED_ADMIN", "DELEGATED_ADMIN"]);
        expect(set.record.target?.accountId).to.equal(DELEGATED);
    });

    it("stops the preview when the account is not registered as a delegated administrator for StackSets, with the command that registers it", async () => {
        const config = delegatedConfig();
        const failure = await withMockOrganization({ managementAccountId: "999999999999" }, () => planFailure(stackSetsProgram(config), { stack: "prod" }));
        expect(failure.message).to.contain("gatevault:orgBackupPolicies.stackSets.callAs");
        expect(failure.message).to.contain(`register-delegated-administrator --service-principal ${STACKSETS_SERVICE_PRINCIPAL} --account-id ${DELEGATED}`);
        // The template waits for the check: nothing reaches CloudFormation.
        expect(failure.plan.resources.filter((r) => r.type === T.stackSet || r.type === T.instance)).to.deep.equal([]);
    });
});

describe("prerequisites read from the organization at preview time", () => {
    const config = stackConfig("prod").orgBackupPolicies!;
    const sets = ouStackSets(config);
    const view = (over: Partial<StackSetOrganizationView> = {}): StackSetOrganizationView => ({
        masterAccountId: "999999999999",
        awsServiceAccessPrincipals: [STACKSETS_SERVICE_PRINCIPAL],
        delegatedAdministrators: [],
        managementAccountPath: "o-a1b2c3d4e5/r-a1b2/999999999999/",
        ...over,
    });

    it("accepts the organization the prerequisites (docs/organisation-policies.md) describe", () => {
        expect(stackSetPrerequisiteProblems(view(), config, sets)).to.deep.equal([]);
    });

    it("refuses when trusted access for StackSets is not activated", () => {
        const [p] = stackSetPrerequisiteProblems(view({ awsServiceAccessPrincipals: ["backup.amazonaws.com"] }), config, sets);
        expect(p.path).to.equal("gatevault:orgBackupPolicies.organization.units[0].stackSet");
        expect(p.message).to.contain("aws cloudformation activate-organizations-access");
    });

    it("refuses callAs SELF from an account that is not the management account", () => {
        const [p] = stackSetPrerequisiteProblems(view({ masterAccountId: "111111111111" }), config, sets);
        expect(p.path).to.equal("gatevault:orgBackupPolicies.stackSets.callAs");
        expect(p.message).to.match(/works only from the management account 111111111111/);
    });

    it("refuses a management account below the OU that is not on the per-account path: StackSets never deploy there", () => {
        const path = "o-a1b2c3d4e5/r-a1b2/ou-a1b2-workload/777777777777/";
        const [p] = stackSetPrerequisiteProblems(view({ masterAccountId: "777777777777", managementAccountPath: path }), config, sets).filter((x) => /never deploy/.test(x.message));
        expect(p.message).to.match(/management account 777777777777 lies below OU workloads/);
        expect(p.message).to.contain("deployBackupResources: true");
    });

    it("accepts the management account below the OU when it is listed with deployBackupResources (the StackSet leaves it out)", () => {
        const path = "o-a1b2c3d4e5/r-a1b2/ou-a1b2-workload/ou-a1b2-payments/333333333333/";
        const problems = stackSetPrerequisiteProblems(view({ masterAccountId: "333333333333", managementAccountPath: path }), config, sets);
        expect(problems.filter((p) => /never deploy/.test(p.message))).to.deep.equal([]);
    });
});

describe("StackSet config checks (gatevault:orgBackupPolicies)", () => {
    const stackSet = { breakGlassRoleName: "backup-break-glass" };

    it("refuses a StackSet OU below another StackSet OU: StackSets already reach child OUs", () => {
        const problems = configProblems(
            withOrgPolicies((b) => {
                b.organization.units[0].stackSet = stackSet;
                b.organization.units[1].stackSet = stackSet;
            }),
        );
        expectProblem(problems, "gatevault:orgBackupPolicies.organization.units[1].stackSet", /lies under OU workloads .* whose StackSet already reaches every account below it/);
    });

    it("refuses a StackSet on an OU no policy reaches", () => {
        const problems = configProblems(
            withOrgPolicies((b) => {
                b.organization.units.push({ id: "ou-a1b2-sandboxes", name: "sandboxes", parentId: "r-a1b2", stackSet });
            }),
        );
        expectProblem(problems, "gatevault:orgBackupPolicies.organization.units[2].stackSet", /has nothing to deploy: no policy of this stack reaches OU sandboxes/);
    });

    it("asks an account whose own policy names more than the OU's template for the per-account path", () => {
        const problems = configProblems(
            withOrgPolicies((b) => {
                b.organization.units[0].stackSet = stackSet;
                b.organization.accounts.push({ id: "666666666666", name: "analytics", parentId: "ou-a1b2-payments" });
                const own = structuredClone(b.policies[0]);
                own.name = "analytics-extra";
                own.targets = ["666666666666"];
                own.plans[0].name = "Extra";
                own.plans[0].regions = ["us-east-1"];
                b.policies.push(own);
            }),
        );
        expectProblem(problems, "gatevault:orgBackupPolicies.organization.accounts[1].deployBackupResources", /must be true: account 666666666666 .* vault "backups" in us-east-1/);
    });

    // IAM role names are 1-64 of [\w+=,.@-], no spaces (terraform-provider-aws internal/service/iam/role.go, validResourceName).
    it("refuses a region order naming a region no StackSet deploys to, and a bad break-glass role name", () => {
        const problems = configProblems(
            withOrgPolicies((b) => {
                b.organization.units[0].stackSet = { breakGlassRoleName: "break glass" };
                b.stackSets = { operationPreferences: { regionOrder: ["us-west-2"] } };
            }),
        );
        expectProblem(problems, "gatevault:orgBackupPolicies.organization.units[0].stackSet.breakGlassRoleName", /must be an IAM role name/);
        const valid = configProblems(
            withOrgPolicies((b) => {
                b.organization.units[0].stackSet = stackSet;
                b.stackSets = { operationPreferences: { regionOrder: ["us-west-2"] } };
            }),
        );
        expectProblem(valid, "gatevault:orgBackupPolicies.stackSets.operationPreferences.regionOrder[0]", /must be a region the StackSets deploy to \(eu-central-1, eu-west-1\)/);
    });

    it("refuses a lock the OU's effective retentions break", () => {
        const problems = configProblems(
            withOrgPolicies((b) => {
                b.organization.units[0].stackSet = { ...stackSet, lock: { minRetentionDays: 110, maxRetentionDays: 3650 } };
            }),
        );
        expectProblem(problems, "gatevault:orgBackupPolicies.organization.units[0].stackSet.lock", /copy to arn:aws:backup:eu-central-1:\$account:backup-vault:backups-copy: deleteAfterDays/);
    });
});

describe("the offline plan checks a StackSet's template against the CloudFormation specification", () => {
    it("stops on a template property that does not exist, naming it", async () => {
        const template = { Resources: { Vault: { Type: "AWS::Backup::BackupVault", Properties: { BackupVaultName: "v", EncryptionKey: "k" } } } };
        const failure = await planFailure(() => {
            const provider = new aws.Provider("admin", { region: "eu-west-1" });
            new aws.cloudformation.StackSet("bad", { name: "bad", permissionModel: "SERVICE_MANAGED", templateBody: JSON.stringify(template) }, { provider });
        });
        expect(failure.message).to.contain("Resources.Vault.Properties.EncryptionKey: is not a property of AWS::Backup::BackupVault");
    });
});
