// AWS Organizations resources, from hashicorp/terraform-provider-aws internal/service/organizations/*.go.

import { isJson, oneOf, resource } from "./define";
import type { ResourceRules } from "./types";

export const organizationsRules: ResourceRules[] = [
    resource({
        type: "aws:organizations/policy:Policy",
        terraformType: "aws_organizations_policy",
        file: "internal/service/organizations/policy.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["type"],
        rules: [
            isJson("content"),
            // The SDK's PolicyType enum, as @pulumi/aws 7.48's own documentation of `type` lists it.
            oneOf("type", [
                "AISERVICES_OPT_OUT_POLICY",
                "BACKUP_POLICY",
                "BEDROCK_POLICY",
                "CHATBOT_POLICY",
                "DECLARATIVE_POLICY_EC2",
                "INSPECTOR_POLICY",
                "RESOURCE_CONTROL_POLICY",
                "S3_POLICY",
                "SECURITYHUB_POLICY",
                "SERVICE_CONTROL_POLICY",
                "TAG_POLICY",
                "UPGRADE_ROLLOUT_POLICY",
            ]),
        ],
    }),
    resource({
        type: "aws:organizations/policyAttachment:PolicyAttachment",
        terraformType: "aws_organizations_policy_attachment",
        file: "internal/service/organizations/policy_attachment.go",
        commit: "090344804c490a98599aee521af0ce5ac61b9cb1",
        olderCopy: "aws-sdk-go v1 era copy (the newest the index holds)",
        forceNew: ["policyId", "targetId"],
        rules: [],
    }),
];
