import { expect } from "chai";
import { CognitoUserPool, type CognitoUserPoolArgs } from "../../components/auth/cognito-user-pool";
import { ProviderSet } from "../../components/shared/providers";
import { containsSecret } from "../../tools/plan/properties";
import { planProgram, stackConfig } from "../support/plan-program";

const POOL = "aws:cognito/userPool:UserPool";
const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";

function devArgs(edit: (c: CognitoUserPoolArgs) => void = () => undefined): CognitoUserPoolArgs {
    const args = structuredClone(stackConfig("dev").cognito!) as CognitoUserPoolArgs;
    edit(args);
    return args;
}

async function planCognito(args: CognitoUserPoolArgs) {
    return planProgram(() => {
        const provider = new ProviderSet(stackConfig("dev")).main;
        const c = new CognitoUserPool("users", args, { provider });
        return { poolId: c.userPoolId, poolArn: c.userPoolArn, clientId: c.clientId, scopes: c.scopes, issuer: c.issuerUrl, jwks: c.jwksUrl, hasSecret: c.clientSecret !== undefined };
    });
}

describe("CognitoUserPool component", () => {
    it("creates a pool with secure defaults, a resource server, the OAuth domain and an SPA client without a secret", async () => {
        const plan = await planCognito(devArgs());
        const pool = plan.rawInputs(plan.one(POOL, "users-pool"));
        expect(pool.adminCreateUserConfig).to.deep.equal({ allowAdminCreateUserOnly: true });
        expect(pool.passwordPolicy).to.include({ minimumLength: 12, requireSymbols: true, requireNumbers: true });
        expect(pool).to.include({ mfaConfiguration: "OPTIONAL", deletionProtection: "INACTIVE" });
        expect(pool.softwareTokenMfaConfiguration).to.deep.equal({ enabled: true });

        const out = plan.outputs as Record<string, any>;
        expect(out.poolArn).to.equal(`arn:aws:cognito-idp:eu-west-1:111111111111:userpool/${out.poolId}`);
        expect(out.scopes).to.deep.equal(["orders/read", "orders/write"]);
        expect(out.issuer).to.equal(`https://cognito-idp.eu-west-1.amazonaws.com/${out.poolId}`);
        expect(out.jwks).to.equal(`${out.issuer}/.well-known/jwks.json`);

        const server = plan.rawInputs(plan.one("aws:cognito/resourceServer:ResourceServer"));
        expect(server).to.deep.include({ userPoolId: out.poolId, identifier: "orders" });
        expect(server.scopes).to.deep.equal([
            { scopeName: "read", scopeDescription: "Read orders" },
            { scopeName: "write", scopeDescription: "Create orders and upload attachments" },
        ]);
        expect(plan.rawInputs(plan.one("aws:cognito/userPoolDomain:UserPoolDomain"))).to.deep.include({ domain: "gatevault-dev-orders", userPoolId: out.poolId });

        const client = plan.rawInputs(plan.one(CLIENT));
        expect(client).to.include({ generateSecret: false, preventUserExistenceErrors: "ENABLED", enableTokenRevocation: true, accessTokenValidity: 60 });
        expect(client.allowedOauthFlows).to.deep.equal(["code"]);
        expect(client.allowedOauthScopes).to.deep.equal(["openid", "email", "orders/read", "orders/write"]);
        expect(client.callbackUrls).to.deep.equal(["http://localhost:3000/callback"]);
        expect(out.hasSecret).to.equal(false);
        // The scopes come from the resource server's output, so the client waits for it.
        expect(plan.one(CLIENT).record.dependencies).to.include(plan.one("aws:cognito/resourceServer:ResourceServer").urn);
    });

    it("exports the secret of a confidential client only as a secret", async () => {
        const plan = await planCognito(
            devArgs((c) => {
                c.client = { ...c.client, generateSecret: true, oauthFlows: ["client_credentials"], callbackUrls: [] };
            }),
        );
        const client = plan.rawInputs(plan.one(CLIENT));
        expect(client.generateSecret).to.equal(true);
        expect(client.allowedOauthScopes).to.deep.equal(["orders/read", "orders/write"]);
        expect(plan.one(CLIENT).record.options.additionalSecretOutputs).to.include("clientSecret");
        const registered = plan.one("gatevault:auth:CognitoUserPool").record.registeredOutputs!;
        expect(registered).to.have.property("clientSecret");
        expect(containsSecret(registered.clientSecret)).to.equal(true);
        expect(containsSecret(registered.clientId)).to.equal(false);
    });

    it("references an existing pool by ARN: no pool created, resource server and client added to it", async () => {
        const arn = "arn:aws:cognito-idp:eu-central-1:111111111111:userpool/eu-central-1_AbC123xyz";
        const plan = await planCognito(
            devArgs((c) => {
                c.existingUserPoolArn = arn;
                delete c.userPool;
                delete c.domainPrefix;
            }),
        );
        expect(plan.ofType(POOL)).to.have.length(0);
        const out = plan.outputs as Record<string, any>;
        expect(out).to.include({ poolId: "eu-central-1_AbC123xyz", poolArn: arn, issuer: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC123xyz" });
        expect(plan.rawInputs(plan.one(CLIENT)).userPoolId).to.equal("eu-central-1_AbC123xyz");
        expect(plan.rawInputs(plan.one("aws:cognito/resourceServer:ResourceServer")).userPoolId).to.equal("eu-central-1_AbC123xyz");
    });
});
