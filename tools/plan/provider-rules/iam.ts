// IAM resources, from hashicorp/terraform-provider-aws internal/service/iam/*.go.

import { conflictsWith, configValidator, doesNotMatch, from, iamPolicyJson, intBetween, isJson, lengthBetween, matches, resource, validArn, VERIFY_FILE } from "./define";
import { locate } from "./paths";
import type { ResourceRules } from "./types";
import { arnProblem } from "./validators";

const IAM_VALIDATE = "internal/service/iam/validate.go";
const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";

// validResourceName(max): 1..max characters of [\w+=,.@-]. Prefixes leave room for the
// 26-character unique suffix (id.UniqueIDSuffixLength).
const IAM_NAME = /^[\w+=,.@-]*$/;

export const iamRules: ResourceRules[] = [
    resource({
        type: "aws:iam/role:Role",
        terraformType: "aws_iam_role",
        file: "internal/service/iam/role.go",
        commit: "0040ea6911af00bea2cca6dbb14e86829826ad8e",
        olderCopy: OLDER,
        forceNew: ["name", "namePrefix", "path"],
        rules: [
            isJson("assumeRolePolicy"),
            lengthBetween("description", 0, 1000),
            doesNotMatch("description", /[“‘]/, "cannot contain specially formatted single or double quotes: [“‘]", {
                accepted: "gatevault backup role",
                refused: "the “backup” role",
            }),
            intBetween("maxSessionDuration", 3600, 43200),
            conflictsWith("name", "namePrefix"),
            from(IAM_VALIDATE, lengthBetween("name", 1, 64)),
            from(IAM_VALIDATE, matches("name", IAM_NAME, "must match [\\w+=,.@-]", { accepted: "gatevault-backup", refused: "gatevault backup" })),
            from(IAM_VALIDATE, lengthBetween("namePrefix", 1, 38)),
            lengthBetween("path", 0, 512),
            validArn("permissionsBoundary"),
            validArn("managedPolicyArns"),
        ],
    }),
    resource({
        type: "aws:iam/rolePolicy:RolePolicy",
        terraformType: "aws_iam_role_policy",
        file: "internal/service/iam/role_policy.go",
        commit: "02f97af85f89a04e8ed89f5e8b64a9a67f3cfe07",
        forceNew: ["name", "namePrefix", "role"],
        rules: [
            conflictsWith("name", "namePrefix"),
            from(IAM_VALIDATE, lengthBetween("name", 1, 128)),
            from(IAM_VALIDATE, matches("name", IAM_NAME, "must match [\\w+=,.@-]", { accepted: "invoke-authorizer", refused: "invoke authorizer" })),
            from(IAM_VALIDATE, lengthBetween("namePrefix", 1, 102)),
            from(VERIFY_FILE, iamPolicyJson("policy")),
            from(IAM_VALIDATE, lengthBetween("role", 1, 128)),
            from(
                IAM_VALIDATE,
                configValidator({
                    name: "validRolePolicyRole",
                    fields: ["role"],
                    description: "role is the role's name, not its ARN",
                    check: (inputs) =>
                        locate(inputs, "role")
                            .found.filter((f) => typeof f.value === "string" && arnProblem(f.value) === undefined && f.value !== "")
                            .map((f) => ({ path: f.path, message: `${JSON.stringify(f.value)} must be the role's name not its ARN` })),
                    examples: { accepted: { role: "gatevault-backup" }, refused: { role: "arn:aws:iam::111111111111:role/gatevault-backup" } },
                }),
            ),
        ],
    }),
    resource({
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        terraformType: "aws_iam_role_policy_attachment",
        file: "internal/service/iam/role_policy_attachment.go",
        commit: "04c79849dbe7fbe76c3054b364357bcdaade9ac5",
        olderCopy: OLDER,
        forceNew: ["role", "policyArn"],
        rules: [],
    }),
];
