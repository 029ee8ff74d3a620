import { expect } from "chai";
import { renderPolicyDocument } from "../../tools/plan/mocks";
import { contextOfProvider } from "../../tools/plan/mocks/context";
import { mockResourceOutputs } from "../../tools/plan/mocks/resource-outputs";
import { shippedPlan } from "../support/shipped-plans";

const ctx = { partition: "aws", region: "eu-west-1", accountId: "111111111111", organizationId: "o-abc" };

describe("offline mocks", () => {
    it("renders IAM policy documents as the AWS provider does (single values as strings, lists reverse-sorted)", () => {
        const json = JSON.parse(
            renderPolicyDocument({
                statements: [
                    {
                        sid: "Deny",
                        effect: "Deny",
                        actions: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
                        resources: ["*"],
                        principals: [{ type: "AWS", identifiers: ["*"] }],
                        conditions: [{ test: "ArnNotEquals", variable: "aws:PrincipalArn", values: ["arn:aws:iam::1:role/x"] }],
                    },
                    { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], principals: [{ type: "*", identifiers: ["*"] }] },
                ],
            }),
        );
        expect(json).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Deny",
                    Effect: "Deny",
                    Action: ["backup:UpdateRecoveryPointLifecycle", "backup:DeleteRecoveryPoint"],
                    Resource: "*",
                    Principal: { AWS: "*" },
                    Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::1:role/x" } },
                },
                { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Principal: "*" },
            ],
        });
    });

    it("reads a provider's region and assumed-role account from its JSON-encoded inputs", () => {
        const c = contextOfProvider({ region: "us-west-2", assumeRoles: '[{"roleArn":"arn:aws:iam::999999999999:role/r"}]' }, ctx);
        expect(c).to.include({ region: "us-west-2", accountId: "999999999999" });
        expect(contextOfProvider({ allowedAccountIds: '["222222222222"]' }, ctx)).to.include({ region: "eu-west-1", accountId: "222222222222" });
    });

    it("auto-names resources the way the provider does, from the URN", () => {
        const a = mockResourceOutputs({ urn: "urn:a", type: "aws:sns/topic:Topic", name: "alerts", inputs: {}, ctx });
        const b = mockResourceOutputs({ urn: "urn:b", type: "aws:sns/topic:Topic", name: "alerts", inputs: {}, ctx });
        expect(a.outputs.name).to.match(/^alerts-[0-9a-f]{7}$/);
        expect(a.outputs.name).to.not.equal(b.outputs.name);
        expect(a.outputs.arn).to.equal(`arn:aws:sns:eu-west-1:111111111111:${a.outputs.name}`);
    });

    // Client VPN endpoint ids are cvpn-endpoint-<17 hex>; clients reach
    // <random label>.cvpn-endpoint-<id>.prod.clientvpn.<region>.amazonaws.com (AWS Client VPN
    // Administrator Guide, cvpn-working-endpoint-export.html), so the name AWS reports starts with
    // a wildcard label; the ARN is the provider's (internal/service/ec2/vpnclient_endpoint.go).
    it("gives a Client VPN endpoint its id, ARN and the DNS name clients connect to", () => {
        const out = mockResourceOutputs({ urn: "urn:vpn", type: "aws:ec2clientvpn/endpoint:Endpoint", name: "vpn", inputs: {}, ctx });
        expect(out.id).to.match(/^cvpn-endpoint-[0-9a-f]{17}$/);
        expect(out.outputs.arn).to.equal(`arn:aws:ec2:eu-west-1:111111111111:client-vpn-endpoint/${out.id}`);
        expect(out.outputs.dnsName).to.equal(`*.${out.id}.prod.clientvpn.eu-west-1.amazonaws.com`);
        expect(mockResourceOutputs({ urn: "urn:vpn", type: "aws:ec2clientvpn/endpoint:Endpoint", name: "vpn", inputs: {}, ctx })).to.deep.equal(out);
    });

    it("the dev stack's Client VPN reports a known DNS name in the plan", async () => {
        const vpn = (await shippedPlan("dev")).resources.find((r) => r.type === "gatevault:network:ClientVpnEndpoint")!;
        expect(vpn.record.registeredOutputs?.dnsName).to.match(/^\*\.cvpn-endpoint-[0-9a-f]{17}\.prod\.clientvpn\.[a-z0-9-]+\.amazonaws\.com$/);
    });

    it("gives unknown resource types a stable id and no invented outputs", () => {
        const out = mockResourceOutputs({ urn: "urn:x", type: "aws:xray/group:Group", name: "g", inputs: {}, ctx });
        expect(out.id).to.match(/^g-[0-9a-f]{8}$/);
        expect(out.outputs).to.deep.equal({});
    });
});
