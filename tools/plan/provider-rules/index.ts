// The provider-rule table: for every AWS resource type gatevault's components can register (under
// any stack config, not only the shipped stacks'), the checks the Terraform AWS provider (which
// @pulumi/aws wraps) runs before it calls AWS, and the fields that force a replacement. The offline plan's mocks refuse a registration that breaks a rule, as the
// provider's Check would during `pulumi preview`.
//
// Source: hashicorp/terraform-provider-aws internal/service/<service>/<resource>.go. @pulumi/aws
// 7.48 wraps a v6.4x provider (pulumi/pulumi-aws upgraded to v6.46.0 on 2026-05-22, PR #6392);
// every entry records the commit of the copy it was read from (or, where the index did not report
// one, how the copy was found), and `olderCopy` where that copy is
// older than v6 (the reference index held no newer one). Values AWS alone defines (enum members)
// cite the AWS API reference or @pulumi/aws 7.48's own documentation.
//
// Not modelled: provider-level checks (tags identical to default_tags), state-dependent
// CustomizeDiffs (update-only transitions), and Required arguments (@pulumi/aws's constructors
// already refuse a missing required input).

import { apiGatewayRules } from "./apigateway";
import { backupRules } from "./backup";
import { checkResource } from "./check";
import { cloudFormationRules } from "./cloudformation";
import { cognitoRules } from "./cognito";
import { configServiceRules } from "./configservice";
import { ec2Rules } from "./ec2";
import { ec2ClientVpnRules } from "./ec2clientvpn";
import { iamRules } from "./iam";
import { kmsRules } from "./kms";
import { lambdaRules } from "./lambda";
import { lbRules } from "./lb";
import { logsRules } from "./logs";
import { organizationsRules } from "./organizations";
import { s3Rules } from "./s3";
import { snsRules } from "./sns";
import type { ResourceRules, RuleViolation } from "./types";
import { wafv2Rules } from "./wafv2";

export type { ProviderRule, ResourceRules, RuleViolation } from "./types";
export { checkResource, ruleLabel } from "./check";
export { genericPath } from "./paths";

export const PROVIDER_REPOSITORY = "hashicorp/terraform-provider-aws";

export const providerRuleTable: readonly ResourceRules[] = [
    ...apiGatewayRules,
    ...backupRules,
    ...cloudFormationRules,
    ...cognitoRules,
    ...configServiceRules,
    ...ec2Rules,
    ...ec2ClientVpnRules,
    ...iamRules,
    ...kmsRules,
    ...lambdaRules,
    ...lbRules,
    ...logsRules,
    ...organizationsRules,
    ...s3Rules,
    ...snsRules,
    ...wafv2Rules,
];

/**
 * Components implemented inside a provider plugin, which gatevault constructs: the resources
 * they create are registered by the plugin, not by this program, so offline neither the mocks nor
 * this table ever see them (only the component's mocked outputs exist).
 */
export const pluginComponents: Readonly<Record<string, string>> = {
    "awsx:ec2:Vpc": "the dev stacks' demo VPC: awsx creates the VPC, subnets, route tables, gateways and EIPs from VpcArgs inside its plugin",
};

const byType = new Map(providerRuleTable.map((r) => [r.type, r]));

export function rulesFor(type: string): ResourceRules | undefined {
    return byType.get(type);
}

/** What a registration breaks; empty for types without rules. */
export function checkRegistration(type: string, inputs: Record<string, unknown>): RuleViolation[] {
    const rules = byType.get(type);
    return rules ? checkResource(rules, inputs) : [];
}

/** A registration the provider would refuse; `pulumi preview` would stop on it. */
export class ProviderRuleError extends Error {
    constructor(
        readonly urn: string,
        readonly resourceName: string,
        readonly violations: RuleViolation[],
    ) {
        super(
            [
                `the AWS provider would refuse ${violations[0].type} "${resourceName}" (${urn}):`,
                ...violations.map((v) => `  ${v.message} [${v.rule}; ${PROVIDER_REPOSITORY} ${v.file}${v.phase === "apply" ? "; checked before create" : ""}]`),
            ].join("\n"),
        );
        this.name = "ProviderRuleError";
    }
}
