import { expect } from "chai";
import { CognitoUserPool, type CognitoUserPoolArgs } from "../../components/auth/cognito-user-pool";
import { ProviderSet } from "../../components/shared/providers";
import { containsSecret } from "../../tools/plan/properties";
import { planProgram, stackConfig, type PlannedProgram } from "../support/plan-program";

const POOL = "aws:cognito/userPool:UserPool";
const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const SERVER = "aws:cognito/resourceServer:ResourceServer";
const EXISTING = "arn:aws:cognito-idp:eu-central-1:111111111111:userpool/eu-central-1_AbC123xyz";

function devArgs(edit: (c: CognitoUserPoolArgs) => void = () => undefined): CognitoUserPoolArgs {
    const args = structuredClone(stackConfig("dev").cognito!) as CognitoUserPoolArgs;
    edit(args);
    return args;
}

describe("CognitoUserPool component", () => {
    // One plan, three uses: the dev stack's SPA setup, a confidential client, an existing pool.
    let plan: PlannedProgram;
    let out: Record<string, Record<string, any>>;

    before(async () => {
        const variants: Record<string, CognitoUserPoolArgs> = {
            users: devArgs(),
            machines: devArgs((c) => {
                c.client = { ...c.client, generateSecret: true, oauthFlows: ["client_credentials"], callbackUrls: [] };
                delete c.domainPrefix;
            }),
            shared: devArgs((c) => {
                c.existingUserPoolArn = EXISTING;
                delete c.userPool;
                delete c.domainPrefix;
            }),
        };
        plan = await planProgram(() => {
            const provider = new ProviderSet(stackConfig("dev")).main;
            return Object.fromEntries(
                Object.entries(variants).map(([name, args]) => {
                    const c = new CognitoUserPool(name, args, { provider });
                    return [name, { poolId: c.userPoolId, poolArn: c.userPoolArn, clientId: c.clientId, scopes: c.scopes, issuer: c.issuerUrl, jwks: c.jwksUrl, hasSecret: c.clientSecret !== undefined }];
                }),
            );
        });
        out = plan.outputs as typeof out;
    });

    it("creates a pool with secure defaults, a resource server, the OAuth domain and an SPA client without a secret", () => {
        const pool = plan.rawInputs(plan.one(POOL, "users-pool"));
        expect(pool.adminCreateUserConfig).to.deep.equal({ allowAdminCreateUserOnly: true });
        expect(pool.passwordPolicy).to.include({ minimumLength: 12, requireSymbols: true, requireNumbers: true });
        expect(pool).to.include({ mfaConfiguration: "OPTIONAL", deletionProtection: "INACTIVE" });
        expect(pool.softwareTokenMfaConfiguration).to.deep.equal({ enabled: true });

        const users = out.users;
        expect(users.poolArn).to.equal(`arn:aws:cognito-idp:eu-west-1:111111111111:userpool/${users.poolId}`);
        expect(users.scopes).to.deep.equal(["orders/read", "orders/write"]);
        expect(users.issuer).to.equal(`https://cognito-idp.eu-west-1.amazonaws.com/${users.poolId}`);
        expect(users.jwks).to.equal(`${users.issuer}/.well-known/jwks.json`);

        const server = plan.rawInputs(plan.one(SERVER, "users-resource-server"));
        expect(server).to.deep.include({ userPoolId: users.poolId, identifier: "orders" });
        expect(server.scopes).to.deep.equal([
            { scopeName: "read", scopeDescription: "Read orders" },
            { scopeName: "write", scopeDescription: "Create orders and upload attachments" },
        ]);
        expect(plan.rawInputs(plan.one("aws:cognito/userPoolDomain:UserPoolDomain", "users-domain"))).to.deep.include({ domain: "gatevault-dev-orders", userPoolId: users.poolId });

        const client = plan.rawInputs(plan.one(CLIENT, "users-client"));
        expect(client).to.include({ generateSecret: false, preventUserExistenceErrors: "ENABLED", enableTokenRevocation: true, accessTokenValidity: 60 });
        expect(client.allowedOauthFlows).to.deep.equal(["code"]);
        expect(client.allowedOauthScopes).to.deep.equal(["openid", "email", "orders/read", "orders/write"]);
        expect(client.callbackUrls).to.deep.equal(["http://localhost:3000/callback"]);
        expect(users.hasSecret).to.equal(false);
        expect(plan.one("gatevault:auth:CognitoUserPool", "users").record.registeredOutputs).to.not.have.property("clientSecret");
        // The scopes come from the resource server's output, so the client waits for it.
        expect(plan.one(CLIENT, "users-client").record.dependencies).to.include(plan.one(SERVER, "users-resource-server").urn);
    });

    it("exports the secret of a confidential client only as a secret", () => {
        const client = plan.rawInputs(plan.one(CLIENT, "machines-client"));
        expect(client.generateSecret).to.equal(true);
        expect(client.allowedOauthScopes).to.deep.equal(["orders/read", "orders/write"]);
        expect(plan.one(CLIENT, "machines-client").record.options.additionalSecretOutputs).to.include("clientSecret");
        const registered = plan.one("gatevault:auth:CognitoUserPool", "machines").record.registeredOutputs!;
        expect(registered).to.have.property("clientSecret");
        expect(containsSecret(registered.clientSecret)).to.equal(true);
        expect(containsSecret(registered.clientId)).to.equal(false);
        expect(out.machines.hasSecret).to.equal(true);
    });

    it("references an existing pool by ARN: no pool created, resource server and client added to it", () => {
        expect(plan.ofType(POOL).map((r) => r.name)).to.deep.equal(["users-pool", "machines-pool"]);
        expect(out.shared).to.include({ poolId: "eu-central-1_AbC123xyz", poolArn: EXISTING, issuer: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC123xyz" });
        expect(plan.rawInputs(plan.one(CLIENT, "shared-client")).userPoolId).to.equal("eu-central-1_AbC123xyz");
        expect(plan.rawInputs(plan.one(SERVER, "shared-resource-server")).userPoolId).to.equal("eu-central-1_AbC123xyz");
    });
});
