// What a Client VPN endpoint lets its users reach, and how they sign in, from config: the
// networks authorized (authorization rules), the DNS servers clients use, the egress of the
// endpoint's security group, and the authentication options. Pure; the component wires them.
//
// AWS's rules: traffic from clients enters the VPC through the endpoint's network
// associations, filtered by the security groups applied to the endpoint ("Security groups" in
// the Client VPN Administrator Guide: https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/client-authorization.html);
// the Amazon-provided DNS server is at the VPC's base address plus two ("Amazon DNS server",
// VPC User Guide: https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html),
// which resolves the execute-api endpoint's private names.

import type * as aws from "../shared/aws";
import type { ClientVpnConfig } from "../config/network";
import { formatIpv4, parseCidr } from "../config/network/ids";
import { HTTPS_PORT } from "./endpoint-access";

export interface ClientVpnNetworks {
    /** Target networks of the authorization rules. */
    authorizedCidrs: string[];
    /** Undefined: clients keep their own DNS. */
    dnsServers?: string[];
}

/** The VPC's Amazon DNS server: its base address plus two. */
export function vpcResolver(cidrBlock: string): string {
    const cidr = parseCidr(cidrBlock);
    if (typeof cidr === "string") throw new Error(`vpcResolver: ${cidrBlock} ${cidr}`);
    return formatIpv4(cidr.base + 2);
}

/** Networks and DNS: as configured, else the demo VPC's range and resolver. */
export function clientVpnNetworks(config: ClientVpnConfig, demoCidrBlock?: string): ClientVpnNetworks {
    const authorizedCidrs = config.authorizedCidrs ?? (demoCidrBlock ? [demoCidrBlock] : []);
    if (authorizedCidrs.length === 0) {
        // The schema requires authorizedCidrs without a demo VPC; a programmatic caller gets the same guarantee.
        throw new Error("ClientVpnEndpoint: authorizedCidrs is required unless the demo VPC's range is known");
    }
    const dnsServers = config.dnsServers ?? (demoCidrBlock ? [vpcResolver(demoCidrBlock)] : undefined);
    return { authorizedCidrs, ...(dnsServers ? { dnsServers } : {}) };
}

export interface VpnEgressRule {
    /** Stable part of the rule's resource name. */
    key: string;
    description: string;
    ipProtocol: "tcp" | "udp";
    port: number;
    cidrIpv4: string;
}

const DNS_PORT = 53;

/**
 * The endpoint security group's egress: HTTPS to each authorized network (private APIs through
 * the execute-api endpoint, and HTTPS services), and DNS to each DNS server. Nothing else.
 */
export function clientVpnEgressRules(networks: ClientVpnNetworks): VpnEgressRule[] {
    const https = networks.authorizedCidrs.map((cidr) => ({
        key: `https-${cidr.replace(/[./]/g, "-")}`,
        description: `HTTPS from VPN clients to ${cidr}`,
        ipProtocol: "tcp" as const,
        port: HTTPS_PORT,
        cidrIpv4: cidr,
    }));
    const dns = (networks.dnsServers ?? []).flatMap((server) =>
        (["udp", "tcp"] as const).map((ipProtocol) => ({
            key: `dns-${ipProtocol}-${server.replace(/\./g, "-")}`,
            description: `DNS (${ipProtocol}) from VPN clients to ${server}`,
            ipProtocol,
            port: DNS_PORT,
            cidrIpv4: `${server}/32`,
        })),
    );
    return [...https, ...dns];
}

/** The endpoint's authentication options, as the provider takes them. */
export function clientVpnAuthentication(config: ClientVpnConfig): aws.types.input.ec2clientvpn.EndpointAuthenticationOption[] {
    const { mutualTls, saml } = config.authentication;
    if (mutualTls) {
        return [{ type: "certificate-authentication", rootCertificateChainArn: mutualTls.clientRootCertificateChainArn }];
    }
    return [{ type: "federated-authentication", samlProviderArn: saml!.samlProviderArn, selfServiceSamlProviderArn: saml!.selfServiceSamlProviderArn }];
}
