// gatevault:network:PrivateLinkService — a service behind network load balancers offered to
// other VPCs and accounts as a PrivateLink endpoint service, without API Gateway. Only the
// listed accounts (or the organization's active accounts) may connect, and by default each
// connection waits for the owner's acceptance.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EndpointServiceConfig } from "../config/network";
import { endpointServicePrincipals } from "./principals";

export interface PrivateLinkServiceArgs {
    config: EndpointServiceConfig;
    loadBalancerArns: pulumi.Input<pulumi.Input<string>[]>;
    partition: string;
    /** Reads the organization's accounts when `config.allowedPrincipals.organization` is set. */
    organizationProvider?: aws.Provider;
    /** Resources the service must wait for (the load balancer and its listener). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class PrivateLinkService extends pulumi.ComponentResource {
    readonly service: aws.ec2.VpcEndpointService;
    readonly serviceName: pulumi.Output<string>;
    readonly allowedPrincipals: pulumi.Output<string[]>;

    constructor(name: string, args: PrivateLinkServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const principals = args.config.allowedPrincipals;
        if ((principals.accountIds?.length ?? 0) === 0 && principals.organization === undefined) {
            throw new Error(`PrivateLinkService "${name}": allowedPrincipals must name accounts or the organization`);
        }
        if (principals.organization !== undefined && args.organizationProvider === undefined) {
            throw new Error(`PrivateLinkService "${name}": allowing the organization needs organizationProvider`);
        }
        super("gatevault:network:PrivateLinkService", name, {}, opts);

        const organizationAccounts = principals.organization
            ? aws.organizations.getOrganizationOutput({}, { provider: args.organizationProvider, parent: this }).accounts
            : pulumi.output([]);
        this.allowedPrincipals = organizationAccounts.apply((accounts) =>
            endpointServicePrincipals({
                partition: args.partition,
                accountIds: principals.accountIds ?? [],
                organizationAccounts: principals.organization ? accounts : undefined,
            }),
        );
        this.service = new aws.ec2.VpcEndpointService(
            `${name}-service`,
            {
                acceptanceRequired: args.config.acceptanceRequired,
                networkLoadBalancerArns: args.loadBalancerArns,
                allowedPrincipals: this.allowedPrincipals,
                privateDnsName: args.config.privateDnsName,
                supportedIpAddressTypes: ["ipv4"],
            },
            { parent: this, dependsOn: args.dependsOn },
        );
        this.serviceName = this.service.serviceName;
        this.registerOutputs({ serviceName: this.serviceName, serviceId: this.service.id, allowedPrincipals: this.allowedPrincipals });
    }
}
