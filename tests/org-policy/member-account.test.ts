// MemberAccountBackup: the vaults and roles an organization backup policy names, deployed into
// the member accounts config marks, through each account's provider, named so that the
// policy's `$account` ARNs resolve to them; and the checks that stop a deployment that could
// not work before anything is registered.

import { expect } from "chai";
import { memberAccountDeployments, MemberAccountDeployment } from "../../components/backup/org-policy/member-deployments";
import { accountLayout, splitRoleRef } from "../../components/backup/org-policy/member-deployments";
import { deployMemberAccountBackups } from "../../components/backup/org-policy/member-account";
import { deployOrgBackupPolicies } from "../../components/backup/org-policy/component";
import { memberPlacementProblems } from "../../components/backup/org-policy/member-placement";
import type { GatevaultConfig } from "../../components/config";
import { ProviderSet } from "../../components/shared/providers";
import { ROOT_STACK_TYPE } from "../../tools/plan/index";
import type { PlannedResource } from "../../tools/plan/index";
import { checkedStackConfig } from "../support/config-problems";
import { PlannedProgram, planProgram, stackConfig } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";
import { editedStack, planEditedStack, sourceOf } from "../support/stacks";
import { withOrgPolicies } from "./fixtures";

const T = {
    component: "gatevault:backup:MemberAccountBackup",
    key: "aws:kms/key:Key",
    vault: "aws:backup/vault:Vault",
    lock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    vaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    orgPolicy: "aws:organizations/policy:Policy",
    policyAttachment: "aws:organizations/policyAttachment:PolicyAttachment",
    provider: "pulumi:providers:aws",
};

/** What index.ts does for member accounts and org policies, and nothing else. */
function memberProgram(config: GatevaultConfig): () => unknown {
    return () => {
        const providers = new ProviderSet(config);
        const members = deployMemberAccountBackups(config, providers);
        deployOrgBackupPolicies(config.orgBackupPolicies, providers, members);
        return Object.fromEntries(members.map((m) => [m.accountId, m.outputs]));
    };
}

const providerOf = (plan: PlannedProgram, r: PlannedResource) => plan.providerOf(r)!;
const arnOf = (r: PlannedResource) => String(r.record.wireOutputs?.arn);
/** The member account a resource belongs to, read from its component's name. */
const memberOf = (r: PlannedResource) => /^member-backup-(\d{12})-/.exec(r.name)?.[1];

/** Every `iam_role_arn` and copy target ARN in an effective policy, as written. */
function policyArns(effective: any): { roles: string[]; copyTargets: string[]; vaultNames: string[] } {
    const plans = Object.values<any>(effective.plans);
    return {
        roles: plans.flatMap((p) => Object.values<any>(p.selections).flatMap((kind) => Object.values<any>(kind).map((s) => s.iam_role_arn))),
        copyTargets: plans.flatMap((p) => Object.values<any>(p.rules).flatMap((r) => Object.values<any>(r.copy_actions ?? {}).map((c) => c.target_backup_vault_arn))),
        vaultNames: plans.flatMap((p) => Object.values<any>(p.rules).map((r) => r.target_backup_vault_name)),
    };
}

/**
 * The prod stack with its own account (222222222222) moved under the workloads OU and marked:
 * member vaults in the stack's own account, reached with the stack's credentials, beside those
 * of payments-prod (333333333333), reached through its role.
 */
function ownAccountMarked(c: Record<string, any>): void {
    const own = c["gatevault:orgBackupPolicies"].organization.accounts.find((a: any) => a.id === "222222222222");
    Object.assign(own, {
        parentId: "ou-a1b2-workload",
        deployBackupResources: true,
        assumeRoleArn: c["gatevault:backup"].deployRoleArn,
        backupResources: { breakGlassRoleArn: "arn:aws:iam::222222222222:role/backup-break-glass", lock: { minRetentionDays: 90, maxRetentionDays: 3650 } },
    });
}

