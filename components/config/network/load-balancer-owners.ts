// One network load balancer, one endpoint service. AWS rules this file implements:
//
// - "A Network Load Balancer can be associated with a single endpoint service, but an endpoint
//   service can be associated with multiple Network Load Balancers" (PrivateLink guide, "Create
//   a service powered by AWS PrivateLink", Considerations:
//   https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html).
// - A REST API VPC link is itself an endpoint service on its NLB: creating one needs
//   ec2:CreateVpcEndpointServiceConfiguration (API Gateway developer guide, "Grant permissions
//   for API Gateway to create a VPC link":
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/grant-permissions-to-create-vpclink.html).
//   A link to an NLB that already fronts an endpoint service goes FAILED ("NLB is already
//   associated with another VPC Endpoint Service").
//
// So every VPC link and every endpoint service needs load balancers no other link or service
// names. A load balancer is known by its name in loadBalancers or by its ARN; a created one and
// an ARN can never be the same load balancer, so they are not compared.

import { Ctx, issue } from "../issues";

interface Owner {
    /** "vpcLinks.inventory", for messages. */
    label: string;
    path: (string | number)[];
}

interface OwnerSources {
    vpcLinks: Record<string, { loadBalancer?: string; loadBalancerArn?: string }>;
    endpointServices: Record<string, { loadBalancer?: string; loadBalancerArns?: string[] }>;
}

/** Every (load balancer, owner) pair, in config order: links first, then services. */
function claims(net: OwnerSources): [string, Owner][] {
    const out: [string, Owner][] = [];
    for (const [name, link] of Object.entries(net.vpcLinks)) {
        const label = `vpcLinks.${name}`;
        if (link.loadBalancer !== undefined) out.push([`name ${link.loadBalancer}`, { label, path: ["vpcLinks", name, "loadBalancer"] }]);
        if (link.loadBalancerArn !== undefined) out.push([`arn ${link.loadBalancerArn}`, { label, path: ["vpcLinks", name, "loadBalancerArn"] }]);
    }
    for (const [name, svc] of Object.entries(net.endpointServices)) {
        const label = `endpointServices.${name}`;
        if (svc.loadBalancer !== undefined) out.push([`name ${svc.loadBalancer}`, { label, path: ["endpointServices", name, "loadBalancer"] }]);
        svc.loadBalancerArns?.forEach((arn, i) => out.push([`arn ${arn}`, { label, path: ["endpointServices", name, "loadBalancerArns", i] }]));
    }
    return out;
}

export function checkLoadBalancerOwners(net: OwnerSources, ctx: Ctx): void {
    const first = new Map<string, Owner>();
    for (const [balancer, owner] of claims(net)) {
        const earlier = first.get(balancer);
        if (earlier === undefined) {
            first.set(balancer, owner);
            continue;
        }
        if (earlier.label === owner.label) continue; // A list naming one ARN twice is reported by the list itself.
        const [kind, id] = [balancer.slice(0, balancer.indexOf(" ")), balancer.slice(balancer.indexOf(" ") + 1)];
        issue(
            ctx,
            owner.path,
            `names the load balancer ${kind === "name" ? `"${id}"` : id} that ${earlier.label} already uses: an NLB can back one VPC endpoint service only, ` +
                "and a REST API VPC link creates one on its NLB (the second one would fail); give each VPC link and endpoint service its own load balancer",
            id,
        );
    }
}
