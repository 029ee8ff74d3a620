import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";

export const keyRotation: GatevaultResourcePolicy = {
    name: "kms-key-rotation",
    description: "Symmetric customer-managed KMS keys rotate their key material automatically.",
    severity: "medium",
    controls: ["SecurityHub:KMS.4", "AWSConfig:cmk-backing-key-rotation-enabled", "Checkov:CKV_AWS_7", "cdk-nag:AwsSolutions-KMS5"],
    remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key.",
    validateResource: validateResourceOfType(aws.kms.Key, (key, args, report) => {
        const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
        if (spec !== "SYMMETRIC_DEFAULT" || (key.keyUsage ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") {
            args.notApplicable(`AWS rotates only symmetric encryption keys (this key is ${spec}, ${key.keyUsage})`);
        }
        if (key.enableKeyRotation !== true) {
            report("Automatic key rotation is off.");
        }
    }),
};
