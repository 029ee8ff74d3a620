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
        vpc: vpcSchema.optional().describe("The VPC created load balancers and endpoints live in: an existing one (`id`), or a demo VPC (dev only)."),
        loadBalancers: z
            .record(loadBalancerNameSchema, loadBalancerSchema)
            .default({})
            .describe("Internal network load balancers by name: one listener forwarding to one target group. Each backs one VPC link or one endpoint service, never two."),
        vpcLinks: z.record(resourceNameSchema, vpcLinkSchema).default({}).describe("REST API VPC links by name; routes use them as `vpcLink: <name>`."),
        executeApiEndpoints: z
            .record(resourceNameSchema, executeApiEndpointSchema)
            .default({})
            .describe("Interface endpoints for `execute-api` by name (created, or existing); PRIVATE APIs list them in `vpcEndpointIds`."),
        endpointServices: z
            .record(resourceNameSchema, endpointServiceSchema)
            .default({})
            .describe("PrivateLink endpoint services by name: an NLB offered to other accounts' VPCs, without API Gateway."),
        clientVpn: clientVpnSchema.optional().describe("A Client VPN endpoint into the VPC: people on the VPN reach PRIVATE APIs through the execute-api endpoints."),
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
