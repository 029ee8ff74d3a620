// Stack config for private connectivity (`gatevault:network`): the VPC, internal network
// load balancers, VPC links, execute-api endpoints for PRIVATE APIs, PrivateLink endpoint
// services and a Client VPN endpoint. Each part lives in network/; this file composes them.

import { z } from "zod";
import { checkNetwork } from "./network/checks";
import { clientVpnSchema } from "./network/client-vpn";
import { endpointServiceSchema } from "./network/endpoint-service";
import { executeApiEndpointSchema } from "./network/endpoints";
import { loadBalancerNameSchema, loadBalancerSchema } from "./network/load-balancer";
import { vpcSchema } from "./network/vpc";
import { vpcLinkSchema } from "./network/vpc-link";
import { resourceNameSchema } from "./primitives";

export { checkStackNetwork } from "./network/stack-checks";
export { targetProtocolOf } from "./network/load-balancer";

export const networkSchema = z
    .strictObject({
        vpc: vpcSchema.optional(),
        loadBalancers: z.record(loadBalancerNameSchema, loadBalancerSchema).default({}),
        vpcLinks: z.record(resourceNameSchema, vpcLinkSchema).default({}),
        executeApiEndpoints: z.record(resourceNameSchema, executeApiEndpointSchema).default({}),
        endpointServices: z.record(resourceNameSchema, endpointServiceSchema).default({}),
        /** A Client VPN endpoint into the VPC: people on the VPN reach PRIVATE APIs through the execute-api endpoints. */
        clientVpn: clientVpnSchema.optional(),
    })
    .superRefine(checkNetwork)
    .optional();

export type NetworkConfig = NonNullable<z.output<typeof networkSchema>>;
export type { VpcConfig, DemoVpcConfig } from "./network/vpc";
export type { LoadBalancerConfig, HealthCheckConfig, TargetConfig, ListenerProtocol } from "./network/load-balancer";
export type { VpcLinkConfig } from "./network/vpc-link";
export type { ExecuteApiEndpointConfig } from "./network/endpoints";
export type { EndpointServiceConfig } from "./network/endpoint-service";
export type { ClientVpnConfig } from "./network/client-vpn";
