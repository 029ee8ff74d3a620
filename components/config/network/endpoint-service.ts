// PrivateLink endpoint services: a service behind an NLB offered to other VPCs and accounts
// without API Gateway. Consumers are allowed by account (AWS has no organization-wide
// principal for endpoint services: the organization is expanded into its accounts).

import { z } from "zod";
import { accountIdSchema, roleArnSchema } from "../primitives";
import { distinct, nlbArnSchema } from "./ids";
import { loadBalancerNameSchema } from "./load-balancer";

export const allowedPrincipalsSchema = z.strictObject({
    accountIds: distinct(accountIdSchema).optional().describe("Accounts allowed to connect (as `arn:aws:iam::<id>:root`)."),
    organization: z
        .strictObject({
            lookupRoleArn: roleArnSchema
                .optional()
                .describe("Role in the management (or a delegated administrator) account to read the account list. Default: the stack's own credentials."),
        })
        .optional()
        .describe("Allow every ACTIVE account of the organization, read through Organizations at deploy time (re-run `pulumi up` after accounts join)."),
});

export const endpointServiceSchema = z
    .strictObject({
        loadBalancer: loadBalancerNameSchema
            .optional()
            .describe("A load balancer from `loadBalancers`, no VPC link's or other endpoint service's. Exactly one of `loadBalancer` and `loadBalancerArns`."),
        loadBalancerArns: distinct(nlbArnSchema).min(1).optional().describe("Or existing network load balancers."),
        acceptanceRequired: z.boolean().default(true).describe("Connections wait for your acceptance."),
        allowedPrincipals: allowedPrincipalsSchema.describe("Who may connect (required): `accountIds` and/or `organization`."),
        privateDnsName: z
            .string()
            .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a domain name such as inventory.internal.example.com")
            .optional()
            .describe("A private DNS name for consumers, verified through a DNS TXT record."),
    })
    .superRefine((svc, ctx) => {
        if ((svc.loadBalancer === undefined) === (svc.loadBalancerArns === undefined)) {
            ctx.addIssue({ code: "custom", path: ["loadBalancer"], message: "needs exactly one of loadBalancer (a name in loadBalancers) or loadBalancerArns", input: svc.loadBalancer });
        }
        const principals = svc.allowedPrincipals;
        if ((principals.accountIds?.length ?? 0) === 0 && principals.organization === undefined) {
            ctx.addIssue({
                code: "custom",
                path: ["allowedPrincipals"],
                message: "must allow at least one consumer (accountIds, or organization); an endpoint service is never open to everyone here",
                input: principals,
            });
        }
    });

export type EndpointServiceConfig = z.output<typeof endpointServiceSchema>;
