// gatevault:network:PrivateNetwork — everything gatevault:network describes: the VPC (existing,
// or awsx's demo VPC in dev), internal NLBs, API Gateway VPC links to them, execute-api
// endpoints for PRIVATE APIs, PrivateLink endpoint services, and a Client VPN endpoint. `apiTargets` plugs the links
// and endpoints into createApiEndpoints by name.

import * as aws from "../shared/aws";
import type * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError } from "../config";
import type { NetworkConfig } from "../config/network";
import type { IdTarget } from "../api/targets";
import { partitionOf } from "./aws-names";
import { demoVpcArgs } from "./demo-vpc";
import { PrivateLinkService } from "./endpoint-service";
import { ClientVpnEndpoint } from "./client-vpn";
import { clientVpnNetworks } from "./client-vpn-access";
import { HTTPS_PORT } from "./endpoint-access";
import { ExecuteApiEndpoint } from "./execute-api-endpoint";
import { InternalNetworkLoadBalancer } from "./load-balancer";
import { networkRegionProblems } from "./placement";

/** What the network needs from the program's providers (a ProviderSet fits). */
export interface NetworkProviders {
    main: aws.Provider;
    get(target: { assumeRoleArn?: string }): aws.Provider;
}

export interface PrivateNetworkArgs {
    config: NetworkConfig;
    environment: string;
    accountId: string;
    region: string;
    providers: NetworkProviders;
}

/** An execute-api endpoint as APIs and outputs see it, created or existing. */
export interface ExecuteApiEndpointRef {
    id: pulumi.Input<string>;
    dnsName: pulumi.Output<string>;
    /** The created endpoint; absent for an existing one. */
    resource?: ExecuteApiEndpoint;
}

interface NetworkVpc {
    vpcId: pulumi.Output<string>;
    privateSubnetIds: pulumi.Output<string[]>;
}

export class PrivateNetwork extends pulumi.ComponentResource {
    readonly demoVpc?: awsx.ec2.Vpc;
    readonly vpc?: NetworkVpc;
    readonly loadBalancers: Record<string, InternalNetworkLoadBalancer> = {};
    readonly vpcLinks: Record<string, aws.apigateway.VpcLink> = {};
    readonly executeApiEndpoints: Record<string, ExecuteApiEndpointRef> = {};
    readonly endpointServices: Record<string, PrivateLinkService> = {};
    readonly clientVpn?: ClientVpnEndpoint;
    /** For createApiEndpoints: links and endpoints by name (the deployment waits for created ones). */
    readonly apiTargets: { vpcLinks: Record<string, IdTarget>; vpcEndpoints: Record<string, IdTarget> };

    constructor(name: string, args: PrivateNetworkArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const problems = networkRegionProblems(args.config, args.region);
        if (problems.length > 0) {
            throw new ConfigValidationError(problems);
        }
        super("gatevault:network:PrivateNetwork", name, {}, opts);
        const config = args.config;
        const parent = { parent: this };

        if (config.vpc?.demo) {
            // Loaded here, not at the top: @pulumi/awsx costs about 0.2 s to load, and only a demo
            // VPC (dev stacks) uses it.
            const { ec2 } = require("@pulumi/awsx") as typeof awsx;
            // A component inside the awsx plugin: it gets the provider explicitly, since the
            // stack disables default providers and the plugin does not see this parent's.
            this.demoVpc = new ec2.Vpc(`${name}-vpc`, demoVpcArgs(config.vpc.demo), { parent: this, providers: { aws: args.providers.main } });
            this.vpc = { vpcId: this.demoVpc.vpcId, privateSubnetIds: this.demoVpc.privateSubnetIds };
        } else if (config.vpc?.id) {
            this.vpc = { vpcId: pulumi.output(config.vpc.id), privateSubnetIds: pulumi.output(config.vpc.privateSubnetIds ?? []) };
        }
        const placement = (subnetIds?: string[]) => ({ vpcId: this.vpc!.vpcId, subnetIds: subnetIds ?? this.vpc!.privateSubnetIds });

        for (const [lbName, lb] of Object.entries(config.loadBalancers)) {
            this.loadBalancers[lbName] = new InternalNetworkLoadBalancer(
                `${name}-${lbName}`,
                { config: lb, ...placement(lb.subnetIds), deletionProtection: lb.deletionProtection ?? args.environment === "prod" },
                parent,
            );
        }

        for (const [linkName, link] of Object.entries(config.vpcLinks)) {
            const created = link.loadBalancer ? this.loadBalancers[link.loadBalancer] : undefined;
            this.vpcLinks[linkName] = new aws.apigateway.VpcLink(
                `${name}-link-${linkName}`,
                { name: linkName, description: link.description ?? `gatevault VPC link ${linkName}`, targetArn: created ? created.arn : link.loadBalancerArn! },
                // The link is only useful once the load balancer listens.
                { parent: this, dependsOn: created ? [created] : [] },
            );
        }

        for (const [epName, ep] of Object.entries(config.executeApiEndpoints)) {
            if (ep.existingEndpointId) {
                const existing = aws.ec2.getVpcEndpointOutput({ id: ep.existingEndpointId }, parent);
                this.executeApiEndpoints[epName] = { id: ep.existingEndpointId, dnsName: existing.dnsEntries.apply((e) => e[0]?.dnsName ?? "") };
            } else {
                const endpoint = new ExecuteApiEndpoint(
                    `${name}-${epName}`,
                    { config: ep, ...placement(ep.subnetIds), region: args.region, accountId: args.accountId },
                    parent,
                );
                this.executeApiEndpoints[epName] = { id: endpoint.id, dnsName: endpoint.dnsName, resource: endpoint };
            }
        }

        for (const [svcName, svc] of Object.entries(config.endpointServices)) {
            const created = svc.loadBalancer ? this.loadBalancers[svc.loadBalancer] : undefined;
            const lookupRole = svc.allowedPrincipals.organization?.lookupRoleArn;
            this.endpointServices[svcName] = new PrivateLinkService(
                `${name}-service-${svcName}`,
                {
                    config: svc,
                    loadBalancerArns: created ? [created.arn] : svc.loadBalancerArns!,
                    partition: partitionOf(args.region),
                    organizationProvider: svc.allowedPrincipals.organization
                        ? lookupRole
                            ? args.providers.get({ assumeRoleArn: lookupRole })
                            : args.providers.main
                        : undefined,
                    dependsOn: created ? [created] : [],
                },
                parent,
            );
        }

        if (config.clientVpn) {
            this.clientVpn = this.createClientVpn(name, config);
        }

        this.apiTargets = {
            vpcLinks: { ...this.vpcLinks },
            vpcEndpoints: Object.fromEntries(Object.entries(this.executeApiEndpoints).map(([n, ep]) => [n, ep.resource?.endpoint ?? { id: ep.id }])),
        };
        this.registerOutputs(this.outputs);
    }

