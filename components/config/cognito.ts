// Stack config for Cognito (`gatevault:cognito`): a user pool (created, or an existing one
// referenced by ARN), a resource server with the scopes APIs check, and one app client.

import { z } from "zod";
import { resourceNameSchema } from "./primitives";

/** Captures the pool's region and id. */
export const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\d{12}:userpool\/([a-z0-9-]+_[A-Za-z0-9]+)$/;

export const userPoolArnSchema = z
    .string()
    .regex(USER_POOL_ARN, "must be a Cognito user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>)");

const callbackUrlSchema = z
    .string()
    .regex(/^(https:\/\/[^\s]+|http:\/\/localhost(:\d+)?(\/[^\s]*)?)$/, "must be an https:// URL (http:// only for localhost)");

export const userPoolSettingsSchema = z.strictObject({
    selfSignUp: z.boolean().default(false).describe("Let anyone sign up; by default administrators create users."),
    mfa: z.enum(["OFF", "OPTIONAL", "ON"]).default("OPTIONAL").describe("TOTP multi-factor authentication."),
    passwordMinimumLength: z.int().min(8).max(99).default(12).describe("Passwords also need every character class."),
    deletionProtection: z.boolean().default(true).describe("Refuse deletion of the pool through the API."),
});

export const resourceServerSchema = z.strictObject({
    identifier: z
        .string()
        .regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/, "must be 1-256 printable characters without spaces, quotes or backslashes")
        .describe("The scope prefix: `orders` gives scopes `orders/read`, which routes' `scopes` name."),
    name: z.string().min(1).max(256).describe("The resource server's display name."),
    scopes: z
        .record(z.string().regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/, "must be printable characters without spaces, quotes, slashes or backslashes"), z.string().min(1).max(256))
        .refine((s) => Object.keys(s).length > 0, "must define at least one scope")
        .describe("Scope name → description. A route scope under the identifier that is not defined here is an error."),
});

export const appClientSchema = z
    .strictObject({
        generateSecret: z.boolean().default(false).describe("A confidential (server-side) client gets a secret, exported only as a secret output; single-page apps get none."),
        oauthFlows: z
            .array(z.enum(["code", "client_credentials"]))
            .min(1)
            .default(["code"])
            .describe("`code` (needs `callbackUrls`) or `client_credentials` (needs `generateSecret`); not both."),
        callbackUrls: z.array(callbackUrlSchema).default([]).describe("`https://` URLs (`http://localhost` allowed) the hosted UI may redirect to."),
        logoutUrls: z.array(callbackUrlSchema).default([]).describe("`https://` URLs (`http://localhost` allowed) after sign-out."),
        accessTokenValidityMinutes: z.int().min(5).max(1440).default(60).describe("Access token lifetime."),
        idTokenValidityMinutes: z.int().min(5).max(1440).default(60).describe("ID token lifetime."),
        refreshTokenValidityDays: z.int().min(1).max(3650).default(30).describe("Refresh token lifetime."),
    })
    .superRefine((c, ctx) => {
        if (c.oauthFlows.includes("client_credentials")) {
            if (!c.generateSecret) {
                ctx.addIssue({ code: "custom", path: ["generateSecret"], message: "must be true when oauthFlows includes client_credentials (got false)", input: c.generateSecret });
            }
            if (c.oauthFlows.includes("code")) {
                ctx.addIssue({ code: "custom", path: ["oauthFlows"], message: "must not mix client_credentials with code; use one client per kind of caller", input: c.oauthFlows });
            }
        }
        if (c.oauthFlows.includes("code") && c.callbackUrls.length === 0) {
            ctx.addIssue({ code: "custom", path: ["callbackUrls"], message: "must list at least one URL when oauthFlows includes code", input: c.callbackUrls });
        }
    });

export const cognitoSchema = z
    .strictObject({
        name: resourceNameSchema.describe("Resource names; the pool is `<name>-<stack>`. APIs' Cognito authorizers name the pool by it (`userPoolArns`)."),
        existingUserPoolArn: userPoolArnSchema.optional().describe("Use this pool instead of creating one; `userPool` must then be left out."),
        userPool: userPoolSettingsSchema.optional().describe("Settings of a created pool (email sign-in)."),
        domainPrefix: z
            .string()
            .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be lower-case letters, digits and hyphens (1-63), not starting or ending with a hyphen")
            .optional()
            .describe("Hosted UI and OAuth domain `<prefix>.auth.<region>.amazoncognito.com`, needed for OAuth flows."),
        resourceServer: resourceServerSchema.describe("The resource server whose scopes API methods can require."),
        client: appClientSchema.describe("The one app client."),
    })
    .superRefine((c, ctx) => {
        if (c.existingUserPoolArn && c.userPool) {
            ctx.addIssue({ code: "custom", path: ["userPool"], message: "must be omitted when existingUserPoolArn is set (the existing pool keeps its own settings)", input: c.userPool });
        }
    })
    .optional();

export type CognitoConfig = NonNullable<z.output<typeof cognitoSchema>>;
