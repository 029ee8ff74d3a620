// Interface VPC endpoints for execute-api, through which PRIVATE APIs are called: created
// (security group, subnets, private DNS) or existing ones named by id.

import { z } from "zod";
import { accountIdSchema } from "../primitives";
import { cidrSchema, distinct, parseCidr, securityGroupIdSchema, subnetIdSchema, vpcEndpointIdSchema } from "./ids";

export const executeApiEndpointSchema = z
    .strictObject({
        existingEndpointId: vpcEndpointIdSchema.optional().describe("Use this existing endpoint, alone: it keeps its own subnets, security groups and DNS settings."),
        subnetIds: distinct(subnetIdSchema).min(1).optional().describe("Subnets of a created endpoint. Default: the VPC's private subnets."),
        allowedCidrs: distinct(cidrSchema)
            .optional()
            .describe("Clients allowed to reach a created endpoint on 443, by address range (no `/0`). At least one of `allowedCidrs` and `allowedSecurityGroupIds`: nothing is open by default."),
        allowedSecurityGroupIds: distinct(securityGroupIdSchema).optional().describe("Clients allowed to reach a created endpoint on 443, by security group."),
        privateDns: z
            .boolean()
            .default(true)
            .describe("Resolve `<api-id>.execute-api.<region>.amazonaws.com` to the endpoint inside the VPC (which then also captures the default URLs of REGIONAL and EDGE APIs)."),
        invokableAccountIds: distinct(accountIdSchema).min(1).optional().describe("Accounts whose APIs the endpoint may reach (its endpoint policy). Default: this stack's account."),
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