describe("MemberAccountBackup: the prod stack (own account marked too) under mocks", () => {
    let prod: PlannedProgram;
    let deployments: MemberAccountDeployment[];
    before(async () => {
        const config = stackConfig("prod", ownAccountMarked);
        deployments = memberAccountDeployments(config.orgBackupPolicies!);
        prod = await planProgram(memberProgram(config), { stack: "prod" });
    });

    it("creates each account's vaults in each region through the provider for that account and region", () => {
        const vaults = prod.ofType(T.vault).map((v) => [memberOf(v), providerOf(prod, v).name, arnOf(v)]);
        expect(vaults).to.have.deep.members([
            ["222222222222", "aws-eu-central-1", "arn:aws:backup:eu-central-1:222222222222:backup-vault:gatevault-backups-copy"],
            ["222222222222", "aws", "arn:aws:backup:eu-west-1:222222222222:backup-vault:gatevault-backups"],
            ["333333333333", "aws-333333333333-eu-central-1", "arn:aws:backup:eu-central-1:333333333333:backup-vault:gatevault-backups-copy"],
            ["333333333333", "aws-333333333333-eu-west-1", "arn:aws:backup:eu-west-1:333333333333:backup-vault:gatevault-backups"],
        ]);
        // The other account is reached through its configured role, and only that account.
        for (const region of ["eu-west-1", "eu-central-1"]) {
            const inputs = prod.rawInputs(prod.one(T.provider, `aws-333333333333-${region}`));
            expect(JSON.parse(inputs.assumeRoles)[0].roleArn).to.equal("arn:aws:iam::333333333333:role/OrganizationAccountAccessRole");
            expect(JSON.parse(inputs.allowedAccountIds)).to.deep.equal(["333333333333"]);
            expect(inputs.region).to.equal(region);
        }
        // The stack's own account uses the stack's credentials: no role is assumed there.
        expect(prod.rawInputs(prod.one(T.provider, "aws-eu-central-1")).assumeRoles).to.equal(undefined);
    });

    it("gives the policy's $account ARNs something to resolve to in every marked account", () => {
        for (const d of deployments) {
            const arns = policyArns(d.effective);
            const own = (arn: string) => arn.replace("$account", d.accountId);
            const vaultArns = prod.ofType(T.vault).filter((v) => memberOf(v) === d.accountId).map(arnOf);
            const roleArns = prod.ofType(T.role).filter((r) => memberOf(r) === d.accountId).map(arnOf);
            for (const copy of arns.copyTargets) expect(vaultArns, copy).to.include(own(copy));
            for (const name of arns.vaultNames) expect(vaultArns, name).to.include(`arn:aws:backup:eu-west-1:${d.accountId}:backup-vault:${name}`);
            expect(roleArns).to.deep.equal([...new Set(arns.roles.map(own))]);
        }
    });

    it("encrypts each vault with its own key in the vault's account and region, rotation on", () => {
        expect(prod.ofType(T.key)).to.have.length(4);
        for (const vault of prod.ofType(T.vault)) {
            const key = prod.one(T.key, vault.name.replace(/-vault$/, "-key"));
            expect(prod.rawInputs(key).enableKeyRotation, key.name).to.equal(true);
            expect(prod.rawInputs(vault).kmsKeyArn).to.equal(arnOf(key));
            expect(providerOf(prod, key).urn).to.equal(providerOf(prod, vault).urn);
            const [, , , region, account] = arnOf(vault).split(":");
            expect(arnOf(key)).to.match(new RegExp(`^arn:aws:kms:${region}:${account}:key/`));
            const statements = JSON.parse(prod.rawInputs(key).policy).Statement;
            expect(statements.find((s: any) => s.Sid === "AccountKeyAdministration").Principal.AWS).to.equal(`arn:aws:iam::${account}:root`);
            // Their plans copy within the account: no other account may use the key (issue 12 item 6).
            expect(statements.map((s: any) => s.Sid)).to.not.include("CopyPeersUseThroughAwsBackup");
        }
    });

    it("lets only the account's own break-glass role delete recovery points, and locks every vault as configured", () => {
        for (const policy of prod.ofType(T.vaultPolicy)) {
            const account = memberOf(policy);
            const statements = JSON.parse(prod.rawInputs(policy).policy).Statement;
            const deny = statements.find((s: any) => s.Effect === "Deny" && [s.Action].flat().includes("backup:DeleteRecoveryPoint"));
            expect(deny, policy.name).to.not.equal(undefined);
            expect(deny.Condition.ArnNotEquals["aws:PrincipalArn"]).to.equal(`arn:aws:iam::${account}:role/backup-break-glass`);
            expect(statements.some((s: any) => s.Effect === "Allow"), "no copies in or out of other accounts in prod").to.equal(false);
        }
        expect(prod.ofType(T.lock)).to.have.length(4);
        for (const lock of prod.ofType(T.lock)) expect(prod.rawInputs(lock)).to.include({ minRetentionDays: 90, maxRetentionDays: 3650 });
    });

    it("creates the role the policy names in each account: exact name, trusted by AWS Backup only, managed policies attached", () => {
        const roles = prod.ofType(T.role);
        expect(roles.map((r) => [memberOf(r), prod.rawInputs(r).name, providerOf(prod, r).name])).to.have.deep.members([
            ["222222222222", "gatevault-backup", "aws"],
            ["333333333333", "gatevault-backup", "aws-333333333333-eu-west-1"],
        ]);
        for (const role of roles) {
            expect(JSON.parse(prod.rawInputs(role).assumeRolePolicy).Statement).to.deep.equal([
                { Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
            const attached = prod.ofType(T.attachment).filter((a) => memberOf(a) === memberOf(role)).map((a) => prod.rawInputs(a).policyArn);
            expect(attached).to.have.members([
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
            ]);
        }
    });

    it("prod: keys, vaults and vault policies are protected and retained on delete, locks retained", () => {
        const guarded = [...prod.ofType(T.key), ...prod.ofType(T.vault), ...prod.ofType(T.vaultPolicy)];
        expect(guarded).to.have.length(12);
        for (const r of guarded) expect(r.record.options, r.name).to.include({ protect: true, retainOnDelete: true });
        for (const r of prod.ofType(T.lock)) expect(r.record.options, r.name).to.include({ protect: false, retainOnDelete: true });
    });

    it("creates, changes and attaches the org policy only after the member vaults and roles exist", () => {
        const mustWaitFor = [...prod.ofType(T.vault), ...prod.ofType(T.role), ...prod.ofType(T.attachment), ...prod.ofType(T.vaultPolicy), ...prod.ofType(T.lock)];
        const policy = prod.one(T.orgPolicy);
        expect(policy.record.dependencies).to.include.members(mustWaitFor.map((r) => r.urn));
        // Attachments follow the policy, so they follow the member resources too.
        for (const attachment of prod.ofType(T.policyAttachment)) expect(attachment.record.dependencies).to.include(policy.urn);
        const memberResources = prod.resources.filter((r) => memberOf(r));
        expect(memberResources.filter((r) => r.record.dependencies.includes(policy.urn))).to.deep.equal([]);
    });
});

describe("MemberAccountBackup: the prod stack's program", () => {
    it("wires one component per marked account before the org policy, and exports their ARNs", async () => {
        const result = await shippedPlan("prod");
        expect(result.error, result.error?.message).to.equal(undefined);
        const components = result.resources.filter((r) => r.type === T.component);
        expect(components.map((c) => c.name)).to.deep.equal(["member-backup-333333333333"]);
        const policy = result.resources.find((r) => r.type === T.orgPolicy)!;
        const memberVaults = result.resources.filter((r) => r.type === T.vault && memberOf(r));
        expect(memberVaults).to.have.length(2);
        expect(policy.record.dependencies).to.include.members(memberVaults.map((v) => v.urn));
        expect(result.outputs?.memberAccountBackups).to.deep.equal({
            "333333333333": {
                vaultArns: {
                    "eu-central-1/gatevault-backups-copy": "arn:aws:backup:eu-central-1:333333333333:backup-vault:gatevault-backups-copy",
                    "eu-west-1/gatevault-backups": "arn:aws:backup:eu-west-1:333333333333:backup-vault:gatevault-backups",
                },
                roleArns: { "gatevault-backup": "arn:aws:iam::333333333333:role/gatevault-backup" },
            },
        });
        expect(result.summary.exitCode).to.equal(0);
    });
});

describe("MemberAccountBackup: which accounts, which names", () => {
    it("deploys nothing into accounts that are not marked, and protects nothing outside prod", async () => {
        const config = stackConfig(
            "dev",
            withOrgPolicies((b) => b.organization.accounts.push({ id: "444444444444", name: "sandbox", parentId: "ou-a1b2-workload" })),
        );
        const plan = await planProgram(memberProgram(config));
        expect(plan.ofType(T.component).map((c) => c.name)).to.deep.equal(["member-backup-333333333333"]);
        expect(plan.resources.filter((r) => JSON.stringify([r.name, r.record.wireOutputs ?? {}, r.record.wireInputs]).includes("444444444444"))).to.deep.equal([]);
        expect(plan.ofType(T.vault).map(arnOf)).to.have.members([
            "arn:aws:backup:eu-central-1:333333333333:backup-vault:backups-copy",
            "arn:aws:backup:eu-west-1:333333333333:backup-vault:backups",
        ]);
        for (const r of plan.resources.filter((r) => !r.type.startsWith("pulumi:"))) {
            expect(r.record.options, r.name).to.include({ protect: false, retainOnDelete: false });
        }
        expect(plan.ofType(T.lock)).to.have.length(0);
    });

    it("creates a role with a path under its exact name, and lets a central account copy back into the vaults", async () => {
        const config = stackConfig(
            "dev",
            withOrgPolicies((b) => {
                b.organization.id = "o-a1b2c3d4e5";
                const plan = b.policies[0].plans[0];
                plan.selections.tags[0].roleArn = "arn:aws:iam::$account:role/service-role/gatevault-backup";
                plan.rules[0].copyActions.push({ targetVaultArn: "arn:aws:backup:eu-west-1:444444444444:backup-vault:central" });
            }),
        );
        const plan = await planProgram(memberProgram(config));
        const role = plan.one(T.role);
        expect(plan.rawInputs(role)).to.include({ name: "gatevault-backup", path: "/service-role/" });
        expect(arnOf(role)).to.equal("arn:aws:iam::333333333333:role/service-role/gatevault-backup");
        // The central vault lives in its own account: gatevault does not create it here.
        expect(plan.ofType(T.vault).map(arnOf)).to.not.include("arn:aws:backup:eu-west-1:444444444444:backup-vault:central");
        for (const policy of plan.ofType(T.vaultPolicy)) {
            const statements = JSON.parse(plan.rawInputs(policy).policy).Statement;
            const accept = statements.find((s: any) => s.Effect === "Allow" && [s.Action].flat().includes("backup:CopyIntoBackupVault"));
            expect(accept?.Principal.AWS, policy.name).to.deep.equal(["arn:aws:iam::444444444444:root"]);
        }
    });

    it("reads what to create from the effective policy: $account and the account's own id, not other accounts", () => {
        const layout = accountLayout("333333333333", {
            vaults: [
                { region: "eu-west-1", name: "primary", account: "$account" },
                { region: "eu-west-1", name: "named", account: "333333333333" },
                { region: "eu-west-1", name: "central", account: "444444444444" },
            ],
            roles: ["backup"],
            externalRoles: ["arn:aws:iam::333333333333:role/ops/restore", "arn:aws:iam::555555555555:role/shared"],
        });
        expect(layout).to.deep.equal({
            vaults: [
                { region: "eu-west-1", name: "primary" },
                { region: "eu-west-1", name: "named" },
            ],
            roles: [splitRoleRef("backup"), { ref: "ops/restore", path: "/ops/", name: "restore" }],
            copyTargetAccounts: ["444444444444"],
        });
        expect(splitRoleRef("backup")).to.deep.equal({ ref: "backup", path: "/", name: "backup" });
    });

    it("warns when a marked account is reached by no policy of the stack, and deploys nothing there", async () => {
        const config = stackConfig("dev", withOrgPolicies((b) => (b.organization.accounts[0].parentId = "r-a1b2")));
        const plan = await planProgram(memberProgram(config));
        const warning = 'member-backup-333333333333: account 333333333333 ("payments-prod") is marked deployBackupResources, but no policy of this stack reaches it';
        expect(plan.result.warnings.filter((w) => w.includes(warning)), plan.result.warnings.join("\n")).to.have.length(1);
        expect(plan.resources.filter((r) => r.parent === plan.one(T.component).urn)).to.have.length(0);
    });
});

describe("MemberAccountBackup: the stack's own account is deployed with its deploy role", () => {
    // The vault policies there let assumeRoleArn change the vaults, and the stack's own account
    // is reached with the stack's credentials: checkStack runs this before anything is registered.
    it("refuses a marked own account whose assumeRoleArn is not gatevault:backup.deployRoleArn", () => {
        const config = stackConfig("prod", (c) => {
            ownAccountMarked(c);
            c["gatevault:orgBackupPolicies"].organization.accounts[1].assumeRoleArn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
        });
        const problems = memberPlacementProblems(config);
        expect(problems.map((p) => p.path)).to.deep.equal(["gatevault:orgBackupPolicies.organization.accounts[1].assumeRoleArn"]);
        expect(problems[0].message).to.match(/^must be arn:aws:iam::222222222222:role\/gatevault-deploy \(gatevault:backup\.deployRoleArn\)/);
        expect(memberPlacementProblems(stackConfig("prod", ownAccountMarked))).to.deep.equal([]);
    });
});

describe("MemberAccountBackup: config the program refuses (exit 2, nothing registered)", () => {
    const refused = [
        {
            name: "the same account reached through two roles",
            edit: (c: Record<string, any>) =>
                (c["gatevault:orgBackupPolicies"].organization.accounts[0].assumeRoleArn = "arn:aws:iam::333333333333:role/gatevault-backup-deployer"),
            also: (c: Record<string, any>) => (c["gatevault:backup"].centralVault = { ...c["gatevault:backup"].centralVault, deployRoleArn: "arn:aws:iam::333333333333:role/central-deployer", breakGlassRoleArn: "arn:aws:iam::333333333333:role/backup-break-glass" }),
            path: "gatevault:orgBackupPolicies.organization.accounts[0].assumeRoleArn",
            message: /^must be arn:aws:iam::333333333333:role\/central-deployer, the role gatevault:backup\.centralVault\.deployRoleArn already uses for account 333333333333/,
        },
        {
            name: "a member vault gatevault:backup already creates",
            edit: (c: Record<string, any>) => {
                ownAccountMarked(c);
                for (const plan of c["gatevault:orgBackupPolicies"].policies[0].plans) plan.rules[0].targetVaultName = "gatevault-prod";
            },
            path: "gatevault:orgBackupPolicies.organization.accounts[1].deployBackupResources",
            message: /^cannot deploy vault "gatevault-prod" in eu-west-1 of account 222222222222: gatevault:backup\.vault\.name already creates it/,
        },
    ];
    for (const c of refused) {
        it(c.name, async () => {
            const edit = (config: Record<string, any>) => {
                c.edit(config);
                ("also" in c ? c.also : undefined)?.(config);
            };
            const doc = editedStack("prod", edit);
            // The stack file passes on its own (the schema and the backup rules): only the program's
            // cross-part checks, which see both config parts and the stack's account, can tell.
            expect(() => checkedStackConfig(sourceOf(doc))).to.not.throw();
            const result = await planEditedStack("prod", edit);
            expect(result.summary.exitCode).to.equal(2);
            expect(result.error?.kind).to.equal("config");
            const problem = result.error?.problems?.find((p) => p.path === c.path);
            expect(problem?.message, JSON.stringify(result.error?.problems)).to.match(c.message);
            expect(result.resources.filter((r) => r.type !== ROOT_STACK_TYPE)).to.have.length(0);
        });
    }
});
