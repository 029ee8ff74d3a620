// The VPC that created load balancers and execute-api endpoints live in: an existing one
// (id and private subnets from config) or, in dev stacks, a demo VPC built by awsx.

import { z } from "zod";
import { cidrSchema, distinct, parseCidr, subnetIdSchema, vpcIdSchema } from "./ids";

export const demoVpcSchema = z
    .strictObject({
        cidrBlock: cidrSchema.default("10.0.0.0/16").describe("The VPC's range (/16 to /20); awsx splits it between the subnets."),
        availabilityZones: z.int().min(2).max(3).default(2).describe("Private subnets, one per zone."),
        natGateways: z
            .enum(["None", "Single"])
            .default("None")
            .describe("`None`: private subnets without internet access, no NAT cost. `Single`: one NAT gateway for all zones."),
    })
    .superRefine((demo, ctx) => {
        const cidr = parseCidr(demo.cidrBlock);
        if (typeof cidr !== "string" && (cidr.prefix < 16 || cidr.prefix > 20)) {
            ctx.addIssue({ code: "custom", path: ["cidrBlock"], message: `must be a /16 to /20 block (got /${cidr.prefix})`, input: demo.cidrBlock });
        }
    });

export const vpcSchema = z
    .strictObject({
        id: vpcIdSchema.optional().describe("An existing VPC. Exactly one of `id` and `demo`."),
        privateSubnetIds: distinct(subnetIdSchema).min(1).optional().describe("The existing VPC's private subnets: where created load balancers and endpoints go unless they set `subnetIds`."),
        demo: demoVpcSchema.optional().describe("Create a demo VPC with awsx instead (dev stacks only): private subnets, DNS support and hostnames on."),
    })
    .superRefine((vpc, ctx) => {
        if ((vpc.id === undefined) === (vpc.demo === undefined)) {
            ctx.addIssue({
                code: "custom",
                path: vpc.id === undefined ? [] : ["demo"],
                message: "needs exactly one of id (an existing VPC) or demo (a VPC gatevault creates, dev only)",
                input: vpc,
            });
        }
        if (vpc.demo !== undefined && vpc.privateSubnetIds !== undefined) {
            ctx.addIssue({ code: "custom", path: ["privateSubnetIds"], message: "must be omitted with demo: the demo VPC's subnets are used", input: vpc.privateSubnetIds });
        }
    });

export type VpcConfig = z.output<typeof vpcSchema>;
export type DemoVpcConfig = z.output<typeof demoVpcSchema>;
