// Cognito for an API: a user pool (created with secure defaults, or an existing one by ARN),
// a resource server whose scopes API methods require, an app client, and optionally the
// OAuth domain. Outputs are what a Cognito authorizer (pool ARN, scopes) or the JWT
// authorizer (issuer, JWKS URL, client id as audience) needs.

import * as aws from "../shared/aws";
import * as pulumi from "@pulumi/pulumi";
import { USER_POOL_ARN, userPoolSettingsSchema, type CognitoConfig } from "../config/cognito";

export type CognitoUserPoolArgs = Omit<CognitoConfig, "name">;

/** `arn:aws:cognito-idp:<region>:<account>:userpool/<id>` → id and region. */
export function userPoolOfArn(arn: string): { id: string; region: string } {
    const match = USER_POOL_ARN.exec(arn);
    if (!match) {
        throw new Error(`not a Cognito user pool ARN: ${JSON.stringify(arn)}`);
    }
    return { region: match[1], id: match[2] };
}

export class CognitoUserPool extends pulumi.ComponentResource {
    readonly userPoolId: pulumi.Output<string>;
    readonly userPoolArn: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;
    /** Only for clients with `generateSecret`; always a secret output. */
    readonly clientSecret: pulumi.Output<string> | undefined;
    /** Full scope names (`orders/read`), as a Cognito authorizer's authorizationScopes use them. */
    readonly scopes: pulumi.Output<string[]>;
    /** Token issuer (`iss`), for a JWT authorizer trusting this pool. */
    readonly issuerUrl: pulumi.Output<string>;
    readonly jwksUrl: pulumi.Output<string>;

    constructor(name: string, args: CognitoUserPoolArgs, opts: pulumi.ComponentResourceOptions = {}) {
        const existing = args.existingUserPoolArn ? userPoolOfArn(args.existingUserPoolArn) : undefined;
        super("gatevault:auth:CognitoUserPool", name, {}, opts);
        const parent = { parent: this };

        if (existing) {
            this.userPoolId = pulumi.output(existing.id);
            this.userPoolArn = pulumi.output(args.existingUserPoolArn!);
            this.issuerUrl = pulumi.output(`https://cognito-idp.${existing.region}.amazonaws.com/${existing.id}`);
        } else {
            const settings = args.userPool ?? userPoolSettingsSchema.parse({});
            const pool = new aws.cognito.UserPool(
                `${name}-pool`,
                {
                    name: `${name}-${pulumi.getStack()}`,
                    usernameAttributes: ["email"],
                    autoVerifiedAttributes: ["email"],
                    adminCreateUserConfig: { allowAdminCreateUserOnly: !settings.selfSignUp },
                    passwordPolicy: {
                        minimumLength: settings.passwordMinimumLength,
                        requireLowercase: true,
                        requireUppercase: true,
                        requireNumbers: true,
                        requireSymbols: true,
                        temporaryPasswordValidityDays: 3,
                    },
                    mfaConfiguration: settings.mfa,
                    softwareTokenMfaConfiguration: settings.mfa === "OFF" ? undefined : { enabled: true },
                    accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
                    deletionProtection: settings.deletionProtection ? "ACTIVE" : "INACTIVE",
                },
                parent,
            );
            this.userPoolId = pool.id;
            this.userPoolArn = pool.arn;
            this.issuerUrl = pulumi.interpolate`https://${pool.endpoint}`;
        }
        this.jwksUrl = pulumi.interpolate`${this.issuerUrl}/.well-known/jwks.json`;

        const scopeNames = Object.keys(args.resourceServer.scopes);
        const resourceServer = new aws.cognito.ResourceServer(
            `${name}-resource-server`,
            {
                userPoolId: this.userPoolId,
                identifier: args.resourceServer.identifier,
                name: args.resourceServer.name,
                scopes: Object.entries(args.resourceServer.scopes).map(([scopeName, scopeDescription]) => ({ scopeName, scopeDescription })),
            },
            parent,
        );
        this.scopes = resourceServer.identifier.apply((id) => scopeNames.map((s) => `${id}/${s}`));

        if (args.domainPrefix) {
            new aws.cognito.UserPoolDomain(`${name}-domain`, { domain: args.domainPrefix, userPoolId: this.userPoolId }, parent);
        }

        const c = args.client;
        const client = new aws.cognito.UserPoolClient(
            `${name}-client`,
            {
                name: `${name}-client`,
                userPoolId: this.userPoolId,
                generateSecret: c.generateSecret,
                allowedOauthFlowsUserPoolClient: true,
                allowedOauthFlows: c.oauthFlows,
                // From the resource server's output, so the scopes exist before the client asks for them;
                // user sign-in (the code flow) also needs OpenID.
                allowedOauthScopes: this.scopes.apply((scopes) => (c.oauthFlows.includes("code") ? ["openid", "email", ...scopes] : scopes)),
                callbackUrls: c.callbackUrls.length > 0 ? c.callbackUrls : undefined,
                logoutUrls: c.logoutUrls.length > 0 ? c.logoutUrls : undefined,
                supportedIdentityProviders: ["COGNITO"],
                explicitAuthFlows: c.oauthFlows.includes("code") ? ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"] : ["ALLOW_REFRESH_TOKEN_AUTH"],
                preventUserExistenceErrors: "ENABLED",
                enableTokenRevocation: true,
                accessTokenValidity: c.accessTokenValidityMinutes,
                idTokenValidity: c.idTokenValidityMinutes,
                refreshTokenValidity: c.refreshTokenValidityDays,
                tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
            },
            // The provider already marks clientSecret as a secret output.
            parent,
        );
        this.clientId = client.id;
        this.clientSecret = c.generateSecret ? pulumi.secret(client.clientSecret) : undefined;

        this.registerOutputs({
            userPoolId: this.userPoolId,
            userPoolArn: this.userPoolArn,
            clientId: this.clientId,
            clientSecret: this.clientSecret,
            scopes: this.scopes,
            issuerUrl: this.issuerUrl,
            jwksUrl: this.jwksUrl,
        });
    }
}
