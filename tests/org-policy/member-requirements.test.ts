// What member accounts need before their effective policy can run, and which accounts the
// config asks to receive it.

import { expect } from "chai";
import { memberRequirements } from "../../components/backup/org-policy/member-requirements";
import { memberAccountDeployments } from "../../components/backup/org-policy/member-deployments";
import { stackConfig } from "../support/plan-program";
import { parsedOrgPolicies } from "./fixtures";

describe("member account requirements", () => {
    it("needs the target vault in every plan region, same-account copy vaults, and the $account roles", () => {
        const needs = memberRequirements({
            plans: {
                p: {
                    regions: ["eu-west-1", "us-east-1"],
                    rules: {
                        r: {
                            target_backup_vault_name: "primary",
                            copy_actions: {
                                "arn:aws:backup:eu-central-1:$account:backup-vault:copy": { target_backup_vault_arn: "arn:aws:backup:eu-central-1:$account:backup-vault:copy" },
                                "arn:aws:backup:eu-west-1:444444444444:backup-vault:central": { target_backup_vault_arn: "arn:aws:backup:eu-west-1:444444444444:backup-vault:central" },
                            },
                        },
                    },
                    selections: {
                        tags: { t: { iam_role_arn: "arn:aws:iam::$account:role/service-role/backup" } },
                        resources: { x: { iam_role_arn: "arn:aws:iam::555555555555:role/shared" } },
                    },
                },
            },
        });
        expect(needs).to.deep.equal({
            vaults: [
                { region: "eu-central-1", name: "copy", account: "$account" },
                { region: "eu-west-1", name: "primary", account: "$account" },
                { region: "us-east-1", name: "primary", account: "$account" },
                { region: "eu-west-1", name: "central", account: "444444444444" },
            ],
            roles: ["service-role/backup"],
            externalRoles: ["arn:aws:iam::555555555555:role/shared"],
        });
    });

    it("lists the accounts the config asks to deploy into, with what their effective policy needs", () => {
        const deployments = memberAccountDeployments(
            parsedOrgPolicies((b) => b.organization.accounts.push({ id: "444444444444", name: "sandbox", parentId: "r-a1b2" })),
        );
        expect(deployments.map(({ effective, ...rest }) => rest)).to.deep.equal([
            {
                accountId: "333333333333",
                name: "payments-prod",
                assumeRoleArn: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
                configIndex: 0,
                settings: { breakGlassRoleArn: "arn:aws:iam::333333333333:role/backup-break-glass" },
                vaults: [
                    { region: "eu-central-1", name: "backups-copy" },
                    { region: "eu-west-1", name: "backups" },
                ],
                roles: [{ ref: "backup", path: "/", name: "backup" }],
                copyTargetAccounts: [],
                requirements: {
                    vaults: [
                        { region: "eu-central-1", name: "backups-copy", account: "$account" },
                        { region: "eu-west-1", name: "backups", account: "$account" },
                    ],
                    roles: ["backup"],
                    externalRoles: [],
                },
            },
        ]);
    });

    it("covers the marked account of the prod stack", () => {
        const deployments = memberAccountDeployments(stackConfig("prod").orgBackupPolicies!);
        expect(deployments.map((d) => [d.accountId, d.requirements.vaults.map((v) => `${v.name}@${v.region}`)])).to.deep.equal([
            ["333333333333", ["gatevault-backups-copy@eu-central-1", "gatevault-backups@eu-west-1"]],
        ]);
    });
});
