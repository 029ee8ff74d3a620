// The dev stacks' demo VPC, as awsx.ec2.Vpc arguments: private subnets only unless a NAT
// gateway is asked for (which needs public subnets to live in), and DNS on, which private
// DNS for interface endpoints requires.

import type * as awsx from "@pulumi/awsx";
import type { DemoVpcConfig } from "../config/network";

export function demoVpcArgs(demo: DemoVpcConfig): awsx.ec2.VpcArgs {
    const withNat = demo.natGateways !== "None";
    return {
        cidrBlock: demo.cidrBlock,
        numberOfAvailabilityZones: demo.availabilityZones,
        // awsx's default is a NAT gateway per zone; the demo pays for at most one.
        natGateways: { strategy: demo.natGateways },
        subnetStrategy: "Auto",
        subnetSpecs: withNat ? [{ type: "Public" }, { type: "Private" }] : [{ type: "Private" }],
        enableDnsHostnames: true,
        enableDnsSupport: true,
    };
}
