// The pure builders behind private connectivity: invoke URL forms, endpoint-service
// principals, the endpoint's ingress rules and policy, target groups, the demo VPC's awsx
// arguments and the region check, without Pulumi.

import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import type { ExecuteApiEndpointConfig, LoadBalancerConfig, NetworkConfig } from "../../components/config/network";
import { parseCidr } from "../../components/config/network/ids";
import {
    demoVpcArgs,
    endpointIngressRules,
    endpointServicePrincipals,
    executeApiEndpointPolicy,
    executeApiServiceName,
    networkRegionProblems,
    privateApiInvokeUrls,
} from "../../components/network";
import { healthCheckArgs, targetRegistrations } from "../../components/network/target-group";
import { editedStack, sourceOf } from "../support/stacks";

/** The dev stack with gatevault:network replaced, parsed: builders get config exactly as the program does. */
function network(value: Record<string, unknown>): NetworkConfig {
    return parseStackConfig(sourceOf(editedStack("dev", (c) => {
        c["gatevault:apis"] = c["gatevault:apis"].filter((a: { name: string }) => a.name !== "inventory");
        c["gatevault:network"] = value;
    }))).network!;
}

const VPC = { id: "vpc-0a1b2c3d4e5f60718", privateSubnetIds: ["subnet-0a1b2c3d4e5f60718"] };
const nlb = (extra: Record<string, unknown> = {}) => ({ listener: { port: 80 }, targetGroup: { targetType: "ip", port: 8080 }, ...extra });

describe("private API invoke URLs", () => {
    it("gives the private DNS form, and per endpoint the Route 53 alias and the x-apigw-api-id form", () => {
        const urls = privateApiInvokeUrls(
            { restApiId: "a1b2c3d4e5", region: "eu-west-1", stage: "v1" },
            { internal: { id: "vpce-0123456789abcdef0", dnsName: "vpce-0123456789abcdef0-abcd1234.execute-api.eu-west-1.vpce.amazonaws.com" } },
        );
        expect(urls).to.deep.equal({
            privateDnsUrl: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/v1",
            viaEndpoint: {
                internal: {
                    aliasUrl: "https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com/v1",
                    endpointUrl: "https://vpce-0123456789abcdef0-abcd1234.execute-api.eu-west-1.vpce.amazonaws.com/v1",
                    headers: { "x-apigw-api-id": "a1b2c3d4e5" },
                },
            },
        });
    });

    it("gives only the alias form for an endpoint known by id alone, and the China DNS suffix in cn regions", () => {
        const urls = privateApiInvokeUrls({ restApiId: "abc123defg", region: "cn-north-1", stage: "prod" }, { "vpce-0123456789abcdef0": { id: "vpce-0123456789abcdef0" } });
        expect(urls.privateDnsUrl).to.equal("https://abc123defg.execute-api.cn-north-1.amazonaws.com.cn/prod");
        expect(urls.viaEndpoint["vpce-0123456789abcdef0"]).to.deep.equal({ aliasUrl: "https://abc123defg-vpce-0123456789abcdef0.execute-api.cn-north-1.amazonaws.com.cn/prod" });
    });

    it("names the execute-api endpoint service of the region", () => {
        expect(executeApiServiceName("eu-west-1")).to.equal("com.amazonaws.eu-west-1.execute-api");
        expect(executeApiServiceName("cn-northwest-1")).to.equal("cn.com.amazonaws.cn-northwest-1.execute-api");
    });
});

describe("endpoint service principals", () => {
    it("allows listed accounts and the organization's active accounts as account roots, once each, sorted", () => {
        const principals = endpointServicePrincipals({
            partition: "aws",
            accountIds: ["444444444444", "222222222222"],
            organizationAccounts: [
                { id: "222222222222", state: "ACTIVE" },
                { id: "555555555555", state: "SUSPENDED" },
                { id: "666666666666", state: "PENDING_CLOSURE" },
                { id: "333333333333", state: "ACTIVE" },
            ],
        });
        expect(principals).to.deep.equal(["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root", "arn:aws:iam::444444444444:root"]);
    });

    it("uses the partition of the stack's region", () => {
        expect(endpointServicePrincipals({ partition: "aws-us-gov", accountIds: ["444444444444"] })).to.deep.equal(["arn:aws-us-gov:iam::444444444444:root"]);
    });
});

describe("execute-api endpoint access", () => {
    const endpoint = (extra: Record<string, unknown>): ExecuteApiEndpointConfig => network({ vpc: VPC, executeApiEndpoints: { internal: extra } }).executeApiEndpoints.internal;

    it("admits 443 from each listed CIDR and security group, one rule each, named by the source", () => {
        const rules = endpointIngressRules(endpoint({ allowedCidrs: ["10.20.0.0/16", "192.168.4.0/24"], allowedSecurityGroupIds: ["sg-0a1b2c3d4e5f60718"] }));
        expect(rules).to.deep.equal([
            { key: "10-20-0-0-16", description: "HTTPS to execute-api from 10.20.0.0/16", cidrIpv4: "10.20.0.0/16" },
            { key: "192-168-4-0-24", description: "HTTPS to execute-api from 192.168.4.0/24", cidrIpv4: "192.168.4.0/24" },
            { key: "sg-0a1b2c3d4e5f60718", description: "HTTPS to execute-api from sg-0a1b2c3d4e5f60718", referencedSecurityGroupId: "sg-0a1b2c3d4e5f60718" },
        ]);
        expect(endpoint({ allowedCidrs: ["10.20.0.0/16"] }).privateDns).to.equal(true);
    });

    it("lets the endpoint invoke only the listed accounts' APIs in its region", () => {
        const policy = executeApiEndpointPolicy({ partition: "aws", region: "eu-west-1", accountIds: ["222222222222", "111111111111", "222222222222"] }) as any;
        expect(policy.Statement).to.have.length(1);
        expect(policy.Statement[0]).to.deep.include({ Effect: "Allow", Action: "execute-api:Invoke", Principal: "*" });
        expect(policy.Statement[0].Resource).to.deep.equal(["arn:aws:execute-api:eu-west-1:111111111111:*", "arn:aws:execute-api:eu-west-1:222222222222:*"]);
    });
});

