// A complete `gatevault:orgBackupPolicies` block as a stack file would hold it, for tests that
// start from a valid config and break one thing.

import type { OrgBackupPoliciesConfig } from "../../components/config/org-backup-policies";
import { stackConfig } from "../support/plan-program";

export function orgPoliciesBlock(): Record<string, any> {
    return {
        administratorRoleArn: "arn:aws:iam::999999999999:role/org-admin",
        organization: {
            rootId: "r-a1b2",
            units: [
                { id: "ou-a1b2-workload", name: "workloads", parentId: "r-a1b2" },
                { id: "ou-a1b2-payments", name: "payments", parentId: "ou-a1b2-workload" },
            ],
            accounts: [
                {
                    id: "333333333333",
                    name: "payments-prod",
                    parentId: "ou-a1b2-payments",
                    deployBackupResources: true,
                    assumeRoleArn: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole",
                    backupResources: { breakGlassRoleArn: "arn:aws:iam::333333333333:role/backup-break-glass" },
                },
            ],
        },
        policies: [
            {
                name: "workloads-backup",
                targets: ["ou-a1b2-workload"],
                plans: [
                    {
                        name: "Daily",
                        regions: ["eu-west-1"],
                        rules: [
                            {
                                name: "Nightly",
                                schedule: "cron(0 3 ? * * *)",
                                startWindowMinutes: 60,
                                completionWindowMinutes: 240,
                                targetVaultName: "backups",
                                lifecycle: { deleteAfterDays: 120 },
                                copyActions: [
                                    {
                                        targetVaultArn: "arn:aws:backup:eu-central-1:$account:backup-vault:backups-copy",
                                        lifecycle: { deleteAfterDays: 100 },
                                    },
                                ],
                            },
                        ],
                        selections: {
                            tags: [{ name: "tagged", roleArn: "arn:aws:iam::$account:role/backup", tagKey: "backup", tagValues: ["daily"] }],
                        },
                    },
                ],
            },
        ],
    };
}

/** A stack-config edit that adds the block (after `edit` changes it) to a shipped stack. */
export function withOrgPolicies(edit?: (block: Record<string, any>) => void): (config: Record<string, any>) => void {
    return (config) => {
        const block = orgPoliciesBlock();
        edit?.(block);
        config["gatevault:orgBackupPolicies"] = block;
    };
}

/** The block parsed through the stack-config schema, as components receive it. */
export function parsedOrgPolicies(edit?: (block: Record<string, any>) => void): OrgBackupPoliciesConfig {
    return stackConfig("dev", withOrgPolicies(edit)).orgBackupPolicies!;
}
