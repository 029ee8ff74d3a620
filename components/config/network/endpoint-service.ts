// PrivateLink endpoint services: a service behind an NLB offered to other VPCs and accounts
// without API Gateway. Consumers are allowed by account (AWS has no organization-wide
// principal for endpoint services: the organization is expanded into its accounts).

import { z } from "zod";
import { accountIdSchema, roleArnSchema } from "../primitives";
import { distinct, nlbArnSchema } from "./ids";
import { loadBalancerNameSchema } from "./load-balancer";

export const allowedPrincipalsSchema = z.strictObject({
    /** Accounts allowed to connect (as `arn:aws:iam::<id>:root`). */
    accountIds: distinct(accountIdSchema).optional(),
    /** Allow every active account of the organization, read through Organizations at deploy time. */
    organization: z
        .strictObject({
            /** Role in the management (or delegated administrator) account to read the account list; default: the stack's own credentials. */
            lookupRoleArn: roleArnSchema.optional(),
        })
        .optional(),
});

export const endpointServiceSchema = z
    .strictObject({
        /** A load balancer from loadBalancers. */
        loadBalancer: loadBalancerNameSchema.optional(),
        /** Or existing network load balancers. */
        loadBalancerArns: distinct(nlbArnSchema).min(1).optional(),
        /** Connections wait for your acceptance (default true). */
        acceptanceRequired: z.boolean().default(true),
        allowedPrincipals: allowedPrincipalsSchema,
        /** A private DNS name for consumers (needs a TXT record to verify the domain). */
        privateDnsName: z.string().regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a domain name such as inventory.internal.example.com").optional(),
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