describe("load balancer targets", () => {
    const lb = (extra: Record<string, unknown>): LoadBalancerConfig => network({ vpc: VPC, loadBalancers: { inventory: nlb(extra) } }).loadBalancers.inventory;

    it("probes HTTP health checks on a path with a status matcher, TCP ones without", () => {
        const http = lb({ targetGroup: { targetType: "ip", port: 8080, healthCheck: { protocol: "HTTP", path: "/health", intervalSeconds: 10, timeoutSeconds: 5 } } });
        expect(healthCheckArgs(http.targetGroup.healthCheck)).to.deep.equal({
            enabled: true,
            protocol: "HTTP",
            port: "traffic-port",
            path: "/health",
            matcher: "200-399",
            interval: 10,
            timeout: 5,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        });
        const tcp = healthCheckArgs(lb({}).targetGroup.healthCheck);
        expect(tcp).to.include({ protocol: "TCP", port: "traffic-port", interval: 30, timeout: 10 });
        expect(tcp.path).to.equal(undefined);
        expect(tcp.matcher).to.equal(undefined);
    });

    it("registers each target under a name derived from its address and port", () => {
        const config = lb({ targetGroup: { targetType: "ip", port: 8080, targets: [{ ip: "10.20.1.15" }, { ip: "172.16.0.4", port: 9000, availabilityZone: "all" }] } });
        expect(targetRegistrations(config)).to.deep.equal([
            { key: "10-20-1-15", targetId: "10.20.1.15", port: undefined, availabilityZone: undefined },
            { key: "172-16-0-4-9000", targetId: "172.16.0.4", port: 9000, availabilityZone: "all" },
        ]);
    });
});

describe("demo VPC arguments", () => {
    it("builds private subnets only and no NAT gateway by default, with DNS on for private endpoint names", () => {
        const demo = network({ vpc: { demo: {} } }).vpc!.demo!;
        expect(demoVpcArgs(demo)).to.deep.equal({
            cidrBlock: "10.0.0.0/16",
            numberOfAvailabilityZones: 2,
            natGateways: { strategy: "None" },
            subnetStrategy: "Auto",
            subnetSpecs: [{ type: "Private" }],
            enableDnsHostnames: true,
            enableDnsSupport: true,
        });
    });

    it("adds public subnets for a single NAT gateway to live in", () => {
        const args = demoVpcArgs(network({ vpc: { demo: { natGateways: "Single", availabilityZones: 3 } } }).vpc!.demo!);
        expect(args.natGateways).to.deep.equal({ strategy: "Single" });
        expect(args.subnetSpecs).to.deep.equal([{ type: "Public" }, { type: "Private" }]);
        expect(args.numberOfAvailabilityZones).to.equal(3);
    });
});

describe("network region check", () => {
    it("reports every load balancer ARN outside the stack's region, with its key path", () => {
        const config = network({
            vpcLinks: { legacy: { loadBalancerArn: "arn:aws:elasticloadbalancing:eu-central-1:111111111111:loadbalancer/net/legacy/0123456789abcdef" } },
            endpointServices: {
                legacy: {
                    loadBalancerArns: [
                        "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/ok/0123456789abcdef",
                        "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/far/0123456789abcdef",
                    ],
                    allowedPrincipals: { accountIds: ["444444444444"] },
                },
            },
        });
        expect(networkRegionProblems(config, "eu-west-1")).to.deep.equal([
            { path: "gatevault:network.vpcLinks.legacy.loadBalancerArn", message: "must be a load balancer in the stack's region eu-west-1 (got eu-central-1)" },
            { path: "gatevault:network.endpointServices.legacy.loadBalancerArns[1]", message: "must be a load balancer in the stack's region eu-west-1 (got us-east-1)" },
        ]);
    });
});

describe("CIDR blocks", () => {
    it("accepts network addresses and says where a misaligned block starts", () => {
        expect(parseCidr("10.20.0.0/16")).to.deep.equal({ base: 10 * 2 ** 24 + 20 * 2 ** 16, prefix: 16 });
        expect(parseCidr("10.20.1.0/16")).to.equal("must start at its network address (10.20.0.0/16, not 10.20.1.0/16)");
        expect(parseCidr("10.20.0.0/33")).to.match(/must be an IPv4 CIDR block/);
        expect(parseCidr("10.256.0.0/16")).to.match(/must be an IPv4 CIDR block/);
    });
});
