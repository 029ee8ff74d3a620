// Rules between gatevault:network and the rest of the stack: APIs name links and endpoints
// that gatevault:network defines, linked load balancers belong to the stack's account, and
// the demo VPC stays in dev. They run on the stack object, the innermost one holding both.

import { isVpcEndpointId } from "../api/references";
import type { IntegrationConfig } from "../api/integration";
import { Ctx, issue, listOf } from "../issues";
import type { CheckedNetwork } from "./checks";
import { certificatePlacementProblem, networkCertificateRefs } from "../certificates";
import { loadBalancerArnRefs, nlbArnParts } from "./ids";

interface CheckedApi {
    vpcEndpointIds?: string[];
    openApi?: { defaultIntegration?: IntegrationConfig };
    routes: { integration?: IntegrationConfig }[];
}

export interface CheckedStack {
    environment: string;
    accountId: string;
    apis: CheckedApi[];
    network?: CheckedNetwork;
}

function checkApiReferences(stack: CheckedStack, ctx: Ctx): void {
    const links = Object.keys(stack.network?.vpcLinks ?? {});
    const endpoints = Object.keys(stack.network?.executeApiEndpoints ?? {});
    const checkLink = (integration: IntegrationConfig | undefined, path: (string | number)[]) => {
        const name = integration?.vpcLink;
        if (name !== undefined && !links.includes(name)) {
            issue(ctx, [...path, "vpcLink"], `names no VPC link in gatevault:network.vpcLinks (links: ${listOf(links)}); or use vpcLinkId for an existing link`, name);
        }
    };
    stack.apis.forEach((api, i) => {
        api.routes.forEach((route, j) => checkLink(route.integration, ["apis", i, "routes", j, "integration"]));
        checkLink(api.openApi?.defaultIntegration, ["apis", i, "openApi", "defaultIntegration"]);
        api.vpcEndpointIds?.forEach((ref, k) => {
            if (!isVpcEndpointId(ref) && !endpoints.includes(ref)) {
                issue(ctx, ["apis", i, "vpcEndpointIds", k], `names no endpoint in gatevault:network.executeApiEndpoints (endpoints: ${listOf(endpoints)}); or use a vpce- id`, ref);
            }
        });
    });
}

function checkNetworkPlacement(stack: CheckedStack, network: CheckedNetwork, ctx: Ctx): void {
    if (network.vpc?.demo !== undefined && stack.environment !== "dev") {
        issue(ctx, ["network", "vpc", "demo"], `is only for dev stacks (this one is ${stack.environment}): give the id and private subnets of an existing VPC`, network.vpc.demo);
    }
    const why = {
        vpcLink: "a VPC link reaches only load balancers its API's account owns",
        endpointService: "an endpoint service fronts load balancers of its own account",
    };
    for (const { arn, path, why } of networkCertificateRefs(network)) {
        const problem = certificatePlacementProblem(arn, { accountId: stack.accountId }, why);
        if (problem) issue(ctx, ["network", ...path], problem, arn);
    }
    for (const { arn, path, kind } of loadBalancerArnRefs(network)) {
        const account = nlbArnParts(arn)?.accountId;
        if (account !== undefined && account !== stack.accountId) {
            issue(ctx, ["network", ...path], `must be a load balancer in this stack's account ${stack.accountId} (got ${account}): ${why[kind]}`, arn);
        }
    }
}

export function checkStackNetwork(stack: CheckedStack, ctx: Ctx): void {
    checkApiReferences(stack, ctx);
    if (stack.network) {
        checkNetworkPlacement(stack, stack.network, ctx);
    }
}
