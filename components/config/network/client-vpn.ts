// gatevault:network.clientVpn — an AWS Client VPN endpoint into the stack's VPC, so that people
// on the VPN reach what the VPC reaches (with the execute-api endpoint: PRIVATE APIs). Values
// AWS takes, from the Client VPN Administrator Guide and the provider's schema
// (terraform-provider-aws internal/service/ec2/client_vpn_endpoint.go):
// - the client CIDR block "must have a size of at least /22 and must not be greater than /12",
//   and "cannot overlap with the local CIDR of the VPC in which the associated subnet is located"
//   ("Rules and best practices for using AWS Client VPN":
//   https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/what-is-best-practices.html);
// - session timeout 8, 10, 12 or 24 hours; VPN port 443 or 1194; transport udp or tcp;
// - at most two DNS servers ("Client VPN endpoints": DnsServers);
// - mutual authentication with ACM certificates, or federated (SAML) authentication through an
//   IAM SAML provider ("Client authentication").

import { z } from "zod";
import { logRetentionSchema } from "../function-primitives";
import { resourceNameSchema } from "../primitives";
import { certificateArnSchema, cidrSchema, distinct, ipv4Schema, subnetIdSchema } from "./ids";

const samlProviderArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]{1,128}$/, "must be an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)");

export const CLIENT_CIDR_PREFIX = { min: 12, max: 22 } as const;

export const clientVpnSchema = z
    .strictObject({
        description: z.string().max(255).optional().describe("Shown in the EC2 console."),
        clientCidrBlock: cidrSchema.describe("Addresses given to VPN clients: /12 to /22, overlapping neither the VPC nor the authorized networks."),
        serverCertificateArn: certificateArnSchema.describe("The endpoint's server certificate (ACM, in the stack's region and account)."),
        authentication: z
            .strictObject({
                mutualTls: z
                    .strictObject({
                        clientRootCertificateChainArn: certificateArnSchema.describe("The CA chain (ACM, the stack's region and account) that clients' certificates are issued under."),
                    })
                    .optional()
                    .describe("Clients present a certificate issued under this CA chain."),
                saml: z
                    .strictObject({
                        samlProviderArn: samlProviderArnSchema.describe("The IAM SAML identity provider users sign in through."),
                        selfServiceSamlProviderArn: samlProviderArnSchema.optional().describe("A second provider for the self-service portal (turns the portal on)."),
                        accessGroupId: z.string().min(1).max(255).optional().describe("Only members of this SAML group are authorized. Default: every authenticated user."),
                    })
                    .optional()
                    .describe("Users sign in through an IAM SAML identity provider."),
            })
            .superRefine((auth, ctx) => {
                if ((auth.mutualTls === undefined) === (auth.saml === undefined)) {
                    ctx.addIssue({ code: "custom", path: [], message: "needs exactly one of mutualTls (client certificates) or saml", input: auth });
                }
            })
            .describe("Exactly one of `mutualTls` (client certificates) and `saml`."),
        subnetIds: distinct(subnetIdSchema).min(1).optional().describe("Subnets the endpoint is associated with, one per Availability Zone. Default: the VPC's private subnets."),
        authorizedCidrs: distinct(cidrSchema)
            .min(1)
            .optional()
            .describe("Networks VPN clients may reach (authorization rules; split tunnel is always on). Default: the demo VPC's range; required with an existing VPC."),
        dnsServers: distinct(ipv4Schema)
            .min(1)
            .max(2)
            .optional()
            .describe("DNS servers for clients. Default: the demo VPC's resolver (base address + 2), which answers the execute-api endpoint's private names."),
        executeApiEndpoints: distinct(resourceNameSchema).default([]).describe("Created execute-api endpoints (names in `executeApiEndpoints`) that admit the VPN's security group on 443."),
        sessionTimeoutHours: z.union([z.literal(8), z.literal(10), z.literal(12), z.literal(24)]).default(8).describe("Maximum VPN session length."),
        transportProtocol: z.enum(["udp", "tcp"]).default("udp").describe("The VPN's transport protocol."),
        vpnPort: z.union([z.literal(443), z.literal(1194)]).default(443).describe("The port clients connect to."),
        logRetentionDays: logRetentionSchema.default(90).describe("Retention of the connection log group: a period CloudWatch Logs accepts."),
    })
    .superRefine((vpn, ctx) => {
        const prefix = Number(vpn.clientCidrBlock.split("/")[1]);
        if (prefix < CLIENT_CIDR_PREFIX.min || prefix > CLIENT_CIDR_PREFIX.max) {
            ctx.addIssue({
                code: "custom",
                path: ["clientCidrBlock"],
                message: `must be a /${CLIENT_CIDR_PREFIX.min} to /${CLIENT_CIDR_PREFIX.max} block (Client VPN's limits; got /${prefix})`,
                input: vpn.clientCidrBlock,
            });
        }
    });

export type ClientVpnConfig = z.output<typeof clientVpnSchema>;
