// EC2/VPC resources, from hashicorp/terraform-provider-aws internal/service/ec2/*.go.
// `aws_vpc_security_group_ingress_rule` is `aws:vpc/securityGroupIngressRule` in @pulumi/aws, and
// the egress rule `aws:vpc/securityGroupEgressRule`. The Client VPN resources, also in
// internal/service/ec2, are in ec2clientvpn.ts.

import { conflictsWith, doesNotMatch, exactlyOneOf, from, iamPolicyJson, intBetween, itemsBetween, lengthBetween, oneOf, resource, validArn, validatedBy } from "./define";
import type { ResourceRules } from "./types";
import { ipv4CidrProblem } from "./validators";

const SECURITY_GROUP_RULE_FILE = "internal/service/ec2/vpc_security_group_ingress_rule.go";

// The ingress and egress rule resources share one schema and its ConfigValidators
// (`resourceSecurityGroupRule`, defined beside the ingress rule); the egress file only changes
// the API calls.
const securityGroupRuleRules = [
    // ConfigValidators: resourcevalidator.ExactlyOneOf over the four source/destination arguments.
    exactlyOneOf("cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"),
    intBetween("fromPort", -1, 65535),
    intBetween("toPort", -1, 65535),
    validatedBy("IPv4CIDRNetworkAddress", "cidrIpv4", ipv4CidrProblem, { accepted: "10.0.0.0/16", refused: "10.0.0.1/16" }),
];

export const ec2Rules: ResourceRules[] = [
    resource({
        type: "aws:ec2/securityGroup:SecurityGroup",
        terraformType: "aws_security_group",
        file: "internal/service/ec2/vpc_security_group.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: ["description", "name", "namePrefix", "vpcId"],
        rules: [
            lengthBetween("description", 0, 255),
            conflictsWith("name", "namePrefix"),
            lengthBetween("name", 0, 255),
            doesNotMatch("name", /^sg-/, "cannot begin with sg-", { accepted: "execute-api-endpoint", refused: "sg-endpoint" }),
            lengthBetween("namePrefix", 0, 229),
            doesNotMatch("namePrefix", /^sg-/, "cannot begin with sg-", { accepted: "endpoint-", refused: "sg-endpoint-" }),
        ],
    }),
    resource({
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        terraformType: "aws_vpc_security_group_ingress_rule",
        file: "internal/service/ec2/vpc_security_group_ingress_rule.go",
        commit: "00a322094b4b9ade8a81b244345dbcf4b52ee8d6",
        olderCopy: "first framework copy (the newest the index holds)",
        forceNew: ["securityGroupId"],
        rules: securityGroupRuleRules,
    }),
    resource({
        type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        terraformType: "aws_vpc_security_group_egress_rule",
        file: "internal/service/ec2/vpc_security_group_egress_rule.go",
        commit: "050ac11163cab8cdae5936a7f40b0e528ff780df",
        olderCopy: "aws-sdk-go v1 era framework copy (the newest the index holds)",
        forceNew: ["securityGroupId"],
        rules: securityGroupRuleRules.map((rule) => from(SECURITY_GROUP_RULE_FILE, rule)),
    }),
    resource({
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        terraformType: "aws_vpc_endpoint",
        file: "internal/service/ec2/vpc_endpoint.go",
        commit: "008db85aad5e56627b1eecab8830464a282552ed",
        forceNew: [
            "resourceConfigurationArn",
            "serviceName",
            "serviceNetworkArn",
            "serviceRegion",
            "vpcEndpointType",
            "vpcId",
            "dnsOptions.privateDnsPreference",
            "dnsOptions.privateDnsSpecifiedDomains",
        ],
        rules: [
            conflictsWith("resourceConfigurationArn", "serviceName", "serviceNetworkArn"),
            conflictsWith("serviceName", "resourceConfigurationArn", "serviceNetworkArn"),
            conflictsWith("serviceNetworkArn", "serviceName", "resourceConfigurationArn"),
            validArn("resourceConfigurationArn"),
            validArn("serviceNetworkArn"),
            iamPolicyJson("policy"),
            oneOf("dnsOptions.privateDnsPreference", ["ALL_DOMAINS", "VERIFIED_DOMAINS_ONLY", "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS", "SPECIFIED_DOMAINS_ONLY"]),
            itemsBetween("dnsOptions.privateDnsSpecifiedDomains", 1, 10),
            // SDK enums VpcEndpointType and IpAddressType (EC2 API reference, CreateVpcEndpoint).
            oneOf("vpcEndpointType", ["Interface", "Gateway", "GatewayLoadBalancer", "Resource", "ServiceNetwork"]),
            oneOf("ipAddressType", ["ipv4", "dualstack", "ipv6"]),
        ],
    }),
    resource({
        type: "aws:ec2/vpcEndpointService:VpcEndpointService",
        terraformType: "aws_vpc_endpoint_service",
        file: "internal/service/ec2/vpc_endpoint_service.go",
        commit: "01606926a0c0ab9174aec440f976a48b0baee722",
        forceNew: [],
        rules: [
            itemsBetween("gatewayLoadBalancerArns", 1, undefined),
            validArn("gatewayLoadBalancerArns"),
            itemsBetween("networkLoadBalancerArns", 1, undefined),
            validArn("networkLoadBalancerArns"),
            // SDK enum ServiceConnectivityType.
            oneOf("supportedIpAddressTypes", ["ipv4", "ipv6"]),
        ],
    }),
];
