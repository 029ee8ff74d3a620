// API Gateway (REST) resources, from hashicorp/terraform-provider-aws internal/service/apigateway/*.go.
// @pulumi/aws renames `rest_api_id` (and the base path mapping's `api_id`) to `restApi`, the
// stage's `deployment_id` to `deployment`, and flattens single-item lists (`endpoint_configuration.types`,
// `target_arns`) to single values.

import {
    atApply,
    atLeastOneOf,
    conflictsWith,
    configValidator,
    from,
    iamPolicyJson,
    intBetween,
    itemsBetween,
    lengthBetween,
    oneOf,
    resource,
    validArn,
} from "./define";
import { isUnknown } from "./paths";
import type { Finding, ResourceRules } from "./types";

const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";

// Certificate arguments of aws_api_gateway_domain_name, each with its ConflictsWith list.
const certificateConflicts: [string, string[]][] = [
    ["certificateArn", ["certificateBody", "certificateChain", "certificateName", "certificatePrivateKey", "regionalCertificateArn", "regionalCertificateName"]],
    ["certificateBody", ["certificateArn", "regionalCertificateArn"]],
    ["certificateChain", ["certificateArn", "regionalCertificateArn"]],
    ["certificateName", ["certificateArn", "regionalCertificateArn", "regionalCertificateName"]],
    ["certificatePrivateKey", ["certificateArn", "regionalCertificateArn"]],
    ["regionalCertificateArn", ["certificateArn", "certificateBody", "certificateChain", "certificateName", "certificatePrivateKey", "regionalCertificateName"]],
    ["regionalCertificateName", ["certificateArn", "certificateName", "regionalCertificateArn"]],
];

/** rest_api.go `endpointConfigurationPlantimeValidate` (CustomizeDiff). */
function privateNeedsDualstack(inputs: Record<string, unknown>): Finding[] {
    const config = inputs.endpointConfiguration as Record<string, unknown> | undefined;
    if (!config || isUnknown(config)) return [];
    if (config.types === "PRIVATE" && config.ipAddressType === "ipv4") {
        return [{ path: "endpointConfiguration.ipAddressType", message: 'endpoint_configuration type "PRIVATE" requires ip_address_type "dualstack"' }];
    }
    return [];
}

/** validate.go `validUsagePlanQuotaSettings`, called by Create and Update before the AWS call. */
function quotaOffset(inputs: Record<string, unknown>): Finding[] {
    const quota = inputs.quotaSettings as Record<string, unknown> | undefined;
    if (!quota || isUnknown(quota) || isUnknown(quota.period) || isUnknown(quota.offset)) return [];
    const offset = typeof quota.offset === "number" ? quota.offset : 0;
    const path = "quotaSettings.offset";
    if (quota.period === "DAY" && offset !== 0) return [{ path, message: "Usage Plan quota offset must be zero in the DAY period" }];
    if (quota.period === "WEEK" && (offset < 0 || offset > 6)) return [{ path, message: "Usage Plan quota offset must be between 0 and 6 inclusive in the WEEK period" }];
    if (quota.period === "MONTH" && (offset < 0 || offset > 27)) return [{ path, message: "Usage Plan quota offset must be between 0 and 27 inclusive in the MONTH period" }];
    return [];
}

