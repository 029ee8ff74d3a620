// Private connectivity: the PrivateNetwork component and its parts (internal NLBs, execute-api
// endpoints, PrivateLink endpoint services), the program wiring, and the pure builders behind them.

export { PrivateNetwork } from "./private-network";
export type { PrivateNetworkArgs, NetworkProviders, ExecuteApiEndpointRef } from "./private-network";
export { InternalNetworkLoadBalancer } from "./load-balancer";
export type { InternalNetworkLoadBalancerArgs } from "./load-balancer";
export { ExecuteApiEndpoint } from "./execute-api-endpoint";
export type { ExecuteApiEndpointArgs } from "./execute-api-endpoint";
export { PrivateLinkService } from "./endpoint-service";
export { ClientVpnEndpoint } from "./client-vpn";
export type { ClientVpnEndpointArgs } from "./client-vpn";
export { clientVpnAuthentication, clientVpnEgressRules, clientVpnNetworks, vpcResolver } from "./client-vpn-access";
export type { PrivateLinkServiceArgs } from "./endpoint-service";
export { createPrivateNetwork, privateApiUrls } from "./stack";
export { privateApiInvokeUrls } from "./invoke-urls";
export type { PrivateApiInvokeUrls, EndpointInvokeUrls, EndpointDns } from "./invoke-urls";
export { endpointServicePrincipals } from "./principals";
export { endpointIngressRules, executeApiEndpointPolicy } from "./endpoint-access";
export { networkRegionProblems } from "./placement";
export { demoVpcArgs } from "./demo-vpc";
export { executeApiServiceName } from "./aws-names";
