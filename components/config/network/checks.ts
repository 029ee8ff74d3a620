// Rules that relate parts of gatevault:network to each other: links and services name load
// balancers that exist and fit, and everything gatevault creates has a VPC and subnets.

import { Ctx, issue, listOf } from "../issues";
import { Cidr, cidrContains, parseCidr, parseIpv4 } from "./ids";
import type { EndpointServiceConfig } from "./endpoint-service";
import type { ExecuteApiEndpointConfig } from "./endpoints";
import type { LoadBalancerConfig } from "./load-balancer";
import type { VpcConfig } from "./vpc";
import type { VpcLinkConfig } from "./vpc-link";
import type { ClientVpnConfig } from "./client-vpn";
import { checkLoadBalancerOwners } from "./load-balancer-owners";

export interface CheckedNetwork {
    vpc?: VpcConfig;
    loadBalancers: Record<string, LoadBalancerConfig>;
    vpcLinks: Record<string, VpcLinkConfig>;
    executeApiEndpoints: Record<string, ExecuteApiEndpointConfig>;
    endpointServices: Record<string, EndpointServiceConfig>;
    clientVpn?: ClientVpnConfig;
}

/** Created things need a VPC, and subnets: their own, or the VPC's private subnets. */
function checkPlacement(net: CheckedNetwork, ctx: Ctx): void {
    const created: [string, string, { subnetIds?: string[] }][] = [
        ...Object.entries(net.loadBalancers).map(([name, lb]) => ["loadBalancers", name, lb] as [string, string, LoadBalancerConfig]),
        ...Object.entries(net.executeApiEndpoints)
            .filter(([, ep]) => ep.existingEndpointId === undefined)
            .map(([name, ep]) => ["executeApiEndpoints", name, ep] as [string, string, ExecuteApiEndpointConfig]),
    ];
    for (const [group, name, item] of created) {
        if (net.vpc === undefined) {
            issue(ctx, [group, name], "needs gatevault:network.vpc (an existing VPC's id, or demo in dev stacks) to be created in", undefined);
        } else if (item.subnetIds === undefined && net.vpc.demo === undefined && net.vpc.privateSubnetIds === undefined) {
            issue(ctx, [group, name, "subnetIds"], "is required: set it, or gatevault:network.vpc.privateSubnetIds for every created load balancer and endpoint", undefined);
        }
    }
}

/** IP targets must sit in the demo VPC's range unless they are marked as outside it. */
function checkDemoTargets(net: CheckedNetwork, ctx: Ctx): void {
    const demo = net.vpc?.demo;
    const cidr = demo && parseCidr(demo.cidrBlock);
    if (!cidr || typeof cidr === "string") {
        return;
    }
    for (const [name, lb] of Object.entries(net.loadBalancers)) {
        lb.targetGroup.targets.forEach((t, i) => {
            const address = t.ip === undefined ? undefined : parseIpv4(t.ip);
            if (address !== undefined && t.availabilityZone !== "all" && !cidrContains(cidr, address)) {
                issue(ctx, ["loadBalancers", name, "targetGroup", "targets", i, "ip"], `must be inside the demo VPC (${demo.cidrBlock}), or set availabilityZone: all for an address outside it`, t.ip);
            }
        });
    }
}

function checkLinks(net: CheckedNetwork, ctx: Ctx): void {
    const names = Object.keys(net.loadBalancers);
    for (const [name, link] of Object.entries(net.vpcLinks)) {
        if (link.loadBalancer === undefined) continue;
        const lb = net.loadBalancers[link.loadBalancer];
        if (lb === undefined) {
            issue(ctx, ["vpcLinks", name, "loadBalancer"], `names no load balancer in gatevault:network.loadBalancers (load balancers: ${listOf(names)})`, link.loadBalancer);
        } else if (lb.listener.protocol !== "TCP" && lb.listener.protocol !== "TLS") {
            issue(
                ctx,
                ["vpcLinks", name, "loadBalancer"],
                `must name a load balancer with a TCP or TLS listener: API Gateway sends HTTP(S) through the link (${link.loadBalancer} listens on ${lb.listener.protocol})`,
                link.loadBalancer,
            );
        }
    }
    for (const [name, svc] of Object.entries(net.endpointServices)) {
        if (svc.loadBalancer !== undefined && net.loadBalancers[svc.loadBalancer] === undefined) {
            issue(ctx, ["endpointServices", name, "loadBalancer"], `names no load balancer in gatevault:network.loadBalancers (load balancers: ${listOf(names)})`, svc.loadBalancer);
        }
    }
}

function overlaps(a: Cidr, b: Cidr): boolean {
    return cidrContains(a, b.base) || cidrContains(b, a.base);
}

/** The Client VPN needs a VPC, subnets, networks to authorize that its clients' range does not overlap, and created endpoints to admit it. */
function checkClientVpn(net: CheckedNetwork, ctx: Ctx): void {
    const vpn = net.clientVpn;
    if (!vpn) return;
    const demo = net.vpc?.demo;
    if (net.vpc === undefined) {
        issue(ctx, ["clientVpn"], "needs gatevault:network.vpc (an existing VPC's id, or demo in dev stacks) to give access to", undefined);
    } else if (vpn.subnetIds === undefined && demo === undefined && net.vpc.privateSubnetIds === undefined) {
        issue(ctx, ["clientVpn", "subnetIds"], "is required: set it, or gatevault:network.vpc.privateSubnetIds, for the endpoint's associations", undefined);
    }
    if (vpn.authorizedCidrs === undefined && net.vpc !== undefined && demo === undefined) {
        issue(ctx, ["clientVpn", "authorizedCidrs"], "is required with an existing VPC: list the VPC's range (or the parts of it VPN clients may reach)", undefined);
    }
    const client = parseCidr(vpn.clientCidrBlock);
    const reachable: [string, (string | number)[]][] = [
        ...(demo ? [[demo.cidrBlock, ["vpc", "demo", "cidrBlock"]] as [string, (string | number)[]]] : []),
        ...(vpn.authorizedCidrs ?? []).map((c, i) => [c, ["clientVpn", "authorizedCidrs", i]] as [string, (string | number)[]]),
    ];
    for (const [text, where] of reachable) {
        const other = parseCidr(text);
        if (typeof client !== "string" && typeof other !== "string" && overlaps(client, other)) {
            issue(ctx, ["clientVpn", "clientCidrBlock"], `must not overlap ${where.join(".")} (${text}): Client VPN refuses a client range that overlaps the networks it routes to`, vpn.clientCidrBlock);
        }
    }
    vpn.executeApiEndpoints.forEach((name, i) => {
        const endpoint = net.executeApiEndpoints[name];
        if (endpoint === undefined) {
            issue(ctx, ["clientVpn", "executeApiEndpoints", i], `names no endpoint in gatevault:network.executeApiEndpoints (endpoints: ${listOf(Object.keys(net.executeApiEndpoints))})`, name);
        } else if (endpoint.existingEndpointId !== undefined) {
            issue(ctx, ["clientVpn", "executeApiEndpoints", i], `names an existing endpoint (${endpoint.existingEndpointId}), whose security group gatevault does not manage: admit the VPN's security group there yourself`, name);
        }
    });
}

export function checkNetwork(net: CheckedNetwork, ctx: Ctx): void {
    checkPlacement(net, ctx);
    checkDemoTargets(net, ctx);
    checkLinks(net, ctx);
    checkLoadBalancerOwners(net, ctx);
    checkClientVpn(net, ctx);
}