export const apiGatewayRules: ResourceRules[] = [
    resource({
        type: "aws:apigateway/restApi:RestApi",
        terraformType: "aws_api_gateway_rest_api",
        file: "internal/service/apigateway/rest_api.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        // Nothing in aws_api_gateway_rest_api is ForceNew: a new body is a PutRestApi on the same API.
        forceNew: [],
        rules: [
            // SDK enums ApiKeySourceType, EndpointType, IpAddressType, PutMode (API Gateway API reference).
            oneOf("apiKeySource", ["HEADER", "AUTHORIZER"]),
            oneOf("endpointConfiguration.types", ["EDGE", "REGIONAL", "PRIVATE"]),
            oneOf("endpointConfiguration.ipAddressType", ["ipv4", "dualstack"]),
            itemsBetween("endpointConfiguration.vpcEndpointIds", 1, undefined),
            intBetween("minimumCompressionSize", -1, 10485760),
            iamPolicyJson("policy"),
            oneOf("putRestApiMode", ["merge", "overwrite"]),
            configValidator({
                name: "endpointConfigurationPlantimeValidate",
                fields: ["endpointConfiguration.types", "endpointConfiguration.ipAddressType"],
                description: "a PRIVATE endpoint cannot have ip_address_type ipv4",
                check: privateNeedsDualstack,
                examples: {
                    accepted: { endpointConfiguration: { types: "PRIVATE", ipAddressType: "dualstack" } },
                    refused: { endpointConfiguration: { types: "PRIVATE", ipAddressType: "ipv4" } },
                },
            }),
        ],
    }),
    resource({
        type: "aws:apigateway/deployment:Deployment",
        terraformType: "aws_api_gateway_deployment",
        file: "internal/service/apigateway/deployment.go",
        commit: "00a35305dc1b297a6fcdecdfbba33f1e63c3da39",
        forceNew: ["restApi", "triggers", "variables"],
        rules: [],
    }),
    resource({
        type: "aws:apigateway/stage:Stage",
        terraformType: "aws_api_gateway_stage",
        file: "internal/service/apigateway/stage.go",
        commit: "050ac11163cab8cdae5936a7f40b0e528ff780df",
        olderCopy: OLDER,
        forceNew: ["restApi", "stageName"],
        rules: [
            validArn("accessLogSettings.destinationArn"),
            // apigateway.CacheClusterSize_Values(), compared ignoring case.
            oneOf("cacheClusterSize", ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"], { ignoreCase: true }),
        ],
    }),
    resource({
        type: "aws:apigateway/methodSettings:MethodSettings",
        terraformType: "aws_api_gateway_method_settings",
        file: "internal/service/apigateway/method_settings.go",
        commit: "1037711a99b6edb1a97fc6c5c1aa6644f010c4b8",
        olderCopy: OLDER,
        forceNew: ["restApi", "stageName", "methodPath"],
        rules: [
            oneOf("settings.loggingLevel", ["OFF", "ERROR", "INFO"]),
            oneOf("settings.unauthorizedCacheControlHeaderStrategy", ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"]),
        ],
    }),
    resource({
        type: "aws:apigateway/usagePlan:UsagePlan",
        terraformType: "aws_api_gateway_usage_plan",
        file: "internal/service/apigateway/usage_plan.go",
        commit: "003a12aee98f134183788f541f03261bda4aa756",
        olderCopy: OLDER,
        forceNew: [],
        rules: [
            oneOf("quotaSettings.period", ["DAY", "WEEK", "MONTH"]),
            atLeastOneOf("throttleSettings.burstLimit", "throttleSettings.rateLimit"),
            from(
                "internal/service/apigateway/validate.go",
                atApply(
                    configValidator({
                        name: "validUsagePlanQuotaSettings",
                        fields: ["quotaSettings.period", "quotaSettings.offset"],
                        description: "the quota offset must be 0 for DAY, 0..6 for WEEK, 0..27 for MONTH",
                        check: quotaOffset,
                        examples: {
                            accepted: { quotaSettings: { limit: 1000, offset: 6, period: "WEEK" } },
                            refused: { quotaSettings: { limit: 1000, offset: 1, period: "DAY" } },
                        },
                    }),
                ),
            ),
        ],
    }),
    resource({
        type: "aws:apigateway/usagePlanKey:UsagePlanKey",
        terraformType: "aws_api_gateway_usage_plan_key",
        file: "internal/service/apigateway/usage_plan_key.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: ["keyId", "keyType", "usagePlanId"],
        rules: [],
    }),
    resource({
        type: "aws:apigateway/apiKey:ApiKey",
        terraformType: "aws_api_gateway_api_key",
        file: "internal/service/apigateway/api_key.go",
        commit: "050ac11163cab8cdae5936a7f40b0e528ff780df",
        olderCopy: OLDER,
        forceNew: ["name", "value"],
        rules: [lengthBetween("value", 20, 128)],
    }),
    resource({
        type: "aws:apigateway/vpcLink:VpcLink",
        terraformType: "aws_api_gateway_vpc_link",
        file: "internal/service/apigateway/vpc_link.go",
        commit: "05cf0909ed60ffdaa70cb1a770aeeb78a5e9f97d",
        olderCopy: OLDER,
        // `target_arns` (MaxItems 1, ForceNew) is `targetArn` in @pulumi/aws.
        forceNew: ["targetArn"],
        rules: [],
    }),
    resource({
        type: "aws:apigateway/domainName:DomainName",
        terraformType: "aws_api_gateway_domain_name",
        file: "internal/service/apigateway/domain_name.go",
        commit: "00081ce41cc691433ac19bf42227cdabffd0454d",
        forceNew: ["domainName", "certificateBody", "certificateChain", "certificatePrivateKey"],
        rules: [
            ...certificateConflicts.map(([field, others]) => conflictsWith(field, ...others)),
            // This copy lists EDGE and REGIONAL; private custom domain names (AWS, November 2024) added
            // PRIVATE, which newer copies accept, so PRIVATE is allowed here to refuse nothing AWS accepts.
            oneOf("endpointConfiguration.types", ["EDGE", "REGIONAL", "PRIVATE"]),
            validArn("ownershipVerificationCertificateArn"),
        ],
    }),
    resource({
        type: "aws:apigateway/basePathMapping:BasePathMapping",
        terraformType: "aws_api_gateway_base_path_mapping",
        file: "internal/service/apigateway/base_path_mapping.go",
        commit: "0657871b7b47a26226bc031abac2e998ead1b088",
        forceNew: ["domainName"],
        rules: [],
    }),
    resource({
        type: "aws:apigateway/account:Account",
        terraformType: "aws_api_gateway_account",
        file: "internal/service/apigateway/account.go",
        commit: "184cd1ad3c7b2185df644212ded9cd0be2521594",
        olderCopy: OLDER,
        forceNew: [],
        rules: [],
    }),
];
