// Who may do what to the shipped stacks' vaults and keys: an allow/deny matrix (principal ×
// action) evaluated with the IAM evaluator (components/shared/iam) over the vault access
// policies and key policies the program generates, read from the cached offline plans. The
// expected tables are the threat model's (components/backup/policies/THREAT-MODEL.md), written
// out here cell by cell, not read back from the code.
//
// Every principal of an account is assumed to hold AdministratorAccess (the worst case): only
// the generated resource policies stand between it and the vault. Evaluation logic: IAM User
// Guide, reference_policies_evaluation-logic.html (explicit deny wins, then allow; across
// accounts both sides must allow); KMS Developer Guide, key-policies.html (the key policy must
// allow). Actions that vault access policies govern: AWS Backup Developer Guide,
// create-a-vault-access-policy.html.

import { expect } from "chai";
import { evaluateAccess } from "../../components/shared/iam";
import { ADMIN, keyMatrix, OUTSIDER, PROD_KEY, PROD_VAULT, vaultMatrix, vaultsOf } from "../support/access-matrix";
import { shippedPlan } from "../support/shipped-plans";
import { shippedStack } from "../support/stacks";

// Dev: the deploy role may delete what `pulumi destroy` deletes; lifecycles stay break-glass only.
const DEV_VAULT: Record<string, string> = {
    ...PROD_VAULT,
    "backup:DeleteRecoveryPoint": /*                */ "A A X X X X",
    "backup:DeleteBackupVaultAccessPolicy": /*      */ "A A X X X X",
    "backup:DeleteBackupVaultLockConfiguration": /* */ "A A X X X X",
    "backup:DeleteBackupVault": /*                  */ "A A X X X X",
    // No copies in or out of the dev vault: no peer may copy in.
    "backup:CopyIntoBackupVault": /*                */ "A A A - - -",
};

const DEV_KEY: Record<string, string> = {
    ...PROD_KEY,
    "kms:ScheduleKeyDeletion": /*        */ "A A A - - -",
    "kms:DisableKey": /*                 */ "A A A - - -",
    "kms:Decrypt via AWS Backup": /*     */ "A A A - - -",
    "kms:CreateGrant via AWS Backup": /* */ "A A A - - -",
};

describe("vault and key access matrix (IAM evaluation over the generated policies)", () => {
    const prodConfig = shippedStack("prod").config;
    const backup = prodConfig["gatevault:backup"];
    const central = backup.centralVault;
    const centralAccount = central.deployRoleArn.split(":")[4];

    it("prod primary and copy vaults: only break-glass deletes or shortens; the deployer changes policy and lock; only the central account copies in", async () => {
        const vaults = vaultsOf(await shippedPlan("prod")).filter((v) => v.name === "backup-vault");
        expect(vaults).to.have.length(1);
        const p = { breakGlass: backup.breakGlassRoleArn, deployer: backup.deployRoleArn, peer: centralAccount };
        expect(vaultMatrix(vaults[0], p)).to.deep.equal(PROD_VAULT);
        expect(keyMatrix(vaults[0], p)).to.deep.equal(PROD_KEY);
    });

    it("prod copy-region vault: the same protections, and no account but its own uses it", async () => {
        const [copy] = vaultsOf(await shippedPlan("prod")).filter((v) => v.name === "backup-vault-eu-central-1");
        const p = { breakGlass: backup.breakGlassRoleArn, deployer: backup.deployRoleArn, peer: centralAccount };
        expect(vaultMatrix(copy, p)).to.deep.equal({ ...PROD_VAULT, "backup:CopyIntoBackupVault": "A A A - - -" });
        expect(keyMatrix(copy, p)).to.deep.equal({ ...PROD_KEY, "kms:Decrypt via AWS Backup": "A A A - - -", "kms:CreateGrant via AWS Backup": "A A A - - -" });
    });

    it("prod central vault: its own break-glass and deploy roles; copies and key use from the stack's account only", async () => {
        const [vault] = vaultsOf(await shippedPlan("prod")).filter((v) => v.name === "backup-central-vault");
        expect(vault.account).to.equal(centralAccount);
        const p = { breakGlass: central.breakGlassRoleArn, deployer: central.deployRoleArn, peer: prodConfig["gatevault:accountId"] };
        expect(vaultMatrix(vault, p)).to.deep.equal(PROD_VAULT);
        expect(keyMatrix(vault, p)).to.deep.equal(PROD_KEY);
    });

    it("prod member vaults: the member's break-glass and the role gatevault deploys it with", async () => {
        const members = vaultsOf(await shippedPlan("prod")).filter((v) => v.name.startsWith("member-backup-"));
        expect(members.length).to.be.greaterThan(0);
        for (const vault of members) {
            const account = prodConfig["gatevault:orgBackupPolicies"].organization.accounts.find((a: any) => a.id === vault.account);
            const p = { breakGlass: account.backupResources.breakGlassRoleArn, deployer: account.assumeRoleArn, peer: OUTSIDER };
            // Their plans copy within the account only: no peers.
            expect(vaultMatrix(vault, p), vault.name).to.deep.equal({ ...PROD_VAULT, "backup:CopyIntoBackupVault": "A A A - - -" });
            expect(keyMatrix(vault, p), vault.name).to.deep.equal({ ...PROD_KEY, "kms:Decrypt via AWS Backup": "A A A - - -", "kms:CreateGrant via AWS Backup": "A A A - - -" });
        }
    });

    it("dev: the deploy role can destroy the stack (policy, lock, recovery points, vault, key); lifecycles stay break-glass only", async () => {
        const dev = await shippedPlan("dev");
        const [vault] = vaultsOf(dev);
        const config = shippedStack("dev").config["gatevault:backup"];
        const p = { breakGlass: config.breakGlassRoleArn, deployer: config.deployRoleArn, peer: OUTSIDER };
        expect(vaultMatrix(vault, p)).to.deep.equal(DEV_VAULT);
        expect(keyMatrix(vault, p)).to.deep.equal(DEV_KEY);
        // And nothing stops `pulumi destroy` itself: no protect or retain, and the provider empties the vault.
        const [vaultResource] = dev.resources.filter((r) => r.type === "aws:backup/vault:Vault");
        expect(vaultResource.inputs.forceDestroy).to.equal(true);
        for (const r of dev.resources.filter((r) => r.type.startsWith("aws:backup/") || r.type === "aws:kms/key:Key")) {
            expect(r.record.options, r.name).to.deep.include({ protect: false, retainOnDelete: false });
        }
    });

    it("the deploy role can apply every change gatevault makes to plans and selections: no vault policy governs them", async () => {
        const [vault] = vaultsOf(await shippedPlan("prod")).filter((v) => v.name === "backup-vault");
        const plan = `arn:aws:backup:${vault.region}:${vault.account}:backup-plan:0a1b2c3d`;
        for (const action of ["backup:CreateBackupPlan", "backup:UpdateBackupPlan", "backup:DeleteBackupPlan", "backup:CreateBackupSelection", "backup:DeleteBackupSelection"]) {
            const decision = evaluateAccess({ principal: { kind: "role", arn: backup.deployRoleArn }, identityPolicies: [ADMIN], action, resource: plan, resourceAccount: vault.account }).decision;
            expect(decision, action).to.equal("allow");
        }
    });
});
