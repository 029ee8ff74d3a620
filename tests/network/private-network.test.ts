// Private connectivity under the offline mocks, as the program wires it: the PrivateNetwork
// of each shipped stack's gatevault:network with the stack's APIs. What each mode creates,
// what points at what, what waits for what, and who is let in.

import * as aws from "@pulumi/aws";
import { expect } from "chai";
import type { GatevaultConfig } from "../../components/config";
import { deployGatevault } from "../../components/program";
import type { ProviderSet } from "../../components/shared/providers";
import { REPO_ROOT } from "../../tools/plan/index";
import { PlannedProgram, planFailure, planLookups, planProgram, rawOutputs as outputsOf, stackConfig } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";

const T = {
    network: "gatevault:network:PrivateNetwork",
    demoVpc: "awsx:ec2:Vpc",
    nlb: "aws:lb/loadBalancer:LoadBalancer",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    listener: "aws:lb/listener:Listener",
    vpcLink: "aws:apigateway/vpcLink:VpcLink",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    service: "aws:ec2/vpcEndpointService:VpcEndpointService",
    restApi: "aws:apigateway/restApi:RestApi",
    deployment: "aws:apigateway/deployment:Deployment",
    provider: "pulumi:providers:aws",
};

/** The NLB behind the VPC link and the one behind the endpoint service: never the same (an NLB backs one endpoint service). */
const LINKED_NLB = "network-inventory";
const SERVICE_NLB = "network-inventory-pl";
/** The execute-api endpoint's security group (the Client VPN has one of its own). */
const ENDPOINT_SG = "network-internal-sg";

const LOOKUP_ROLE = "arn:aws:iam::999999999999:role/gatevault-organizations-admin";

/** The program as index.ts builds it, exporting only the private network's outputs (and `alsoOutput`'s). */
function networkProgram(config: GatevaultConfig, alsoOutput?: (providers: ProviderSet) => Record<string, unknown>): () => unknown {
    return () => {
        const { outputs, providers } = deployGatevault(config, { projectDir: REPO_ROOT });
        return { privateApis: outputs.privateApis, privateNetwork: outputs.privateNetwork, ...alsoOutput?.(providers) };
    };
}

/** A stack (config optionally edited), built by the program as index.ts builds it. */
async function planNetwork(
    stack: "dev" | "prod",
    edit?: (c: Record<string, any>) => void,
    alsoOutput?: (providers: ProviderSet) => Record<string, unknown>,
): Promise<PlannedProgram & { config: GatevaultConfig }> {
    const config = stackConfig(stack, edit);
    return { ...(await planProgram(networkProgram(config, alsoOutput), { stack })), config };
}

