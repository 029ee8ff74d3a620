// Feature 1: endpoint types; a PRIVATE API's endpoints and resource policy travel in the document.

import { expect } from "chai";
import { apiConfig, build, buildProblems, expectProblem, expectValidOpenApi } from "./support";

/** The endpoint configuration where API Gateway reads it in an OpenAPI 3 document: the first server. */
function endpointConfiguration(document: Record<string, any>): unknown {
    return document.servers?.[0]?.["x-amazon-apigateway-endpoint-configuration"];
}

describe("OpenAPI builder: endpoint type", () => {
    it("adds no endpoint extension or policy to a REGIONAL or EDGE API", () => {
        for (const endpointType of ["REGIONAL", "EDGE"]) {
            const built = build(apiConfig({ endpointType }));
            expect(built.document).to.not.have.any.keys("x-amazon-apigateway-endpoint-configuration", "x-amazon-apigateway-policy", "servers");
        }
    });

    it("limits a PRIVATE API to its VPC endpoints: endpoint ids, then deny outside them and allow through them", async () => {
        const ids = ["vpce-0a1b2c3d4e5f60718", "vpce-0fedcba9876543210"];
        const built = build(apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ids }));
        expect(endpointConfiguration(built.document)).to.deep.equal({ vpcEndpointIds: ids, disableExecuteApiEndpoint: false });
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
        expect(endpointConfiguration(built.document)).to.deep.equal({ disableExecuteApiEndpoint: true });
    });

    // "For OpenAPI 3.0, it should be present under the vendor extensions of the Server object"
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html):
    // at the root of an OpenAPI 3 document API Gateway does not read it.
    it("puts a PRIVATE API's endpoint configuration on the OpenAPI 3 server object, never at the document root", async () => {
        const ids = ["vpce-0a1b2c3d4e5f60718"];
        const built = build(apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ids }));
        expect(built.document.openapi).to.match(/^3\.0\./);
        expect(built.document).to.not.have.property("x-amazon-apigateway-endpoint-configuration");
        expect(built.document.servers).to.deep.equal([{ url: "/", "x-amazon-apigateway-endpoint-configuration": { vpcEndpointIds: ids, disableExecuteApiEndpoint: false } }]);
        await expectValidOpenApi(built.document);
    });

    it("adds the configuration to the first server of a brought document and keeps its other servers", () => {
        const doc = { openapi: "3.0.1", info: { title: "t", version: "1" }, servers: [{ url: "https://a.example.com/v1" }, { url: "https://b.example.com" }], paths: { "/x": { get: { responses: { "200": { description: "ok" } } } } } };
        const api = apiConfig({ endpointType: "PRIVATE", vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718"], routes: [], openApi: { file: "doc.json", defaultIntegration: { type: "MOCK" } } });
        const built = build(api, { files: { "doc.json": JSON.stringify(doc) } });
        expect(built.document.servers).to.deep.equal([
            { url: "https://a.example.com/v1", "x-amazon-apigateway-endpoint-configuration": { vpcEndpointIds: ["vpce-0a1b2c3d4e5f60718"], disableExecuteApiEndpoint: false } },
            { url: "https://b.example.com" },
        ]);
        expect(built.document).to.not.have.property("x-amazon-apigateway-endpoint-configuration");
    });
});
