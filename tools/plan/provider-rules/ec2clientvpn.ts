// AWS Client VPN, from hashicorp/terraform-provider-aws internal/service/ec2/vpnclient_*.go
// (@pulumi/aws module `ec2clientvpn`). Nested blocks with MaxItems 1 (`connection_log_options`,
// `client_connect_options`, `client_login_banner_options`) are objects in @pulumi/aws.
//
// What the provider does not check, though AWS refuses it when the endpoint is created
// (CreateClientVpnEndpoint, EC2 API reference): a client range smaller than /22 or larger than
// /12, and more than two DNS servers. The provider only parses the range (`validation.IsCIDR`) and
// puts no limit on `dns_servers`; components/config/network/client-vpn.ts refuses both.
// `connection_log_options` is Required, which the @pulumi/aws constructor already enforces.
//
// Enum members (validation.StringInSlice over the SDK's values) as the EC2 API reference lists
// them: ClientVpnAuthenticationRequest.Type, CreateClientVpnEndpoint SelfServicePortal and
// TransportProtocol.

import { doesNotMatch, exactlyOneOf, from, itemsBetween, lengthBetween, oneOf, resource, validArn, validatedBy, VERIFY_FILE } from "./define";
import type { ResourceRules } from "./types";
import { cidrNetworkAddressProblem, cidrProblem } from "./validators";

const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";

export const ec2ClientVpnRules: ResourceRules[] = [
    resource({
        type: "aws:ec2clientvpn/endpoint:Endpoint",
        terraformType: "aws_ec2_client_vpn_endpoint",
        file: "internal/service/ec2/vpnclient_endpoint.go",
        commit: "08923b68b5ad6fcfdd38362fb5247e39a9b07add",
        // @pulumi/aws 7.48 also has endpointIpAddressType, trafficIpAddressType,
        // transitGatewayConfiguration, clientRouteEnforcementOptions and
        // disconnectOnSessionTimeout, which this copy predates: their checks are not modelled.
        olderCopy: `${OLDER}; later arguments gatevault does not set are not modelled`,
        // authentication_options (every field inside it too), client_cidr_block and transport_protocol.
        forceNew: ["authenticationOptions", "clientCidrBlock", "transportProtocol"],
        rules: [
            itemsBetween("authenticationOptions", undefined, 2),
            oneOf("authenticationOptions[].type", ["certificate-authentication", "directory-service-authentication", "federated-authentication"]),
            validArn("authenticationOptions[].rootCertificateChainArn"),
            validArn("authenticationOptions[].samlProviderArn"),
            validArn("authenticationOptions[].selfServiceSamlProviderArn"),
            validatedBy("IsCIDR", "clientCidrBlock", cidrProblem, { accepted: "10.100.0.1/22", refused: "10.100.0.0/33" }),
            validArn("clientConnectOptions.lambdaFunctionArn"),
            lengthBetween("clientLoginBannerOptions.bannerText", 0, 1400),
            itemsBetween("securityGroupIds", 1, 5),
            oneOf("selfServicePortal", ["disabled", "enabled"]),
            validArn("serverCertificateArn"),
            // validation.IntInSlice: numbers, compared by their text.
            oneOf("sessionTimeoutHours", ["8", "10", "12", "24"]),
            oneOf("transportProtocol", ["tcp", "udp"]),
            oneOf("vpnPort", ["443", "1194"]),
        ],
    }),
    resource({
        type: "aws:ec2clientvpn/authorizationRule:AuthorizationRule",
        terraformType: "aws_ec2_client_vpn_authorization_rule",
        file: "internal/service/ec2/vpnclient_authorization_rule.go",
        commit: "06739b22cee5cb2a12cc0ca4458e3f84767869af",
        olderCopy: OLDER,
        // No Update: every argument is ForceNew.
        forceNew: ["accessGroupId", "authorizeAllGroups", "clientVpnEndpointId", "description", "targetNetworkCidr"],
        rules: [
            exactlyOneOf("accessGroupId", "authorizeAllGroups"),
            // validation.StringDoesNotContainAny(","): the provider joins its id with commas.
            doesNotMatch("accessGroupId", /,/, 'must not contain any of ","', { accepted: "a1b2c3d4-engineers", refused: "engineers,admins" }),
            from(VERIFY_FILE, validatedBy("ValidCIDRNetworkAddress", "targetNetworkCidr", cidrNetworkAddressProblem, { accepted: "10.0.0.0/16", refused: "10.0.0.1/16" })),
        ],
    }),
    resource({
        type: "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
        terraformType: "aws_ec2_client_vpn_network_association",
        file: "internal/service/ec2/vpnclient_network_association.go",
        commit: "08ff45f13ec560827bb2b1abb60d25864cc3c980",
        // Both arguments are Required and ForceNew, with no validators.
        forceNew: ["clientVpnEndpointId", "subnetId"],
        rules: [],
    }),
];
