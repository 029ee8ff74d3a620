// Interface VPC endpoints for execute-api, through which PRIVATE APIs are called: created
// (security group, subnets, private DNS) or existing ones named by id.

import { z } from "zod";
import { accountIdSchema } from "../primitives";
import { cidrSchema, distinct, parseCidr, securityGroupIdSchema, subnetIdSchema, vpcEndpointIdSchema } from "./ids";

export const executeApiEndpointSchema = z
    .strictObject({
        /** Use this existing endpoint (it keeps its own subnets, security groups and DNS settings). */
        existingEndpointId: vpcEndpointIdSchema.optional(),
        /** Default: the VPC's private subnets. */
        subnetIds: distinct(subnetIdSchema).min(1).optional(),
        /** Clients allowed to reach the endpoint on 443, by address range. */
        allowedCidrs: distinct(cidrSchema).optional(),
        /** Clients allowed to reach the endpoint on 443, by security group. */
        allowedSecurityGroupIds: distinct(securityGroupIdSchema).optional(),
        /** Resolve `<api-id>.execute-api.<region>.amazonaws.com` to the endpoint inside the VPC (default true). */
        privateDns: z.boolean().default(true),
        /** Accounts whose APIs the endpoint may reach (endpoint policy; default: this stack's account). */
        invokableAccountIds: distinct(accountIdSchema).min(1).optional(),
    })
    .superRefine((ep, ctx) => {
        if (ep.existingEndpointId !== undefined) {
            for (const field of ["subnetIds", "allowedCidrs", "allowedSecurityGroupIds", "invokableAccountIds"] as const) {
                if (ep[field] !== undefined) {
                    ctx.addIssue({ code: "custom", path: [field], message: "must be omitted with existingEndpointId: an existing endpoint keeps its own settings", input: ep[field] });
                }
            }
            return;
        }
        const sources = (ep.allowedCidrs?.length ?? 0) + (ep.allowedSecurityGroupIds?.length ?? 0);
        if (sources === 0) {
            ctx.addIssue({
                code: "custom",
                path: ["allowedCidrs"],
                message: "is required (or allowedSecurityGroupIds): list who may call private APIs through this endpoint; nothing is open by default",
                input: ep.allowedCidrs,
            });
        }
        ep.allowedCidrs?.forEach((text, i) => {
            const cidr = parseCidr(text);
            if (typeof cidr !== "string" && cidr.prefix === 0) {
                ctx.addIssue({
                    code: "custom",
                    path: ["allowedCidrs", i],
                    message: `must not be ${text}: the endpoint of a private API admits only the networks that call it (list the VPC's or clients' ranges)`,
                    input: text,
                });
            }
        });
    });

export type ExecuteApiEndpointConfig = z.output<typeof executeApiEndpointSchema>;
