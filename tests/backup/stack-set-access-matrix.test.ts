// Who may do what to the vaults and keys a StackSet creates in every account of an OU: the
// template's access and key policies, resolved for one account as its stack instance would
// (${AWS::AccountId}), evaluated with the same IAM evaluator and against the same threat-model
// tables as the vaults `pulumi up` creates (vault-access-matrix.test.ts). The deployer here is
// the `stacksets-exec-*` role CloudFormation creates in each target account (AWS CloudFormation
// User Guide, stacksets-orgs-activate-trusted-access.html). And the two paths cannot drift: a
// listed account's vault policies are the template's, but for who deploys.

import { expect } from "chai";
import { stackSetDeployments } from "../../components/backup/org-policy/stack-set/deployments";
import { evaluateAccess } from "../../components/shared/iam";
import { ADMIN, keyMatrix, ORG, OUTSIDER, PROD_KEY, PROD_VAULT, Vault, vaultMatrix, vaultsOf } from "../support/access-matrix";
import { instantiate } from "../support/cfn-instantiate";
import { stackConfig } from "../support/config-problems";
import { shippedPlan } from "../support/shipped-plans";

const ACCOUNT = "123456789012";
const prod = stackConfig("prod");
const [workloads] = stackSetDeployments(prod.orgBackupPolicies!, prod.region);

/** The template's vault of that name and its key, as account ACCOUNT's stack instance creates them. */
function templateVault(name: string, accountId = ACCOUNT): Vault & { lock: unknown } {
    const resources = workloads.template.Resources;
    const [, vault] = Object.entries(resources).find(([, r]) => r.Type === "AWS::Backup::BackupVault" && r.Properties.BackupVaultName === name)!;
    const key = resources[(vault.Properties.EncryptionKeyArn as any)["Fn::GetAtt"][0]];
    const region = (workloads.template.Conditions![vault.Condition!] as any)["Fn::Equals"][1];
    return {
        name,
        arn: `arn:aws:backup:${region}:${accountId}:backup-vault:${name}`,
        account: accountId,
        region,
        vaultPolicy: JSON.stringify(instantiate(vault.Properties.AccessPolicy, accountId)),
        keyPolicy: JSON.stringify(instantiate(key.Properties.KeyPolicy, accountId)),
        lock: vault.Properties.LockConfiguration,
    };
}

const principals = { breakGlass: `arn:aws:iam::${ACCOUNT}:role/backup-break-glass`, deployer: `arn:aws:iam::${ACCOUNT}:role/stacksets-exec-5f0e1a2b3c4d`, peer: OUTSIDER };

describe("StackSet vaults: access matrix over the template's policies (IAM evaluation)", () => {
    for (const name of ["gatevault-backups", "gatevault-backups-copy"]) {
        it(`${name}: only the account's break-glass deletes or shortens; the StackSet execution role changes policy and lock; no other account copies in`, () => {
            const vault = templateVault(name);
            expect(vaultMatrix(vault, principals)).to.deep.equal({ ...PROD_VAULT, "backup:CopyIntoBackupVault": "A A A - - -" });
            expect(keyMatrix(vault, principals)).to.deep.equal({ ...PROD_KEY, "kms:Decrypt via AWS Backup": "A A A - - -", "kms:CreateGrant via AWS Backup": "A A A - - -" });
        });
    }

    it("the break-glass role of another account of the OU (same name) cannot delete this account's recovery points", () => {
        const vault = templateVault("gatevault-backups");
        const decision = evaluateAccess({
            principal: { kind: "role", arn: "arn:aws:iam::777777777777:role/backup-break-glass" },
            principalOrgId: ORG,
            identityPolicies: [ADMIN],
            action: "backup:DeleteRecoveryPoint",
            resource: `arn:aws:backup:${vault.region}:${ACCOUNT}:recovery-point:0a1b2c3d`,
            resourceAccount: ACCOUNT,
            resourcePolicy: vault.vaultPolicy,
        }).decision;
        expect(decision).to.equal("explicit-deny");
    });

    it("no drift: the listed account's vaults (pulumi up) carry the template's access policy, key policy and lock, but for the role that deploys them", async () => {
        const plan = await shippedPlan("prod");
        const member = prod.orgBackupPolicies!.organization.accounts.find((a) => a.deployBackupResources)!;
        const listed = vaultsOf(plan).filter((v) => v.account === member.id);
        expect(listed.map((v) => v.name).sort()).to.deep.equal([`member-backup-${member.id}-eu-central-1-gatevault-backups-copy`, `member-backup-${member.id}-eu-west-1-gatevault-backups`]);
        for (const vault of listed) {
            const vaultName = vault.arn.split(":").pop()!;
            const fromTemplate = templateVault(vaultName, member.id);
            // Who deploys differs: the StackSet's execution roles (a pattern), or the account's assumeRoleArn.
            const asListed = (json: string) =>
                JSON.parse(json.replaceAll(`arn:aws:iam::${member.id}:role/stacksets-exec-*`, member.assumeRoleArn!).replaceAll('"ArnNotLike"', '"ArnNotEquals"'));
            expect(JSON.parse(vault.vaultPolicy), vaultName).to.deep.equal(asListed(fromTemplate.vaultPolicy));
            expect(JSON.parse(vault.keyPolicy), vaultName).to.deep.equal(asListed(fromTemplate.keyPolicy));
            const lock = plan.resources.find((r) => r.type === "aws:backup/vaultLockConfiguration:VaultLockConfiguration" && r.name === `${vault.name}-lock`)!;
            expect({ MinRetentionDays: lock.inputs.minRetentionDays, MaxRetentionDays: lock.inputs.maxRetentionDays }).to.deep.equal(fromTemplate.lock);
        }
    });
});
