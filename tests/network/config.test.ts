// gatevault:network through the one stack-config parser: what the shipped stacks parse to,
// and the rules beyond tests/config/invalid-configs.ts (which also runs each of its network
// cases through the plan), each reported at its key path.

import { expect } from "chai";
import { configProblems, stackConfig } from "../support/config-problems";

/** The first problem at `path` must match: stricter than the shared expectProblem, which takes any problem at the path. */
function expectProblem(edit: (c: Record<string, any>) => void, path: string, message: RegExp): void {
    const problems = configProblems(edit);
    const match = problems.find((p) => p.path === path);
    expect(match, `no problem at ${path}; got ${JSON.stringify(problems)}`).to.not.equal(undefined);
    expect(match!.message).to.match(message);
}

const net = (c: Record<string, any>) => c["gatevault:network"];
const lb = (c: Record<string, any>) => net(c).loadBalancers.inventory;
const OTHER_ACCOUNT_NLB = "arn:aws:elasticloadbalancing:eu-west-1:333333333333:loadbalancer/net/legacy/0123456789abcdef";

describe("gatevault:network config", () => {
    it("parses the dev stack's network with its secure defaults filled in", () => {
        const network = stackConfig("dev").network!;
        expect(network.vpc!.demo).to.deep.equal({ cidrBlock: "10.20.0.0/16", availabilityZones: 2, natGateways: "None" });
        expect(network.loadBalancers.inventory.crossZone).to.equal(true);
        // Unset: the component turns deletion protection on in prod stacks only.
        expect(network.loadBalancers.inventory).to.not.have.property("deletionProtection");
        expect(network.loadBalancers.inventory.targetGroup.healthCheck).to.deep.equal({
            protocol: "HTTP",
            port: "traffic-port",
            path: "/health",
            intervalSeconds: 30,
            timeoutSeconds: 10,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        });
        expect(network.executeApiEndpoints.internal.privateDns).to.equal(true);
        expect(network.endpointServices.inventory.acceptanceRequired).to.equal(true);
    });

    it("parses the prod stack's existing VPC, subnets and endpoint ids", () => {
        const network = stackConfig("prod").network!;
        expect(network.vpc).to.deep.include({ id: "vpc-0a1b2c3d4e5f60718" });
        expect(network.vpc!.privateSubnetIds).to.have.length(3);
        expect(network.executeApiEndpoints.shared.existingEndpointId).to.equal("vpce-0a1b2c3d4e5f60718");
        expect(network.endpointServices.inventory.allowedPrincipals.organization).to.deep.equal({
            lookupRoleArn: "arn:aws:iam::999999999999:role/gatevault-organizations-admin",
        });
    });

    describe("load balancers", () => {
        it("keeps names short enough for AWS's 32-character NLB and target group names", () => {
            expectProblem(
                (c) => (net(c).loadBalancers = { "inventory-service": lb(c) }),
                "gatevault:network.loadBalancers.inventory-service",
                /must be 2-12 lower-case letters.*limited to 32 characters/,
            );
        });

        it("matches the target group's protocol to the listener's", () => {
            expectProblem((c) => (lb(c).targetGroup.protocol = "UDP"), "gatevault:network.loadBalancers.inventory.targetGroup.protocol", /must be TCP behind a TCP listener \(got UDP\)/);
        });

        it("takes certificates only on TLS listeners", () => {
            expectProblem(
                (c) => (lb(c).listener.certificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"),
                "gatevault:network.loadBalancers.inventory.listener.certificateArn",
                /is only used by TLS listeners \(protocol is TCP\)/,
            );
        });

        it("takes a path and matcher only on HTTP(S) health checks", () => {
            expectProblem((c) => (lb(c).targetGroup.healthCheck = { protocol: "TCP", path: "/health" }), "gatevault:network.loadBalancers.inventory.targetGroup.healthCheck.path", /only used by HTTP and HTTPS health checks/);
        });

        it("needs exactly one of instanceId or ip per target, and no target twice", () => {
            expectProblem(
                (c) => (lb(c).targetGroup.targets = [{ ip: "10.20.0.10", instanceId: "i-0a1b2c3d4e5f60718" }]),
                "gatevault:network.loadBalancers.inventory.targetGroup.targets[0].instanceId",
                /needs exactly one of instanceId or ip/,
            );
            expectProblem(
                (c) => (lb(c).targetGroup.targets = [{ ip: "10.20.0.10" }, { ip: "10.20.0.10", port: 8080 }]),
                "gatevault:network.loadBalancers.inventory.targetGroup.targets[1]",
                /registers the same target and port as targets\[0\] \(10.20.0.10:8080\)/,
            );
        });

        it("keeps IP targets inside the demo VPC unless marked as outside it", () => {
            const outside = (c: Record<string, any>, target: Record<string, unknown>) => (lb(c).targetGroup.targets = [target]);
            expectProblem((c) => outside(c, { ip: "172.16.0.4" }), "gatevault:network.loadBalancers.inventory.targetGroup.targets[0].ip", /must be inside the demo VPC \(10.20.0.0\/16\)/);
            expect(stackConfig("dev", (c) => outside(c, { ip: "172.16.0.4", availabilityZone: "all" })).network!.loadBalancers.inventory.targetGroup.targets).to.have.length(1);
        });

        it("needs a VPC to be created in", () => {
            expectProblem((c) => delete net(c).vpc, "gatevault:network.loadBalancers.inventory", /needs gatevault:network.vpc/);
        });
    });

    describe("the VPC", () => {
        it("sizes the demo VPC between /16 and /20, and uses its own subnets", () => {
            expectProblem((c) => (net(c).vpc.demo.cidrBlock = "10.20.0.0/24"), "gatevault:network.vpc.demo.cidrBlock", /must be a \/16 to \/20 block \(got \/24\)/);
            expectProblem((c) => (net(c).vpc.privateSubnetIds = ["subnet-0a1b2c3d4e5f60718"]), "gatevault:network.vpc.privateSubnetIds", /must be omitted with demo/);
        });

        it("needs one of an existing VPC or a demo VPC", () => {
            expectProblem((c) => (net(c).vpc = {}), "gatevault:network.vpc", /needs exactly one of id \(an existing VPC\) or demo/);
        });
    });

    describe("execute-api endpoints", () => {
        it("rejects settings an existing endpoint would ignore", () => {
            expectProblem(
                (c) => (net(c).executeApiEndpoints.internal.existingEndpointId = "vpce-0a1b2c3d4e5f60718"),
                "gatevault:network.executeApiEndpoints.internal.allowedCidrs",
                /must be omitted with existingEndpointId/,
            );
        });

        it("takes CIDR blocks at their network address", () => {
            expectProblem(
                (c) => (net(c).executeApiEndpoints.internal.allowedCidrs = ["10.20.1.0/16"]),
                "gatevault:network.executeApiEndpoints.internal.allowedCidrs[0]",
                /must start at its network address \(10.20.0.0\/16, not 10.20.1.0\/16\)/,
            );
        });
    });

    describe("endpoint services", () => {
        it("needs exactly one of a created load balancer or existing ARNs, all in the stack's account", () => {
            expectProblem(
                (c) => (net(c).endpointServices.inventory.loadBalancerArns = [OTHER_ACCOUNT_NLB]),
                "gatevault:network.endpointServices.inventory.loadBalancer",
                /needs exactly one of loadBalancer .* or loadBalancerArns/,
            );
            expectProblem(
                (c) => (net(c).endpointServices.inventory = { loadBalancerArns: [OTHER_ACCOUNT_NLB], allowedPrincipals: { accountIds: ["444444444444"] } }),
                "gatevault:network.endpointServices.inventory.loadBalancerArns[0]",
                /must be a load balancer in this stack's account 111111111111 \(got 333333333333\)/,
            );
        });

        // PrivateLink guide, "Create a service powered by AWS PrivateLink" (Considerations): "A Network Load
        // Balancer can be associated with a single endpoint service"; a REST API VPC link creates an endpoint
        // service on its NLB (API Gateway developer guide, "Grant permissions for API Gateway to create a VPC
        // link": ec2:CreateVpcEndpointServiceConfiguration). The second one would go FAILED at deploy.
        it("refuses one NLB behind a VPC link and an endpoint service: an NLB backs one endpoint service only", () => {
            expectProblem(
                (c) => (net(c).endpointServices.inventory.loadBalancer = "inventory"),
                "gatevault:network.endpointServices.inventory.loadBalancer",
                /names the load balancer "inventory" that vpcLinks.inventory already uses: an NLB can back one VPC endpoint service only/,
            );
            const EXISTING = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/legacy/0123456789abcdef";
            expectProblem(
                (c) => {
                    net(c).vpcLinks.legacy = { loadBalancerArn: EXISTING };
                    net(c).endpointServices.legacy = { loadBalancerArns: [EXISTING], allowedPrincipals: { accountIds: ["444444444444"] } };
                },
                "gatevault:network.endpointServices.legacy.loadBalancerArns[0]",
                new RegExp(`names the load balancer ${EXISTING} that vpcLinks.legacy already uses`),
            );
            // Two links make two endpoint services: the same rule.
            expectProblem((c) => (net(c).vpcLinks.second = { loadBalancer: "inventory" }), "gatevault:network.vpcLinks.second.loadBalancer", /that vpcLinks.inventory already uses/);
        });

        it("accepts the shipped stacks, whose link and service each have their own NLB", () => {
            for (const stack of ["dev", "prod"]) {
                const network = stackConfig(stack).network!;
                const linked = Object.values(network.vpcLinks).map((l) => l.loadBalancer);
                const served = Object.values(network.endpointServices).map((s) => s.loadBalancer);
                expect(linked.filter((name) => served.includes(name)), stack).to.deep.equal([]);
            }
        });

        it("takes accounts as 12-digit ids only: no wildcard principal", () => {
            expectProblem((c) => (net(c).endpointServices.inventory.allowedPrincipals = { accountIds: ["*"] }), "gatevault:network.endpointServices.inventory.allowedPrincipals.accountIds[0]", /12-digit AWS account id/);
        });
    });

    describe("references from APIs", () => {
        it("checks the VPC link of a brought-your-own document's default integration", () => {
            expectProblem(
                (c) => {
                    const api = c["gatevault:apis"][1];
                    api.openApi = { file: "openapi/inventory.json", defaultIntegration: { type: "HTTP_PROXY", uri: "http://inventory.internal.example.com", connectionType: "VPC_LINK", vpcLink: "warehouse" } };
                },
                "gatevault:apis[1].openApi.defaultIntegration.vpcLink",
                /names no VPC link in gatevault:network.vpcLinks \(links: inventory\)/,
            );
        });

        it("reports every broken reference at once", () => {
            const problems = configProblems((c) => {
                const api = c["gatevault:apis"][1];
                api.routes[0].integration.vpcLink = "warehouse";
                api.routes[1].integration.vpcLink = "depot";
                api.vpcEndpointIds = ["internal", "shared"];
            });
            expect(problems.map((p) => p.path)).to.deep.equal([
                "gatevault:apis[1].routes[0].integration.vpcLink",
                "gatevault:apis[1].routes[1].integration.vpcLink",
                "gatevault:apis[1].vpcEndpointIds[1]",
            ]);
        });
    });
});
