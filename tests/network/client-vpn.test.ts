// gatevault:network.clientVpn: the config AWS accepts (Client VPN Administrator Guide, "Rules and
// best practices": a client CIDR of /12 to /22 that does not overlap the VPC; the provider's
// schema in terraform-provider-aws internal/service/ec2/client_vpn_endpoint.go for timeouts,
// ports and authentication types), what the dev stack builds from it, and the path it opens:
// a VPN client to the execute-api endpoint, and through it to the PRIVATE API.

import { expect } from "chai";
import { clientVpnAuthentication, clientVpnEgressRules, clientVpnNetworks, vpcResolver } from "../../components/network";
import { checkStack } from "../../components/program";
import { REPO_ROOT } from "../../tools/plan/index";
import { configProblems, expectProblem, problemsOf, stackConfig } from "../support/config-problems";
import { planLookups, rawInputs, rawOutputs, type PlannedProgram } from "../support/plan-program";
import { shippedPlan } from "../support/shipped-plans";
import { planEditedStack } from "../support/stacks";

const vpn = (c: Record<string, any>) => c["gatevault:network"].clientVpn;
const CERT = (region = "eu-west-1", account = "111111111111") => `arn:aws:acm:${region}:${account}:certificate/5b2c3d4e-6f70-4a8b-9cad-1e2f3a4b5c6d`;
const SAML = "arn:aws:iam::111111111111:saml-provider/corporate-idp";

