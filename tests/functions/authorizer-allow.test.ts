import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { expect } from "chai";
import { createRequestHandler, createTokenHandler } from "../../functions/authorizer/handlers";
import { API, loggedAuthorizer, methodArn, policyDecision, testSettings } from "./support/authorizer-harness";
import { JwksServer, nowSeconds, sign, signingKey, type SigningKey } from "./support/jwks-server";

describe("JWT authorizer: allowed callers", () => {
    let server: JwksServer;
    let rsa: SigningKey;
    let ec: SigningKey;

    before(async () => {
        [rsa, ec] = await Promise.all([signingKey("rsa-1", "RS256"), signingKey("ec-1", "ES256")]);
        server = await JwksServer.start();
        server.behaviour = { kind: "keys", keys: [rsa.publicJwk, ec.publicJwk] };
    });
    after(() => server.stop());

    for (const alg of ["RS256", "ES256"] as const) {
        it(`allows a valid ${alg} token and returns the principal and its scopes as context`, async () => {
            const { authorize } = loggedAuthorizer(testSettings(server.url));
            const token = await sign(alg === "RS256" ? rsa : ec, { sub: "alice", scope: "orders/read profile" });
            const result = await authorize(token, methodArn("GET", "/orders/42"));
            expect(result.principalId).to.equal("alice");
            expect(result.context).to.deep.equal({ principalId: "alice", scopes: "orders/read profile", groups: "" });
            expect(policyDecision(result, methodArn("GET", "/orders/42"))).to.equal("Allow");
        });
    }

    it("allows every granted route in one policy, so a cached decision serves the caller's other methods", async () => {
        const { authorize } = loggedAuthorizer(testSettings(server.url));
        const token = await sign(rsa, { scope: "orders/read orders/write" });
        // The first call is GET /orders/42; API Gateway caches this policy for the token.
        const cached = await authorize(token, methodArn("GET", "/orders/42"));
        expect(cached.policyDocument.Statement).to.have.length(1);
        expect((cached.policyDocument.Statement[0] as { Resource: string[] }).Resource).to.have.members([
            `${API}/GET/orders`,
            `${API}/GET/orders/*`,
            `${API}/POST/orders`,
        ]);
        expect(policyDecision(cached, methodArn("GET", "/orders"))).to.equal("Allow");
        expect(policyDecision(cached, methodArn("POST", "/orders"))).to.equal("Allow");
        expect(policyDecision(cached, methodArn("GET", "/orders/7"))).to.equal("Allow");
        // Routes the token does not grant stay denied, even from the cached policy.
        expect(policyDecision(cached, methodArn("DELETE", "/orders/7"))).to.equal("Deny");
        expect(policyDecision(cached, methodArn("GET", "/invoices"))).to.equal("Deny");
        // ...and the policy is for this API and stage only.
        expect(policyDecision(cached, "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/prod/GET/orders")).to.equal("Deny");
        expect(policyDecision(cached, "arn:aws:execute-api:eu-west-1:111111111111:zzzzzzzzzz/dev/GET/orders")).to.equal("Deny");
    });

    it("grants routes through group membership (cognito:groups by default)", async () => {
        const { authorize } = loggedAuthorizer(testSettings(server.url));
        const token = await sign(ec, { scope: "", "cognito:groups": ["order-admins"] });
        const result = await authorize(token, methodArn("DELETE", "/orders/9"));
        expect(policyDecision(result, methodArn("DELETE", "/orders/9"))).to.equal("Allow");
        expect(policyDecision(result, methodArn("POST", "/orders"))).to.equal("Allow");
        expect(policyDecision(result, methodArn("GET", "/orders"))).to.equal("Deny");
        expect(result.context?.groups).to.equal("order-admins");
    });

    it("reads scopes from an scp list as well as the scope string", async () => {
        const { authorize } = loggedAuthorizer(testSettings(server.url));
        const token = await sign(rsa, { scope: undefined, scp: ["orders/write"] });
        const result = await authorize(token, methodArn("POST", "/orders"));
        expect(policyDecision(result, methodArn("POST", "/orders"))).to.equal("Allow");
        expect(policyDecision(result, methodArn("GET", "/orders"))).to.equal("Deny");
    });

    it("answers a verified caller without any grant with an explicit Deny for the whole stage", async () => {
        const { authorize } = loggedAuthorizer(testSettings(server.url));
        const result = await authorize(await sign(rsa, { scope: "profile" }), methodArn("GET", "/orders"));
        expect(result.policyDocument.Statement).to.deep.equal([{ Effect: "Deny", Action: "execute-api:Invoke", Resource: [`${API}/*`] }]);
        expect(policyDecision(result, methodArn("GET", "/orders"))).to.equal("Deny");
    });

    it("accepts exp and nbf within the clock tolerance, and checks client_id when configured as the audience claim", async () => {
        const { authorize } = loggedAuthorizer(testSettings(server.url, { audienceClaim: "client_id", audience: ["spa-client"] }));
        const now = nowSeconds();
        const token = await sign(rsa, { aud: undefined, client_id: "spa-client", exp: now - 10, nbf: now + 10 });
        const result = await authorize(token, methodArn("GET", "/orders"));
        expect(policyDecision(result, methodArn("GET", "/orders"))).to.equal("Allow");
    });

    it("fetches the key set once and reuses it across invocations", async () => {
        const before = server.requests;
        const { authorize } = loggedAuthorizer(testSettings(server.url));
        for (let i = 0; i < 5; i++) {
            await authorize(await sign(i % 2 ? rsa : ec), methodArn("GET", "/orders"));
        }
        expect(server.requests - before).to.equal(1);
    });

    it("serves TOKEN events (authorizationToken) and REQUEST events (Authorization header, any case)", async () => {
        const settings = testSettings(server.url);
        const token = await sign(rsa);
        const arn = methodArn("GET", "/orders");
        const viaToken = await createTokenHandler(settings)({ type: "TOKEN", authorizationToken: `Bearer ${token}`, methodArn: arn });
        const viaRequest = await createRequestHandler(settings)({
            type: "REQUEST",
            methodArn: arn,
            headers: { AUTHORIZATION: `bearer ${token}` },
            multiValueHeaders: { AUTHORIZATION: [`bearer ${token}`] },
        } as never);
        for (const result of [viaToken, viaRequest] as APIGatewayAuthorizerResult[]) {
            expect(result.principalId).to.equal("user-1");
            expect(policyDecision(result, arn)).to.equal("Allow");
        }
    });
});
