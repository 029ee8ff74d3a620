// API Gateway (REST) VPC links: the private path from an API to a network load balancer.

import { z } from "zod";
import { nlbArnSchema } from "./ids";
import { loadBalancerNameSchema } from "./load-balancer";

export const vpcLinkSchema = z
    .strictObject({
        loadBalancer: loadBalancerNameSchema
            .optional()
            .describe("A load balancer from `loadBalancers` with a TCP or TLS listener, and no other VPC link's or endpoint service's. Exactly one of `loadBalancer` and `loadBalancerArn`."),
        loadBalancerArn: nlbArnSchema.optional().describe("Or an existing network load balancer in this stack's account and region."),
        description: z.string().max(1024).optional().describe("Shown in the API Gateway console."),
    })
    .superRefine((link, ctx) => {
        if ((link.loadBalancer === undefined) === (link.loadBalancerArn === undefined)) {
            ctx.addIssue({ code: "custom", path: ["loadBalancer"], message: "needs exactly one of loadBalancer (a name in loadBalancers) or loadBalancerArn", input: link.loadBalancer });
        }
    });

export type VpcLinkConfig = z.output<typeof vpcLinkSchema>;
