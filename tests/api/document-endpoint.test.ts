// Feature 1: endpoint types; a PRIVATE API's endpoints and resource policy travel in the document.

import { expect } from "chai";
import { apiConfig, build, buildProblems, expectProblem, expectValidOpenApi } from "./support";

describe("OpenAPI builder: endpoint type", () => {
    it("adds no endpoint extension or policy to a REGIONAL or EDGE API", () => {
        for (const endpointType of ["REGIONAL", "EDGE"]) {
            const built = build(apiConfig({ endpointType }));
            expect(built.document).to.not.have.any.keys("x-amazon-apigateway-endpoint-configuration", "x-amazon-apigateway-policy");
        }
    });

    it("limits a PRIVATE API to its VPC endpoints: endpoint ids, then deny outside them and allow through them", async () => {
        const ids = ["vpce-0a1b2c3d4e5f60718", "vpce-0fedcba9876543210"];
        const built = build(apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ids }));
        expect(built.document["x-amazon-apigateway-endpoint-configuration"]).to.deep.equal({ vpcEndpointIds: ids, disableExecuteApiEndpoint: false });
        const policy = built.document["x-amazon-apigateway-policy"] as { Statement: any[] };
        const deny = policy.Statement.find((s) => s.Effect === "Deny");
        const allow = policy.Statement.find((s) => s.Effect === "Allow");
        expect(deny).to.deep.include({ Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" });
        expect(deny.Condition).to.deep.equal({ StringNotEquals: { "aws:SourceVpce": ids } });
        expect(allow).to.deep.include({ Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" });
        expect(allow.Condition).to.deep.equal({ StringEquals: { "aws:SourceVpce": ids } });
        expect(policy.Statement).to.have.length(2);
        await expectValidOpenApi(built.document);
    });

    it("takes endpoints the program supplies by name as tokens, and names an unknown one with its key path", () => {
        const api = apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ["shared-endpoint"] });
        const built = build(api, { available: { vpcEndpoints: ["shared-endpoint"] } });
        expect(built.references).to.deep.equal([
            { token: "@@gatevault:vpc-endpoint-id:shared-endpoint@@", kind: "vpc-endpoint-id", name: "shared-endpoint" },
        ]);
        expect(built.text).to.contain('"aws:SourceVpce":["@@gatevault:vpc-endpoint-id:shared-endpoint@@"]');

        expectProblem(buildProblems(api), "gatevault:apis[0].vpcEndpointIds[0]", /names no VPC endpoint the program supplies .*supplied: none/);
    });

    it("turns off the execute-api endpoint when asked", () => {
        const built = build(apiConfig({ disableExecuteApiEndpoint: true }));
        expect(built.document["x-amazon-apigateway-endpoint-configuration"]).to.deep.equal({ disableExecuteApiEndpoint: true });
    });
});