describe("private connectivity", () => {
    describe("dev: the demo VPC, a created NLB and execute-api endpoint", () => {
        let plan: PlannedProgram;
        const raw = (type: string, name?: string) => plan.rawInputs(plan.one(type, name));
        before(async () => {
            // The shipped dev plan has the same resources and private network outputs.
            plan = planLookups(await shippedPlan("dev"));
        });

        it("creates the demo VPC with awsx, through the explicit provider, with private subnets and no NAT gateway", () => {
            const vpc = plan.one(T.demoVpc, "network-vpc");
            expect(vpc.record.remote).to.equal(true);
            expect(vpc.parent).to.equal(plan.one(T.network).urn);
            const main = plan.one(T.provider, "aws");
            expect(vpc.record.providers).to.deep.equal({ aws: `${main.urn}::${main.record.id}` });
            expect(plan.rawInputs(vpc)).to.deep.include({
                cidrBlock: "10.20.0.0/16",
                numberOfAvailabilityZones: 2,
                natGateways: { strategy: "None" },
                subnetSpecs: [{ type: "Private" }],
                enableDnsSupport: true,
                enableDnsHostnames: true,
            });
        });

        it("puts an internal network load balancer in the demo VPC's private subnets, forwarding to its target group", () => {
            const vpc = outputsOf(plan.one(T.demoVpc));
            const nlb = raw(T.nlb, LINKED_NLB);
            expect(nlb).to.include({ loadBalancerType: "network", internal: true, enableCrossZoneLoadBalancing: true, enableDeletionProtection: false });
            expect(nlb.subnets).to.deep.equal(vpc.privateSubnetIds);
            const targetGroup = plan.one(T.targetGroup, `${LINKED_NLB}-tg`);
            expect(plan.rawInputs(targetGroup)).to.deep.include({ vpcId: vpc.vpcId, targetType: "ip", port: 8080, protocol: "TCP" });
            expect(plan.rawInputs(targetGroup).healthCheck).to.include({ protocol: "HTTP", path: "/health", matcher: "200-399" });
            const listener = raw(T.listener, `${LINKED_NLB}-listener`);
            expect(listener).to.include({ loadBalancerArn: outputsOf(plan.one(T.nlb, LINKED_NLB)).arn, port: 80, protocol: "TCP" });
            expect(listener.defaultActions).to.deep.equal([{ type: "forward", targetGroupArn: outputsOf(targetGroup).arn }]);
            expect(plan.ofType(T.attachment)).to.have.length(0);
        });

        it("links API Gateway to that NLB's ARN, after the NLB and its listener exist", () => {
            const link = plan.one(T.vpcLink, "network-link-inventory");
            expect(plan.rawInputs(link)).to.include({ name: "inventory", targetArn: outputsOf(plan.one(T.nlb, LINKED_NLB)).arn });
            // Depending on the NLB component is depending on each of its resources.
            expect(link.record.dependencies).to.include.members([plan.one(T.nlb, LINKED_NLB).urn, plan.one(T.listener, `${LINKED_NLB}-listener`).urn]);
        });

        it("sends the private API's VPC_LINK routes through the link, and deploys only after the link and endpoint exist", () => {
            const linkId = plan.one(T.vpcLink).record.id;
            const body = JSON.parse(raw(T.restApi, "inventory-rest-api").body);
            for (const path of ["/items", "/items/{itemId}"]) {
                expect(body.paths[path].get["x-amazon-apigateway-integration"]).to.include({ type: "http_proxy", connectionType: "VPC_LINK", connectionId: linkId });
            }
            const deployment = plan.one(T.deployment, "inventory-deployment").record;
            expect(deployment.dependencies).to.include.members([plan.one(T.vpcLink).urn, plan.one(T.endpoint).urn]);
        });

        it("creates the execute-api endpoint in the private subnets, with private DNS, its own security group and a policy for this account's APIs", () => {
            const vpc = outputsOf(plan.one(T.demoVpc));
            const endpoint = raw(T.endpoint);
            expect(endpoint).to.deep.include({
                vpcId: vpc.vpcId,
                serviceName: "com.amazonaws.eu-west-1.execute-api",
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: vpc.privateSubnetIds,
                securityGroupIds: [plan.one(T.securityGroup, ENDPOINT_SG).record.id],
            });
            expect(JSON.parse(endpoint.policy).Statement[0].Resource).to.deep.equal(["arn:aws:execute-api:eu-west-1:111111111111:*"]);
        });

        it("admits 443 from the configured range (and the Client VPN's security group) only, with no egress rule at all", () => {
            const sg = plan.one(T.securityGroup, ENDPOINT_SG);
            expect(plan.rawInputs(sg).egress).to.equal(undefined);
            expect(plan.rawInputs(sg).ingress).to.equal(undefined);
            const rules = plan.ofType(T.ingress).map((r) => plan.rawInputs(r)).filter((r) => r.securityGroupId === sg.record.id);
            expect(rules).to.deep.equal([
                {
                    securityGroupId: sg.record.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: "10.20.0.0/16",
                    description: "HTTPS to execute-api from 10.20.0.0/16",
                },
                {
                    securityGroupId: sg.record.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    referencedSecurityGroupId: plan.one(T.securityGroup, "network-vpn-sg").record.id,
                    description: "HTTPS to execute-api from Client VPN network-vpn",
                },
            ]);
            expect([...plan.ofType(T.egress), ...plan.ofType(T.sgRule)].filter((r) => plan.rawInputs(r).securityGroupId === sg.record.id)).to.have.length(0);
        });

        it("limits the private API to exactly the created endpoint: endpoint configuration and resource policy", () => {
            const endpointId = plan.one(T.endpoint).record.id;
            const restApi = raw(T.restApi, "inventory-rest-api");
            expect(restApi.endpointConfiguration).to.deep.equal({ types: "PRIVATE", vpcEndpointIds: [endpointId] });
            const policy = JSON.parse(restApi.body)["x-amazon-apigateway-policy"];
            const sources = policy.Statement.map((s: any) => s.Condition.StringEquals?.["aws:SourceVpce"] ?? s.Condition.StringNotEquals?.["aws:SourceVpce"]);
            expect(sources).to.deep.equal([[endpointId], [endpointId]]);
            expect(policy.Statement.map((s: any) => s.Effect)).to.deep.equal(["Deny", "Allow"]);
        });

        it("offers its own NLB (not the linked one) as an endpoint service to the listed account only, each connection waiting for acceptance", () => {
            expect(raw(T.service)).to.deep.include({
                acceptanceRequired: true,
                networkLoadBalancerArns: [outputsOf(plan.one(T.nlb, SERVICE_NLB)).arn],
                allowedPrincipals: ["arn:aws:iam::444444444444:root"],
                supportedIpAddressTypes: ["ipv4"],
            });
        });

        it("outputs the invoke URL forms that work inside the VPC", () => {
            const restApiId = plan.one(T.restApi, "inventory-rest-api").record.id;
            const endpoint = plan.one(T.endpoint);
            expect(plan.outputs.privateApis).to.deep.equal({
                inventory: {
                    privateDnsUrl: `https://${restApiId}.execute-api.eu-west-1.amazonaws.com/dev`,
                    viaEndpoint: {
                        internal: {
                            aliasUrl: `https://${restApiId}-${endpoint.record.id}.execute-api.eu-west-1.amazonaws.com/dev`,
                            endpointUrl: `https://${outputsOf(endpoint).dnsEntries[0].dnsName}/dev`,
                            headers: { "x-apigw-api-id": restApiId },
                        },
                    },
                },
            });
        });
    });

    describe("prod: existing VPC, subnets and endpoint from config", () => {
        let plan: PlannedProgram & { config: GatevaultConfig };
        const raw = (type: string, name?: string) => plan.rawInputs(plan.one(type, name));
        before(async () => {
            // What Organizations answers the lookup role, to compare the principals against.
            plan = await planNetwork("prod", undefined, (providers) => ({
                organization: aws.organizations.getOrganizationOutput({}, { provider: providers.get({ assumeRoleArn: LOOKUP_ROLE }) }),
            }));
        });

        it("creates no VPC and no endpoint: the load balancer goes into the configured subnets and VPC", () => {
            const vpc = plan.config.network!.vpc!;
            expect(plan.ofType(T.demoVpc)).to.have.length(0);
            expect(plan.ofType(T.endpoint)).to.have.length(0);
            expect(plan.ofType(T.securityGroup)).to.have.length(0);
            for (const nlb of [LINKED_NLB, SERVICE_NLB]) {
                expect(raw(T.nlb, nlb).subnets).to.deep.equal(vpc.privateSubnetIds);
                expect(raw(T.targetGroup, `${nlb}-tg`).vpcId).to.equal(vpc.id);
            }
        });

        it("protects the prod NLB from deletion and terminates TLS with the configured certificate", () => {
            expect(raw(T.nlb, LINKED_NLB).enableDeletionProtection).to.equal(true);
            expect(raw(T.listener, `${LINKED_NLB}-listener`)).to.include({
                protocol: "TLS",
                port: 443,
                certificateArn: plan.config.network!.loadBalancers.inventory.listener.certificateArn,
                sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            });
            expect(raw(T.targetGroup, `${LINKED_NLB}-tg`).protocol).to.equal("TCP");
        });

        it("registers the configured instances in the target group", () => {
            const targetGroupArn = outputsOf(plan.one(T.targetGroup, `${LINKED_NLB}-tg`)).arn;
            const attachments = plan.ofType(T.attachment).map((r) => plan.rawInputs(r)).filter((a) => a.targetGroupArn === targetGroupArn);
            expect(attachments.map((a) => a.targetId)).to.deep.equal(["i-0a1b2c3d4e5f60718", "i-1b2c3d4e5f6071829"]);
            expect(attachments.every((a) => a.targetGroupArn === targetGroupArn)).to.equal(true);
        });

        it("limits the private API to the existing endpoint id from config", () => {
            const id = plan.config.network!.executeApiEndpoints.shared.existingEndpointId!;
            const restApi = raw(T.restApi, "inventory-rest-api");
            expect(restApi.endpointConfiguration.vpcEndpointIds).to.deep.equal([id]);
            expect(JSON.parse(restApi.body)["x-amazon-apigateway-policy"].Statement[1].Condition.StringEquals["aws:SourceVpce"]).to.deep.equal([id]);
            const urls = (plan.outputs.privateApis as any).inventory.viaEndpoint.shared;
            expect(urls.aliasUrl).to.match(new RegExp(`^https://[a-z0-9]{10}-${id}\\.execute-api\\.eu-west-1\\.amazonaws\\.com/v1$`));
            // The existing endpoint's DNS name is read from EC2, not invented.
            expect(urls.endpointUrl).to.match(new RegExp(`^https://${id}-[0-9a-f]{8}\\.execute-api\\.eu-west-1\\.vpce\\.amazonaws\\.com/v1$`));
        });

        it("allows the partner account and the organization's active accounts, read through the lookup role's provider", () => {
            const org = plan.outputs.organization as { accounts: { id: string; state: string }[] };
            const active = org.accounts.filter((a) => a.state === "ACTIVE").map((a) => a.id);
            expect(org.accounts.some((a) => a.state !== "ACTIVE")).to.equal(true);
            const expected = [...new Set(["444444444444", ...active])].sort().map((id) => `arn:aws:iam::${id}:root`);
            expect(raw(T.service).allowedPrincipals).to.deep.equal(expected);
            expect(raw(T.service).acceptanceRequired).to.equal(true);
            const lookup = plan.one(T.provider, "aws-999999999999-eu-west-1");
            // Provider inputs with structure reach the engine JSON-encoded.
            expect(JSON.parse(plan.rawInputs(lookup).assumeRoles)[0].roleArn).to.equal(LOOKUP_ROLE);
        });
    });

    describe("other modes", () => {
        const EXISTING_NLB = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/legacy/0123456789abcdef";
        const OTHER_EXISTING_NLB = "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/legacy-pl/fedcba9876543210";

        it("links to an existing NLB by ARN without creating one, and the deployment still waits for the link", async () => {
            const plan = await planNetwork("dev", (c) => {
                const net = c["gatevault:network"];
                net.vpcLinks.inventory = { loadBalancerArn: EXISTING_NLB };
                net.endpointServices.inventory = { loadBalancerArns: [OTHER_EXISTING_NLB], allowedPrincipals: { accountIds: ["444444444444"] }, acceptanceRequired: false };
                delete net.loadBalancers;
            });
            expect(plan.ofType(T.nlb)).to.have.length(0);
            expect(plan.rawInputs(plan.one(T.vpcLink)).targetArn).to.equal(EXISTING_NLB);
            expect(plan.one(T.deployment, "inventory-deployment").record.dependencies).to.include(plan.one(T.vpcLink).urn);
            expect(plan.rawInputs(plan.one(T.service))).to.deep.include({ networkLoadBalancerArns: [OTHER_EXISTING_NLB], acceptanceRequired: false });
        });

        it("admits security groups as sources, and other accounts' APIs only when listed", async () => {
            const plan = await planNetwork("dev", (c) => {
                c["gatevault:network"].executeApiEndpoints.internal = {
                    allowedSecurityGroupIds: ["sg-0a1b2c3d4e5f60718"],
                    privateDns: false,
                    invokableAccountIds: ["111111111111", "555555555555"],
                };
            });
            // The Client VPN's rule comes from clientVpn.executeApiEndpoints, not from the endpoint's sources.
            const rules = plan.ofType(T.ingress).filter((r) => r.name !== "network-internal-https-from-vpn").map((r) => plan.rawInputs(r));
            expect(rules).to.have.length(1);
            expect(rules[0]).to.include({ referencedSecurityGroupId: "sg-0a1b2c3d4e5f60718", fromPort: 443, toPort: 443 });
            expect(rules[0].cidrIpv4).to.equal(undefined);
            const endpoint = plan.rawInputs(plan.one(T.endpoint));
            expect(endpoint.privateDnsEnabled).to.equal(false);
            expect(JSON.parse(endpoint.policy).Statement[0].Resource).to.deep.equal([
                "arn:aws:execute-api:eu-west-1:111111111111:*",
                "arn:aws:execute-api:eu-west-1:555555555555:*",
            ]);
        });

        it("lets a PRIVATE API name endpoints by bare id too, with the alias URL form only", async () => {
            const plan = await planNetwork("dev", (c) => {
                c["gatevault:apis"][1].vpcEndpointIds = ["internal", "vpce-0fedcba9876543210"];
            });
            const endpointId = plan.one(T.endpoint).record.id;
            const policy = JSON.parse(plan.rawInputs(plan.one(T.restApi, "inventory-rest-api")).body)["x-amazon-apigateway-policy"];
            expect(policy.Statement[1].Condition.StringEquals["aws:SourceVpce"]).to.deep.equal([endpointId, "vpce-0fedcba9876543210"]);
            const via = (plan.outputs.privateApis as any).inventory.viaEndpoint;
            expect(Object.keys(via["vpce-0fedcba9876543210"])).to.deep.equal(["aliasUrl"]);
            expect(via.internal.endpointUrl).to.be.a("string");
        });

        it("refuses a load balancer ARN of another region before creating anything", async () => {
            const other = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/legacy/0123456789abcdef";
            const error = await planFailure(networkProgram(stackConfig("dev", (c) => (c["gatevault:network"].vpcLinks.inventory = { loadBalancerArn: other }))));
            expect(error?.plan.error?.kind).to.equal("config");
            expect(error?.plan.error?.problems).to.deep.equal([
                { path: "gatevault:network.vpcLinks.inventory.loadBalancerArn", message: "must be a load balancer in the stack's region eu-west-1 (got us-east-1)" },
            ]);
            expect(error?.plan.resources.filter((r) => r.type.startsWith("gatevault:") || r.type.startsWith("awsx:"))).to.deep.equal([]);
        });
    });
});
