// gatevault:network:ClientVpnEndpoint — an AWS Client VPN endpoint into the stack's VPC: mutual
// TLS or SAML sign-in, associated with the private subnets, authorized for the listed networks
// only, split tunnel on (only traffic for the VPC's routes goes through the VPN), its own
// security group (HTTPS to the authorized networks, DNS to its resolvers, nothing else), and
// every connection logged to CloudWatch Logs.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClientVpnConfig } from "../config/network";
import { clientVpnAuthentication, clientVpnEgressRules, type ClientVpnNetworks } from "./client-vpn-access";

export interface ClientVpnEndpointArgs {
    config: ClientVpnConfig;
    vpcId: pulumi.Input<string>;
    /** The subnets to associate (one per Availability Zone). */
    subnetIds: pulumi.Input<string[]>;
    /** How many subnets there are: associations are resources, so their number must be known before deploy. */
    subnetCount: number;
    networks: ClientVpnNetworks;
}

export class ClientVpnEndpoint extends pulumi.ComponentResource {
    readonly endpoint: aws.ec2clientvpn.Endpoint;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly id: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;

    constructor(name: string, args: ClientVpnEndpointArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("gatevault:network:ClientVpnEndpoint", name, {}, opts);
        const parent = { parent: this };
        const config = args.config;

        this.logGroup = new aws.cloudwatch.LogGroup(`${name}-connections`, { namePrefix: `/aws/clientvpn/${name}-`, retentionInDays: config.logRetentionDays }, parent);
        const logStream = new aws.cloudwatch.LogStream(`${name}-connections`, { logGroupName: this.logGroup.name, name: "connections" }, parent);

        // Without inline egress the provider removes AWS's default allow-all egress; the rules below are all there is.
        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: `Client VPN ${name}: HTTPS to authorized networks and DNS only` }, parent);
        const egress = clientVpnEgressRules(args.networks).map(
            (rule) =>
                new aws.vpc.SecurityGroupEgressRule(
                    `${name}-${rule.key}`,
                    { securityGroupId: this.securityGroup.id, ipProtocol: rule.ipProtocol, fromPort: rule.port, toPort: rule.port, cidrIpv4: rule.cidrIpv4, description: rule.description },
                    parent,
                ),
        );

        this.endpoint = new aws.ec2clientvpn.Endpoint(
            `${name}-endpoint`,
            {
                description: config.description ?? `gatevault Client VPN ${name}`,
                serverCertificateArn: config.serverCertificateArn,
                clientCidrBlock: config.clientCidrBlock,
                authenticationOptions: clientVpnAuthentication(config),
                connectionLogOptions: { enabled: true, cloudwatchLogGroup: this.logGroup.name, cloudwatchLogStream: logStream.name },
                splitTunnel: true,
                vpcId: args.vpcId,
                securityGroupIds: [this.securityGroup.id],
                dnsServers: args.networks.dnsServers,
                sessionTimeoutHours: config.sessionTimeoutHours,
                transportProtocol: config.transportProtocol,
                vpnPort: config.vpnPort,
                selfServicePortal: config.authentication.saml?.selfServiceSamlProviderArn ? "enabled" : "disabled",
            },
            { parent: this, dependsOn: egress },
        );

        const subnets = pulumi.output(args.subnetIds);
        for (let i = 0; i < args.subnetCount; i++) {
            new aws.ec2clientvpn.NetworkAssociation(`${name}-subnet-${i}`, { clientVpnEndpointId: this.endpoint.id, subnetId: subnets.apply((s) => s[i]) }, parent);
        }
        const group = config.authentication.saml?.accessGroupId;
        for (const cidr of args.networks.authorizedCidrs) {
            new aws.ec2clientvpn.AuthorizationRule(
                `${name}-allow-${cidr.replace(/[./]/g, "-")}`,
                {
                    clientVpnEndpointId: this.endpoint.id,
                    targetNetworkCidr: cidr,
                    ...(group ? { accessGroupId: group } : { authorizeAllGroups: true }),
                    description: `VPN clients to ${cidr}`,
                },
                parent,
            );
        }

        this.id = this.endpoint.id;
        this.dnsName = this.endpoint.dnsName;
        this.registerOutputs({ id: this.id, dnsName: this.dnsName, securityGroupId: this.securityGroup.id });
    }
}
