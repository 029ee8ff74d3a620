// CloudFormation StackSet resources, from hashicorp/terraform-provider-aws
// internal/service/cloudformation/stack_set.go and stack_set_instance.go. Field names are
// @pulumi/aws's: Terraform's `auto_deployment` block is `autoDeployment`, `region_order` is
// `regionOrders`, and the instance's target `region` is `stackSetInstanceRegion` (`region` is
// the provider region @pulumi/aws 7 adds to every resource).
// Enum members come from the SDK's types (CallAs, PermissionModels, RegionConcurrencyType,
// ConcurrencyMode, AccountFilterType), as the AWS CloudFormation API Reference lists them
// (API_CreateStackSet.html, API_StackSetOperationPreferences.html, API_DeploymentTargets.html).

import { isUnknown, locate } from "./paths";
import { configValidator, conflictsWith, from, intBetween, itemsBetween, lengthBetween, matches, oneOf, resource, validArn, VERIFY_FILE, type RuleSpec } from "./define";
import type { Finding, ResourceRules } from "./types";

const CALL_AS = ["SELF", "DELEGATED_ADMIN"];

/** The operation preferences block, the same in both resources (`operation_preferences`). */
function operationPreferenceRules(withConcurrencyMode: boolean): RuleSpec[] {
    const p = "operationPreferences";
    return [
        conflictsWith(`${p}.failureToleranceCount`, `${p}.failureTolerancePercentage`),
        conflictsWith(`${p}.maxConcurrentCount`, `${p}.maxConcurrentPercentage`),
        intBetween(`${p}.failureToleranceCount`, 0, undefined),
        intBetween(`${p}.failureTolerancePercentage`, 0, 100),
        intBetween(`${p}.maxConcurrentCount`, 1, undefined),
        intBetween(`${p}.maxConcurrentPercentage`, 1, 100),
        oneOf(`${p}.regionConcurrencyType`, ["SEQUENTIAL", "PARALLEL"]),
        itemsBetween(`${p}.regionOrders`, 1, undefined),
        ...(withConcurrencyMode ? [oneOf(`${p}.concurrencyMode`, ["STRICT_FAILURE_TOLERANCE", "SOFT_FAILURE_TOLERANCE"])] : []),
    ];
}

/** Every element of a list of strings against a pattern (a set's `Elem` ValidateFunc). */
function eachMatches(field: string, pattern: RegExp, what: string) {
    return (inputs: Record<string, unknown>): Finding[] =>
        locate(inputs, `${field}[]`).found.flatMap((f) =>
            typeof f.value === "string" && !isUnknown(f.value) && !pattern.test(f.value) ? [{ path: f.path, message: `${f.path} must be ${what} (got "${f.value}")` }] : [],
        );
}

const OU_OR_ROOT = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;
// verify.ValidAccountID (internal/verify/validate.go): twelve digits.
const ACCOUNT_ID = /^\d{12}$/;

export const cloudFormationRules: ResourceRules[] = [
    resource({
        type: "aws:cloudformation/stackSet:StackSet",
        terraformType: "aws_cloudformation_stack_set",
        file: "internal/service/cloudformation/stack_set.go",
        commit: "01e31657e16f7079f81fb3709122005855f20ab1",
        forceNew: ["autoDeployment", "name"],
        rules: [
            validArn("administrationRoleArn"),
            conflictsWith("autoDeployment", "administrationRoleArn", "executionRoleName"),
            oneOf("callAs", CALL_AS),
            lengthBetween("description", 0, 1024),
            lengthBetween("name", 1, 128),
            matches("name", /^[A-Za-z]/, "must begin with alphabetic character", { accepted: "gatevault-backup", refused: "1-gatevault" }),
            matches("name", /^[0-9A-Za-z-]+$/, "must contain only alphanumeric and hyphen characters", { accepted: "gatevault-backup-ou-a1b2", refused: "gatevault_backup" }),
            ...operationPreferenceRules(false),
            oneOf("permissionModel", ["SERVICE_MANAGED", "SELF_MANAGED"]),
            conflictsWith("templateBody", "templateUrl"),
        ],
    }),
    resource({
        type: "aws:cloudformation/stackSetInstance:StackSetInstance",
        terraformType: "aws_cloudformation_stack_set_instance",
        file: "internal/service/cloudformation/stack_set_instance.go",
        commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
        forceNew: ["accountId", "deploymentTargets", "stackSetInstanceRegion", "stackSetName"],
        rules: [
            from(VERIFY_FILE, matches("accountId", ACCOUNT_ID, "must be a 12-digit account id", { accepted: "333333333333", refused: "33333333333" })),
            conflictsWith("accountId", "deploymentTargets"),
            oneOf("callAs", CALL_AS),
            itemsBetween("deploymentTargets.organizationalUnitIds", 1, undefined),
            configValidator({
                name: "organizational_unit_ids Elem ValidateFunc",
                fields: ["deploymentTargets.organizationalUnitIds"],
                description: "every target is an OU id (ou-...-...) or the root's id (r-...)",
                check: eachMatches("deploymentTargets.organizationalUnitIds", OU_OR_ROOT, "an OU id or a root id"),
                examples: {
                    accepted: { deploymentTargets: { organizationalUnitIds: ["ou-a1b2-workload", "r-a1b2"] } },
                    refused: { deploymentTargets: { organizationalUnitIds: ["workloads"] } },
                },
            }),
            oneOf("deploymentTargets.accountFilterType", ["NONE", "INTERSECTION", "DIFFERENCE", "UNION"]),
            itemsBetween("deploymentTargets.accounts", 1, undefined),
            from(
                VERIFY_FILE,
                configValidator({
                    name: "accounts Elem verify.ValidAccountID",
                    fields: ["deploymentTargets.accounts"],
                    description: "every account is a 12-digit account id",
                    check: eachMatches("deploymentTargets.accounts", ACCOUNT_ID, "a 12-digit account id"),
                    examples: { accepted: { deploymentTargets: { accounts: ["333333333333"] } }, refused: { deploymentTargets: { accounts: ["3333"] } } },
                }),
            ),
            matches("deploymentTargets.accountsUrl", /(s3:\/\/|http(s?):\/\/).+/, "", { accepted: "s3://bucket/accounts.csv", refused: "bucket/accounts.csv" }),
            ...operationPreferenceRules(true),
        ],
    }),
];
