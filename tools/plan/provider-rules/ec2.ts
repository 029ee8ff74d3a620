// EC2/VPC resources, from hashicorp/terraform-provider-aws internal/service/ec2/*.go.
// `aws_vpc_security_group_ingress_rule` is `aws:vpc/securityGroupIngressRule` in @pulumi/aws.

import { conflictsWith, configValidator, doesNotMatch, exactlyOneOf, iamPolicyJson, intBetween, itemsBetween, lengthBetween, oneOf, resource, validArn } from "./define";
import { locate } from "./paths";
import type { Finding, ResourceRules } from "./types";

/**
 * fwvalidators.IPv4CIDRNetworkAddress / verify.ValidateIPv4CIDRBlock: parses as a CIDR, is IPv4,
 * and is the network address of its block (10.0.0.1/8 is refused: "did you mean 10.0.0.0/8?").
 */
export function ipv4CidrProblem(cidr: string): string | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    const octets = m ? m.slice(1, 5).map(Number) : [];
    const bits = m ? Number(m[5]) : NaN;
    if (!m || octets.some((o) => o > 255) || bits > 32) return `"${cidr}" is not a valid IPv4 CIDR block`;
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - bits);
    const network = Math.floor(address / size) * size;
    if (network !== address) {
        const n = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
        return `"${cidr}" is not a valid IPv4 CIDR block; did you mean "${n}/${bits}"?`;
    }
    return undefined;
}

function cidrIpv4(inputs: Record<string, unknown>): Finding[] {
    return locate(inputs, "cidrIpv4")
        .found.filter((f) => typeof f.value === "string")
        .flatMap((f) => {
            const problem = ipv4CidrProblem(f.value as string);
            return problem ? [{ path: f.path, message: problem }] : [];
        });
}

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
        rules: [
            // ConfigValidators: resourcevalidator.ExactlyOneOf over the four source arguments.
            exactlyOneOf("cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"),
            intBetween("fromPort", -1, 65535),
            intBetween("toPort", -1, 65535),
            configValidator({
                name: "IPv4CIDRNetworkAddress",
                fields: ["cidrIpv4"],
                description: "cidr_ipv4 is an IPv4 network address",
                check: cidrIpv4,
                examples: { accepted: { cidrIpv4: "10.0.0.0/16" }, refused: { cidrIpv4: "10.0.0.1/16" } },
            }),
        ],
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
