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
        description: z.string().max(255).optional(),
        /** Addresses given to VPN clients: /12 to /22, outside the VPC and the authorized networks. */
        clientCidrBlock: cidrSchema,
        /** The endpoint's server certificate (ACM, the stack's region and account). */
        serverCertificateArn: certificateArnSchema,
        /** Exactly one: mutual TLS with client certificates, or SAML. */
        authentication: z
            .strictObject({
                /** Clients present a certificate issued under this CA chain (ACM). */
                mutualTls: z.strictObject({ clientRootCertificateChainArn: certificateArnSchema }).optional(),
                /** Users sign in through an IAM SAML identity provider. */
                saml: z
                    .strictObject({
                        samlProviderArn: samlProviderArnSchema,
                        /** A second provider for the self-service portal (turns the portal on). */
                        selfServiceSamlProviderArn: samlProviderArnSchema.optional(),
                        /** Only members of this SAML group are authorized (default: every authenticated user). */
                        accessGroupId: z.string().min(1).max(255).optional(),
                    })
                    .optional(),
            })
            .superRefine((auth, ctx) => {
                if ((auth.mutualTls === undefined) === (auth.saml === undefined)) {
                    ctx.addIssue({ code: "custom", path: [], message: "needs exactly one of mutualTls (client certificates) or saml", input: auth });
                }
            }),
        /** Subnets the endpoint is associated with (one per Availability Zone); default: the VPC's private subnets. */
        subnetIds: distinct(subnetIdSchema).min(1).optional(),
        /** Networks VPN clients may reach (authorization rules); default: the demo VPC's range. Required with an existing VPC. */
        authorizedCidrs: distinct(cidrSchema).min(1).optional(),
        /** DNS servers for clients (at most 2); default: the demo VPC's resolver, which answers the execute-api endpoint's private names. */
        dnsServers: distinct(ipv4Schema).min(1).max(2).optional(),
        /** Created execute-api endpoints (names in executeApiEndpoints) that admit VPN clients on 443. */
        executeApiEndpoints: distinct(resourceNameSchema).default([]),
        sessionTimeoutHours: z.union([z.literal(8), z.literal(10), z.literal(12), z.literal(24)]).default(8),
        transportProtocol: z.enum(["udp", "tcp"]).default("udp"),
        vpnPort: z.union([z.literal(443), z.literal(1194)]).default(443),
        /** Retention of the connection log group. */
        logRetentionDays: logRetentionSchema.default(90),
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
