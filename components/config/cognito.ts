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
    /** Let anyone sign up (default false: administrators create users). */
    selfSignUp: z.boolean().default(false),
    mfa: z.enum(["OFF", "OPTIONAL", "ON"]).default("OPTIONAL"),
    passwordMinimumLength: z.int().min(8).max(99).default(12),
    /** Refuse deletion of the pool through the API (default true). */
    deletionProtection: z.boolean().default(true),
});

export const resourceServerSchema = z.strictObject({
    /** The scope prefix, e.g. `orders` gives scopes `orders/read`. */
    identifier: z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/, "must be 1-256 printable characters without spaces, quotes or backslashes"),
    name: z.string().min(1).max(256),
    /** Scope name → description. */
    scopes: z
        .record(z.string().regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/, "must be printable characters without spaces, quotes, slashes or backslashes"), z.string().min(1).max(256))
        .refine((s) => Object.keys(s).length > 0, "must define at least one scope"),
});

export const appClientSchema = z
    .strictObject({
        /** A confidential client (server side) gets a secret, exported only as a secret; SPAs get none. */
        generateSecret: z.boolean().default(false),
        oauthFlows: z.array(z.enum(["code", "client_credentials"])).min(1).default(["code"]),
        callbackUrls: z.array(callbackUrlSchema).default([]),
        logoutUrls: z.array(callbackUrlSchema).default([]),
        accessTokenValidityMinutes: z.int().min(5).max(1440).default(60),
        idTokenValidityMinutes: z.int().min(5).max(1440).default(60),
        refreshTokenValidityDays: z.int().min(1).max(3650).default(30),
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
        name: resourceNameSchema,
        /** Use this pool instead of creating one; `userPool` settings then do not apply. */
        existingUserPoolArn: userPoolArnSchema.optional(),
        userPool: userPoolSettingsSchema.optional(),
        /** Hosted UI / OAuth domain prefix (`<prefix>.auth.<region>.amazoncognito.com`). */
        domainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be lower-case letters, digits and hyphens (1-63), not starting or ending with a hyphen").optional(),
        resourceServer: resourceServerSchema,
        client: appClientSchema,
    })
    .superRefine((c, ctx) => {
        if (c.existingUserPoolArn && c.userPool) {
            ctx.addIssue({ code: "custom", path: ["userPool"], message: "must be omitted when existingUserPoolArn is set (the existing pool keeps its own settings)", input: c.userPool });
        }
    })
    .optional();

export type CognitoConfig = NonNullable<z.output<typeof cognitoSchema>>;
