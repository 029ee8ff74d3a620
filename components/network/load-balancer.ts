// gatevault:network:InternalNetworkLoadBalancer — an internal NLB in private subnets with one
// listener forwarding to one target group (instance or IP targets, health check). VPC links
// and endpoint services take its ARN.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancerConfig, targetProtocolOf } from "../config/network";
import { healthCheckArgs, targetRegistrations } from "./target-group";

export interface InternalNetworkLoadBalancerArgs {
    config: LoadBalancerConfig;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Protect the NLB from deletion (gatevault turns it on in prod unless config says otherwise). */
    deletionProtection: boolean;
}

/** AWS limits NLB and target group names to 32 characters, and Pulumi appends `-` and 7 random characters. */
const MAX_AUTONAMED_PREFIX = 32 - 8;

export class InternalNetworkLoadBalancer extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly listener: aws.lb.Listener;
    readonly arn: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;

    constructor(name: string, args: InternalNetworkLoadBalancerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const targetGroupName = `${name}-tg`;
        if (targetGroupName.length > MAX_AUTONAMED_PREFIX) {
            throw new Error(`InternalNetworkLoadBalancer name "${name}" is too long: "${targetGroupName}" plus Pulumi's suffix exceeds AWS's 32-character limit`);
        }
        super("gatevault:network:InternalNetworkLoadBalancer", name, {}, opts);
        const config = args.config;
        const parent = { parent: this };

        this.loadBalancer = new aws.lb.LoadBalancer(
            name,
            {
                loadBalancerType: "network",
                internal: true,
                subnets: args.subnetIds,
                enableCrossZoneLoadBalancing: config.crossZone,
                enableDeletionProtection: args.deletionProtection,
            },
            parent,
        );
        this.targetGroup = new aws.lb.TargetGroup(
            targetGroupName,
            {
                vpcId: args.vpcId,
                targetType: config.targetGroup.targetType,
                port: config.targetGroup.port,
                protocol: targetProtocolOf(config),
                deregistrationDelay: config.targetGroup.deregistrationDelaySeconds,
                healthCheck: healthCheckArgs(config.targetGroup.healthCheck),
            },
            parent,
        );
        for (const target of targetRegistrations(config)) {
            new aws.lb.TargetGroupAttachment(
                `${name}-target-${target.key}`,
                { targetGroupArn: this.targetGroup.arn, targetId: target.targetId, port: target.port, availabilityZone: target.availabilityZone },
                parent,
            );
        }
        const tls = config.listener.protocol === "TLS";
        this.listener = new aws.lb.Listener(
            `${name}-listener`,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port: config.listener.port,
                protocol: config.listener.protocol,
                certificateArn: tls ? config.listener.certificateArn : undefined,
                sslPolicy: tls ? (config.listener.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06") : undefined,
                defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
            },
            parent,
        );

        this.arn = this.loadBalancer.arn;
        this.dnsName = this.loadBalancer.dnsName;
        this.registerOutputs({ arn: this.arn, dnsName: this.dnsName, targetGroupArn: this.targetGroup.arn });
    }
}
