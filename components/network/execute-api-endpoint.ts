// gatevault:network:ExecuteApiEndpoint — the interface VPC endpoint PRIVATE APIs are called
// through: its own security group (443 from the listed networks only, no egress: an
// endpoint answers, it never initiates), private DNS, and an endpoint policy that reaches
// only the listed accounts' APIs.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ExecuteApiEndpointConfig } from "../config/network";
import { executeApiServiceName, partitionOf } from "./aws-names";
import { endpointIngressRules, executeApiEndpointPolicy, HTTPS_PORT } from "./endpoint-access";

export interface ExecuteApiEndpointArgs {
    config: ExecuteApiEndpointConfig;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    region: string;
    /** The stack's account: its APIs are reachable unless `config.invokableAccountIds` says otherwise. */
    accountId: string;
}

export class ExecuteApiEndpoint extends pulumi.ComponentResource {
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly endpoint: aws.ec2.VpcEndpoint;
    readonly id: pulumi.Output<string>;
    /** The endpoint's regional DNS name, for the x-apigw-api-id form of a private API's URL. */
    readonly dnsName: pulumi.Output<string>;

    constructor(name: string, args: ExecuteApiEndpointArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const rules = endpointIngressRules(args.config);
        if (rules.length === 0) {
            // The schema requires sources; a programmatic caller gets the same guarantee.
            throw new Error(`ExecuteApiEndpoint "${name}": allowedCidrs or allowedSecurityGroupIds must list at least one source`);
        }
        super("gatevault:network:ExecuteApiEndpoint", name, {}, opts);
        const parent = { parent: this };

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            // Without egress rules the provider removes AWS's default allow-all egress.
            { vpcId: args.vpcId, description: `execute-api endpoint ${name}: HTTPS from listed sources only` },
            parent,
        );
        const ingress = rules.map(
            (rule) =>
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-https-${rule.key}`,
                    {
                        securityGroupId: this.securityGroup.id,
                        ipProtocol: "tcp",
                        fromPort: HTTPS_PORT,
                        toPort: HTTPS_PORT,
                        cidrIpv4: rule.cidrIpv4,
                        referencedSecurityGroupId: rule.referencedSecurityGroupId,
                        description: rule.description,
                    },
                    parent,
                ),
        );
        const policy = executeApiEndpointPolicy({
            partition: partitionOf(args.region),
            region: args.region,
            accountIds: args.config.invokableAccountIds ?? [args.accountId],
        });
        this.endpoint = new aws.ec2.VpcEndpoint(
            `${name}-vpce`,
            {
                vpcId: args.vpcId,
                serviceName: executeApiServiceName(args.region),
                vpcEndpointType: "Interface",
                subnetIds: args.subnetIds,
                securityGroupIds: [this.securityGroup.id],
                privateDnsEnabled: args.config.privateDns,
                policy: JSON.stringify(policy),
            },
            // Clients can connect as soon as the endpoint is available.
            { parent: this, dependsOn: ingress },
        );

        this.id = this.endpoint.id;
        this.dnsName = this.endpoint.dnsEntries.apply((entries) => entries?.[0]?.dnsName ?? "");
        this.registerOutputs({ id: this.id, dnsName: this.dnsName, securityGroupId: this.securityGroup.id });
    }
}
