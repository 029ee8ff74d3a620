// ACM certificates are regional resources of one account, and each AWS service that presents one
// takes it only from the region it runs in, in its own account:
// - API Gateway custom domains: "To use an ACM certificate with an API Gateway edge-optimized
//   custom domain name, you must request or import the certificate in the us-east-1 Region";
//   a Regional custom domain name takes one "in the same Region as your API" ("Get certificates
//   ready in AWS Certificate Manager": https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html).
// - Load balancer TLS listeners and Client VPN endpoints use certificates from ACM in their own
//   region ("Server certificates" for Network Load Balancers:
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/network/tls-listener-certificates.html;
//   Client VPN "Authentication": https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/client-authentication.html).
// ACM shares no certificate with another account, so the certificate's account must be the
// stack's. These functions read both from the ARN.

const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/.+$/;

export function certificateArnParts(arn: string): { region: string; accountId: string } | undefined {
    const match = ACM_ARN.exec(arn);
    return match ? { region: match[1], accountId: match[2] } : undefined;
}

/** What is wrong with where a certificate lives, or undefined. `why` says who needs it where. */
export function certificatePlacementProblem(arn: string, expected: { region?: string; accountId?: string }, why: string): string | undefined {
    const parts = certificateArnParts(arn);
    if (!parts) return undefined; // The ARN's own format is checked by its schema.
    if (expected.region !== undefined && parts.region !== expected.region) {
        return `must be an ACM certificate in ${expected.region} (got ${parts.region}): ${why}`;
    }
    if (expected.accountId !== undefined && parts.accountId !== expected.accountId) {
        return `must be an ACM certificate of this stack's account ${expected.accountId} (got ${parts.accountId}): ACM certificates cannot be used from another account`;
    }
    return undefined;
}

export interface CertificateRef {
    arn: string;
    /** Under gatevault:network. */
    path: (string | number)[];
    /** Who presents it, for messages. */
    why: string;
}

/** Every certificate gatevault:network names: load balancer TLS listeners (and the Client VPN's). */
export function networkCertificateRefs(network: {
    loadBalancers: Record<string, { listener: { certificateArn?: string } }>;
    clientVpn?: { serverCertificateArn: string; authentication: { mutualTls?: { clientRootCertificateChainArn: string } } };
}): CertificateRef[] {
    const refs: CertificateRef[] = [];
    for (const [name, lb] of Object.entries(network.loadBalancers)) {
        const arn = lb.listener.certificateArn;
        if (arn) refs.push({ arn, path: ["loadBalancers", name, "listener", "certificateArn"], why: "a load balancer's TLS listener takes certificates from ACM in its own region" });
    }
    const vpn = network.clientVpn;
    if (vpn) {
        refs.push({ arn: vpn.serverCertificateArn, path: ["clientVpn", "serverCertificateArn"], why: "a Client VPN endpoint takes certificates from ACM in its own region" });
        const root = vpn.authentication.mutualTls?.clientRootCertificateChainArn;
        if (root) refs.push({ arn: root, path: ["clientVpn", "authentication", "mutualTls", "clientRootCertificateChainArn"], why: "a Client VPN endpoint takes certificates from ACM in its own region" });
    }
    return refs;
}