    /**
     * The Client VPN endpoint in the VPC, and HTTPS from its security group into the listed
     * execute-api endpoints, so that people on the VPN can call PRIVATE APIs.
     */
    private createClientVpn(name: string, config: NetworkConfig): ClientVpnEndpoint {
        const vpn = config.clientVpn!;
        const demo = config.vpc?.demo;
        const subnetCount = vpn.subnetIds?.length ?? (demo ? demo.availabilityZones : (config.vpc?.privateSubnetIds?.length ?? 0));
        const endpoint = new ClientVpnEndpoint(
            `${name}-vpn`,
            {
                config: vpn,
                vpcId: this.vpc!.vpcId,
                subnetIds: vpn.subnetIds ?? this.vpc!.privateSubnetIds,
                subnetCount,
                networks: clientVpnNetworks(vpn, demo?.cidrBlock),
            },
            { parent: this },
        );
        for (const endpointName of vpn.executeApiEndpoints) {
            const target = this.executeApiEndpoints[endpointName].resource!;
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-${endpointName}-https-from-vpn`,
                {
                    securityGroupId: target.securityGroup.id,
                    ipProtocol: "tcp",
                    fromPort: HTTPS_PORT,
                    toPort: HTTPS_PORT,
                    referencedSecurityGroupId: endpoint.securityGroup.id,
                    description: `HTTPS to execute-api from Client VPN ${name}-vpn`,
                },
                { parent: this },
            );
        }
        return endpoint;
    }

    /** Stack output: ids and names operators and consumers need. */
    get outputs(): Record<string, unknown> {
        const map = <T, U>(items: Record<string, T>, fn: (item: T) => U) => Object.fromEntries(Object.entries(items).map(([k, v]) => [k, fn(v)]));
        return {
            ...(this.vpc ? { vpcId: this.vpc.vpcId, privateSubnetIds: this.vpc.privateSubnetIds } : {}),
            loadBalancers: map(this.loadBalancers, (lb) => ({ arn: lb.arn, dnsName: lb.dnsName })),
            vpcLinks: map(this.vpcLinks, (link) => link.id),
            executeApiEndpoints: map(this.executeApiEndpoints, (ep) => ({ id: ep.id, dnsName: ep.dnsName })),
            endpointServices: map(this.endpointServices, (svc) => ({ serviceName: svc.serviceName, serviceId: svc.service.id, allowedPrincipals: svc.allowedPrincipals })),
            ...(this.clientVpn
                ? { clientVpn: { endpointId: this.clientVpn.id, dnsName: this.clientVpn.dnsName, securityGroupId: this.clientVpn.securityGroup.id } }
                : {}),
        };
    }
}
