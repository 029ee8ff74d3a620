// API Gateway (REST) VPC links: the private path from an API to a network load balancer.

import { z } from "zod";
import { nlbArnSchema } from "./ids";
import { loadBalancerNameSchema } from "./load-balancer";

export const vpcLinkSchema = z
    .strictObject({
        /** A load balancer from loadBalancers. */
        loadBalancer: loadBalancerNameSchema.optional(),
        /** Or an existing network load balancer in this stack's account and region. */
        loadBalancerArn: nlbArnSchema.optional(),
        description: z.string().max(1024).optional(),
    })
    .superRefine((link, ctx) => {
        if ((link.loadBalancer === undefined) === (link.loadBalancerArn === undefined)) {
            ctx.addIssue({ code: "custom", path: ["loadBalancer"], message: "needs exactly one of loadBalancer (a name in loadBalancers) or loadBalancerArn", input: link.loadBalancer });
        }
    });

export type VpcLinkConfig = z.output<typeof vpcLinkSchema>;
