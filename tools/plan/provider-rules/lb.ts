// Elastic Load Balancing v2 resources, from hashicorp/terraform-provider-aws internal/service/elbv2/*.go.
// @pulumi/aws calls `default_action` `defaultActions` and `subnet_mapping` `subnetMappings`.

import { configValidator, conflictsWith, exactlyOneOf, intBetween, itemsBetween, lengthBetween, matches, oneOf, resource, validArn } from "./define";
import { isUnknown, presenceAt } from "./paths";
import type { Finding, ResourceRules } from "./types";

const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";

// ProtocolEnum, as @pulumi/aws 7.48 documents the target group's and listener's `protocol`.
const PROTOCOLS = ["GENEVE", "HTTP", "HTTPS", "TCP", "TCP_UDP", "TLS", "UDP", "QUIC", "TCP_QUIC"];

/** target_group.go customizeDiffTargetGroupTargetType{,Not}Lambda. */
function targetTypeRequirements(inputs: Record<string, unknown>): Finding[] {
    const targetType = inputs.targetType ?? "instance";
    if (isUnknown(targetType)) return [];
    if (targetType === "lambda") {
        const health = inputs.healthCheck as Record<string, unknown> | undefined;
        return health && typeof health === "object" && health.protocol === "TCP"
            ? [{ path: "healthCheck.protocol", message: 'Attribute "health_check[0].protocol" cannot have value "TCP" when "target_type" is "lambda".' }]
            : [];
    }
    return ["port", "protocol", "vpcId"]
        .filter((field) => presenceAt(inputs, field) === "absent")
        .map((field) => ({ path: field, message: `must be specified when "target_type" is "${String(targetType)}"` }));
}

/** slow_start: validation.Any(IntBetween(0, 0), IntBetween(30, 900)). */
function slowStart(inputs: Record<string, unknown>): Finding[] {
    const v = inputs.slowStart;
    return typeof v === "number" && v !== 0 && (v < 30 || v > 900) ? [{ path: "slowStart", message: `${v} is neither 0 nor within 30..900` }] : [];
}

export const lbRules: ResourceRules[] = [
    resource({
        type: "aws:lb/loadBalancer:LoadBalancer",
        terraformType: "aws_lb",
        file: "internal/service/elbv2/load_balancer.go",
        commit: "00edc94be7a89c4c485415cdec27094875f61bfc",
        forceNew: ["customerOwnedIpv4Pool", "internal", "loadBalancerType", "name", "namePrefix"],
        rules: [
            exactlyOneOf("subnetMappings", "subnets"),
            conflictsWith("name", "namePrefix"),
            // SDK enums LoadBalancerTypeEnum and IpAddressType.
            oneOf("loadBalancerType", ["application", "gateway", "network"]),
            oneOf("ipAddressType", ["ipv4", "dualstack", "dualstack-without-public-ipv4"]),
        ],
    }),
    resource({
        type: "aws:lb/targetGroup:TargetGroup",
        terraformType: "aws_lb_target_group",
        file: "internal/service/elbv2/target_group.go",
        commit: "013cfb4cddc9c44a28f34abad0c11768bcdb9b85",
        forceNew: ["ipAddressType", "name", "namePrefix", "port", "protocol", "protocolVersion", "targetType", "vpcId"],
        rules: [
            intBetween("deregistrationDelay", 0, 3600),
            intBetween("healthCheck.healthyThreshold", 2, 10),
            intBetween("healthCheck.interval", 5, 300),
            lengthBetween("healthCheck.path", 1, 1024),
            matches("healthCheck.path", /^\//, 'must start with "/"', { accepted: "/health", refused: "health" }),
            oneOf("healthCheck.protocol", ["HTTP", "HTTPS", "TCP"], { ignoreCase: true }),
            intBetween("healthCheck.timeout", 2, 120),
            intBetween("healthCheck.unhealthyThreshold", 2, 10),
            conflictsWith("name", "namePrefix"),
            intBetween("port", 1, 65535),
            oneOf("protocol", PROTOCOLS),
            oneOf("targetType", ["instance", "ip", "lambda", "alb"]),
            intBetween("stickiness.cookieDuration", 0, 604800),
            configValidator({
                name: "validation.Any(IntBetween(0, 0), IntBetween(30, 900))",
                fields: ["slowStart"],
                description: "slow start is off (0) or 30..900 seconds",
                check: slowStart,
                examples: { accepted: { slowStart: 30 }, refused: { slowStart: 10 } },
            }),
            configValidator({
                name: "customizeDiffTargetGroupTargetType{Lambda,NotLambda}",
                fields: ["targetType", "port", "protocol", "vpcId", "healthCheck.protocol"],
                description: "instance, ip and alb targets need port, protocol and vpcId; lambda targets cannot health-check over TCP",
                check: targetTypeRequirements,
                examples: { accepted: { targetType: "ip", port: 443, protocol: "TCP", vpcId: "vpc-1" }, refused: { targetType: "ip", port: 443, protocol: "TCP" } },
            }),
        ],
    }),
    resource({
        type: "aws:lb/listener:Listener",
        terraformType: "aws_lb_listener",
        file: "internal/service/elbv2/listener.go",
        commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
        olderCopy: OLDER,
        forceNew: ["loadBalancerArn"],
        rules: [
            oneOf("alpnPolicy", ["HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred", "None"], { ignoreCase: true }),
            validArn("certificateArn"),
            oneOf("defaultActions[].type", ["forward", "authenticate-oidc", "authenticate-cognito", "redirect", "fixed-response"], { ignoreCase: true }),
            validArn("defaultActions[].targetGroupArn"),
            intBetween("defaultActions[].order", 1, 50000),
            itemsBetween("defaultActions[].forward.targetGroups", 1, 5),
            validArn("loadBalancerArn"),
            intBetween("port", 1, 65535),
            oneOf("protocol", PROTOCOLS, { ignoreCase: true }),
        ],
    }),
    resource({
        type: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
        terraformType: "aws_lb_target_group_attachment",
        file: "internal/service/elbv2/target_group_attachment.go",
        commit: "07e0d0b940f57c782f8fcc9ccfd8b19f59383b51",
        forceNew: ["availabilityZone", "targetGroupArn", "targetId", "port"],
        rules: [],
    }),
];
