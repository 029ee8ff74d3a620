// KMS resources, from hashicorp/terraform-provider-aws internal/service/kms/*.go.

import { conflictsWith, iamPolicyJson, intBetween, lengthBetween, requiredWith, resource } from "./define";
import type { ResourceRules } from "./types";

const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";

export const kmsRules: ResourceRules[] = [
    resource({
        type: "aws:kms/key:Key",
        terraformType: "aws_kms_key",
        file: "internal/service/kms/key.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"],
        rules: [
            lengthBetween("customKeyStoreId", 1, 22),
            intBetween("deletionWindowInDays", 7, 30),
            lengthBetween("description", 0, 8192),
            iamPolicyJson("policy"),
            intBetween("rotationPeriodInDays", 90, 2560),
            requiredWith("rotationPeriodInDays", "enableKeyRotation"),
            lengthBetween("xksKeyId", 1, 128),
            requiredWith("xksKeyId", "customKeyStoreId"),
        ],
    }),
    resource({
        type: "aws:kms/alias:Alias",
        terraformType: "aws_kms_alias",
        file: "internal/service/kms/alias.go",
        commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
        olderCopy: OLDER,
        forceNew: ["name", "namePrefix"],
        rules: [conflictsWith("name", "namePrefix")],
    }),
];
