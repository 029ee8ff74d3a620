import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";

/** AWS-managed keys are addressed by their `alias/aws/...` alias; customer-managed keys are not. */
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

export const vaultCmk: GatevaultResourcePolicy = {
    name: "backup-vault-cmk",
    description: "Backup vaults encrypt recovery points with a customer-managed KMS key.",
    severity: "high",
    controls: ["Checkov:CKV_AWS_166"],
    remediationSteps:
        "Create an aws.kms.Key (with rotation on and retained on delete in prod) and set it as the aws.backup.Vault's kmsKeyArn; " +
        "AWS-managed keys (alias/aws/backup) cannot be shared, so cross-account copies and key policies depend on it.",
    validateResource: validateResourceOfType(aws.backup.Vault, (vault, _args, report) => {
        const key = vault.kmsKeyArn;
        if (key === undefined || key === "") {
            report("The vault has no kmsKeyArn, so AWS Backup encrypts it with the AWS-managed key.");
        } else if (AWS_MANAGED_ALIAS.test(key)) {
            report(`The vault uses the AWS-managed key ${key}.`);
        }
    }),
};