describe("Client VPN: config", () => {
    it("parses the dev stack's endpoint with split tunnel defaults: 8-hour sessions over UDP 443", () => {
        const config = stackConfig("dev").network!.clientVpn!;
        expect(config).to.deep.include({ clientCidrBlock: "10.100.0.0/22", sessionTimeoutHours: 8, transportProtocol: "udp", vpnPort: 443, executeApiEndpoints: ["internal"], logRetentionDays: 14 });
    });

    it("takes a client range of /12 to /22 that overlaps neither the VPC nor the networks it authorizes", () => {
        expectProblem(configProblems((c) => (vpn(c).clientCidrBlock = "10.100.0.0/23")), "gatevault:network.clientVpn.clientCidrBlock", /must be a \/12 to \/22 block \(Client VPN's limits; got \/23\)/);
        expectProblem(configProblems((c) => (vpn(c).clientCidrBlock = "10.0.0.0/11")), "gatevault:network.clientVpn.clientCidrBlock", /got \/11/);
        expectProblem(configProblems((c) => (vpn(c).clientCidrBlock = "10.20.4.0/22")), "gatevault:network.clientVpn.clientCidrBlock", /must not overlap vpc.demo.cidrBlock \(10.20.0.0\/16\)/);
        expectProblem(
            configProblems((c) => Object.assign(vpn(c), { clientCidrBlock: "172.16.0.0/22", authorizedCidrs: ["172.16.0.0/12"] })),
            "gatevault:network.clientVpn.clientCidrBlock",
            /must not overlap clientVpn.authorizedCidrs.0 \(172.16.0.0\/12\)/,
        );
    });

    it("needs exactly one way to sign in, and values AWS takes for timeouts and ports", () => {
        expectProblem(configProblems((c) => (vpn(c).authentication = {})), "gatevault:network.clientVpn.authentication", /needs exactly one of mutualTls .* or saml/);
        expectProblem(
            configProblems((c) => (vpn(c).authentication.saml = { samlProviderArn: SAML })),
            "gatevault:network.clientVpn.authentication",
            /needs exactly one of mutualTls/,
        );
        expectProblem(configProblems((c) => (vpn(c).sessionTimeoutHours = 6)), "gatevault:network.clientVpn.sessionTimeoutHours", /./);
        expectProblem(configProblems((c) => (vpn(c).vpnPort = 8443)), "gatevault:network.clientVpn.vpnPort", /./);
    });

    it("needs the networks to authorize with an existing VPC, and admits VPN clients only to endpoints gatevault creates", () => {
        const prod = (edit: (c: Record<string, any>) => void) => problemsOf(() => stackConfig("prod", (c) => {
            c["gatevault:network"].clientVpn = { clientCidrBlock: "10.100.0.0/22", serverCertificateArn: CERT("eu-west-1", "222222222222"), authentication: { saml: { samlProviderArn: SAML.replace("111111111111", "222222222222") } } };
            edit(c);
        }));
        expectProblem(prod(() => undefined), "gatevault:network.clientVpn.authorizedCidrs", /is required with an existing VPC/);
        expectProblem(prod((c) => (vpn(c).executeApiEndpoints = ["shared"])), "gatevault:network.clientVpn.executeApiEndpoints[0]", /names an existing endpoint \(vpce-0a1b2c3d4e5f60718\), whose security group gatevault does not manage/);
        expectProblem(configProblems((c) => (vpn(c).executeApiEndpoints = ["nope"])), "gatevault:network.clientVpn.executeApiEndpoints[0]", /names no endpoint in gatevault:network.executeApiEndpoints \(endpoints: internal\)/);
    });

    it("takes its certificates from ACM in the stack's region and account", () => {
        expectProblem(configProblems((c) => (vpn(c).serverCertificateArn = CERT("eu-west-1", "999999999999"))), "gatevault:network.clientVpn.serverCertificateArn", /of this stack's account 111111111111 \(got 999999999999\)/);
        const config = stackConfig("dev", (c) => (vpn(c).authentication.mutualTls.clientRootCertificateChainArn = CERT("us-east-1")));
        expectProblem(
            problemsOf(() => checkStack(config, { projectDir: REPO_ROOT })),
            "gatevault:network.clientVpn.authentication.mutualTls.clientRootCertificateChainArn",
            /must be an ACM certificate in eu-west-1 \(got us-east-1\): a Client VPN endpoint takes certificates from ACM in its own region/,
        );
    });
});

describe("Client VPN: what it opens", () => {
    it("uses the VPC's Amazon DNS server (base + 2) and authorizes the demo VPC's range by default", () => {
        const config = stackConfig("dev").network!.clientVpn!;
        expect(vpcResolver("10.20.0.0/16")).to.equal("10.20.0.2");
        expect(clientVpnNetworks(config, "10.20.0.0/16")).to.deep.equal({ authorizedCidrs: ["10.20.0.0/16"], dnsServers: ["10.20.0.2"] });
        expect(clientVpnNetworks({ ...config, authorizedCidrs: ["10.9.0.0/16"], dnsServers: undefined })).to.deep.equal({ authorizedCidrs: ["10.9.0.0/16"] });
    });

    it("lets clients out for HTTPS to the authorized networks and DNS to its resolvers, nothing else", () => {
        const rules = clientVpnEgressRules({ authorizedCidrs: ["10.20.0.0/16"], dnsServers: ["10.20.0.2"] });
        expect(rules.map((r) => `${r.ipProtocol}/${r.port} ${r.cidrIpv4}`)).to.deep.equal(["tcp/443 10.20.0.0/16", "udp/53 10.20.0.2/32", "tcp/53 10.20.0.2/32"]);
    });

    it("signs clients in with the CA chain, or through SAML with the self-service portal's provider", () => {
        const config = stackConfig("dev").network!.clientVpn!;
        expect(clientVpnAuthentication(config)).to.deep.equal([{ type: "certificate-authentication", rootCertificateChainArn: config.authentication.mutualTls!.clientRootCertificateChainArn }]);
        expect(clientVpnAuthentication({ ...config, authentication: { saml: { samlProviderArn: SAML, selfServiceSamlProviderArn: SAML } } })).to.deep.equal([
            { type: "federated-authentication", samlProviderArn: SAML, selfServiceSamlProviderArn: SAML },
        ]);
    });
});

describe("Client VPN: the dev stack", () => {
    let plan: PlannedProgram;
    const T = {
        endpoint: "aws:ec2clientvpn/endpoint:Endpoint",
        association: "aws:ec2clientvpn/networkAssociation:NetworkAssociation",
        rule: "aws:ec2clientvpn/authorizationRule:AuthorizationRule",
        ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        logGroup: "aws:cloudwatch/logGroup:LogGroup",
        logStream: "aws:cloudwatch/logStream:LogStream",
        sg: "aws:ec2/securityGroup:SecurityGroup",
    };
    before(async () => {
        plan = planLookups(await shippedPlan("dev"));
    });

    it("creates the endpoint in the demo VPC with split tunnel, its own security group and every connection logged", () => {
        const endpoint = rawInputs(plan.one(T.endpoint));
        const vpc = rawOutputs(plan.one("awsx:ec2:Vpc"));
        const sg = plan.one(T.sg, "network-vpn-sg");
        expect(endpoint).to.deep.include({ splitTunnel: true, clientCidrBlock: "10.100.0.0/22", vpcId: vpc.vpcId, securityGroupIds: [sg.record.id], dnsServers: ["10.20.0.2"] });
        const logGroup = plan.one(T.logGroup, "network-vpn-connections");
        const stream = plan.one(T.logStream, "network-vpn-connections");
        // The stream lives in the group; the endpoint logs to both by name.
        expect(rawInputs(stream).logGroupName).to.match(/^\/aws\/clientvpn\/network-vpn-/);
        expect(endpoint.connectionLogOptions).to.deep.equal({ enabled: true, cloudwatchLogGroup: rawInputs(stream).logGroupName, cloudwatchLogStream: "connections" });
        expect(rawInputs(logGroup).retentionInDays).to.equal(14);
    });

    it("associates it with each private subnet of the demo VPC and authorizes the VPC's range for every user", () => {
        const vpc = rawOutputs(plan.one("awsx:ec2:Vpc"));
        const endpointId = plan.one(T.endpoint).record.id;
        expect(plan.ofType(T.association).map((a) => rawInputs(a))).to.deep.equal(vpc.privateSubnetIds.map((subnetId: string) => ({ clientVpnEndpointId: endpointId, subnetId })));
        expect(plan.ofType(T.rule).map((r) => rawInputs(r))).to.deep.equal([
            { clientVpnEndpointId: endpointId, targetNetworkCidr: "10.20.0.0/16", authorizeAllGroups: true, description: "VPN clients to 10.20.0.0/16" },
        ]);
    });

    it("opens the path to the PRIVATE API: the execute-api endpoint admits the VPN's security group on 443, and the API admits that endpoint", () => {
        const vpnSg = plan.one(T.sg, "network-vpn-sg").record.id;
        const endpointSg = plan.one(T.sg, "network-internal-sg").record.id;
        expect(rawInputs(plan.one(T.ingress, "network-internal-https-from-vpn"))).to.include({ securityGroupId: endpointSg, referencedSecurityGroupId: vpnSg, fromPort: 443, toPort: 443, ipProtocol: "tcp" });
        const vpce = plan.one("aws:ec2/vpcEndpoint:VpcEndpoint").record.id;
        const body = JSON.parse(rawInputs(plan.one("aws:apigateway/restApi:RestApi", "inventory-rest-api")).body);
        expect(body.servers[0]["x-amazon-apigateway-endpoint-configuration"].vpcEndpointIds).to.deep.equal([vpce]);
        expect(plan.outputs.privateNetwork).to.have.nested.property("clientVpn.endpointId", plan.one(T.endpoint).record.id);
    });

    it("signs SAML users in through the provider, authorizing only the access group when one is named", async () => {
        const result = await planEditedStack("dev", (c) => (vpn(c).authentication = { saml: { samlProviderArn: SAML, accessGroupId: "platform-engineers" } }));
        expect(result.summary.exitCode, result.error?.message).to.equal(0);
        const saml = planLookups(result);
        expect(rawInputs(saml.one(T.endpoint)).authenticationOptions).to.deep.equal([{ type: "federated-authentication", samlProviderArn: SAML }]);
        expect(rawInputs(saml.one(T.rule))).to.include({ accessGroupId: "platform-engineers" }).and.not.have.property("authorizeAllGroups");
    });
});
