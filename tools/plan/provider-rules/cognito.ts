// Cognito user pool resources, from hashicorp/terraform-provider-aws internal/service/cognitoidp/*.go.
// @pulumi/aws pluralises repeated blocks: `recovery_mechanism` is `recoveryMechanisms`, the
// resource server's `scope` is `scopes`.

import { configValidator, conflictsWith, from, intBetween, itemsBetween, lengthBetween, matches, oneOf, requiredWith, resource, validArn } from "./define";
import { isUnknown } from "./paths";
import type { Finding, ResourceRules } from "./types";

const VALIDATE = "internal/service/cognitoidp/validate.go";
const OLDER = "aws-sdk-go v1 era copy (the newest the index holds)";

// ExplicitAuthFlowsType, as the Cognito API reference (CreateUserPoolClient) lists it.
const EXPLICIT_AUTH_FLOWS = [
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
];
const TIME_UNITS = ["seconds", "minutes", "hours", "days"];
const SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/**
 * user_pool_client.go ConfigValidators: each token validity, in its unit (the block's, else the
 * default: hours for access and ID tokens, days for refresh tokens), within bounds.
 */
const VALIDITIES = [
    { attr: "accessTokenValidity", unit: "accessToken", min: 5 * 60, max: 24 * 3600, defaultUnit: 3600 },
    { attr: "idTokenValidity", unit: "idToken", min: 5 * 60, max: 24 * 3600, defaultUnit: 3600 },
    { attr: "refreshTokenValidity", unit: "refreshToken", min: 60 * 60, max: 315360000, defaultUnit: 86400 },
];

function tokenValidities(inputs: Record<string, unknown>): Finding[] {
    const out: Finding[] = [];
    const units = inputs.tokenValidityUnits;
    if (isUnknown(units)) return out;
    for (const v of VALIDITIES) {
        const value = inputs[v.attr];
        if (typeof value !== "number") continue;
        let seconds: number;
        if (units === undefined || units === null) {
            seconds = value * v.defaultUnit;
        } else {
            const unit = (units as Record<string, unknown>)[v.unit];
            // A unit left out of the block, or unknown, is not judged (see docs/offline-plan.md: never a false refusal).
            if (typeof unit !== "string" || !(unit in SECONDS)) continue;
            seconds = value * SECONDS[unit];
        }
        if (seconds < v.min || seconds > v.max) {
            out.push({ path: v.attr, message: `must have a duration between ${v.min}s and ${v.max}s (got ${seconds}s)` });
        }
    }
    return out;
}

export const cognitoRules: ResourceRules[] = [
    resource({
        type: "aws:cognito/userPool:UserPool",
        terraformType: "aws_cognito_user_pool",
        file: "internal/service/cognitoidp/user_pool.go",
        commit: "015edb133ea64d879a0fdd1551d0c8daee7d4995",
        forceNew: ["aliasAttributes", "name", "usernameAttributes", "usernameConfiguration.caseSensitive"],
        rules: [
            itemsBetween("accountRecoverySetting.recoveryMechanisms", 1, 2),
            oneOf("accountRecoverySetting.recoveryMechanisms[].name", ["verified_email", "verified_phone_number", "admin_only"]),
            conflictsWith("aliasAttributes", "usernameAttributes"),
            oneOf("aliasAttributes", ["phone_number", "email", "preferred_username"]),
            oneOf("autoVerifiedAttributes", ["phone_number", "email"]),
            oneOf("deletionProtection", ["ACTIVE", "INACTIVE"]),
            conflictsWith("emailVerificationMessage", "verificationMessageTemplate.emailMessage"),
            conflictsWith("emailVerificationSubject", "verificationMessageTemplate.emailSubject"),
            conflictsWith("smsVerificationMessage", "verificationMessageTemplate.smsMessage"),
            requiredWith("lambdaConfig.customEmailSender", "lambdaConfig.kmsKeyId"),
            requiredWith("lambdaConfig.customSmsSender", "lambdaConfig.kmsKeyId"),
            validArn("lambdaConfig.kmsKeyId"),
            oneOf("mfaConfiguration", ["OFF", "ON", "OPTIONAL"]),
            intBetween("passwordPolicy.minimumLength", 6, 99),
            intBetween("passwordPolicy.passwordHistorySize", 0, 24),
            intBetween("passwordPolicy.temporaryPasswordValidityDays", 0, 365),
            oneOf("usernameAttributes", ["phone_number", "email"]),
        ],
    }),
    resource({
        type: "aws:cognito/userPoolClient:UserPoolClient",
        terraformType: "aws_cognito_user_pool_client",
        file: "internal/service/cognitoidp/user_pool_client.go",
        commit: "01f431114674c27cf790fafb67ac274bf8f765e1",
        forceNew: ["generateSecret", "userPoolId"],
        rules: [
            itemsBetween("allowedOauthFlows", undefined, 3),
            oneOf("allowedOauthFlows", ["code", "implicit", "client_credentials"]),
            itemsBetween("allowedOauthScopes", undefined, 50),
            intBetween("authSessionValidity", 3, 15),
            itemsBetween("callbackUrls", undefined, 100),
            from(VALIDATE, lengthBetween("callbackUrls", 1, 1024)),
            oneOf("explicitAuthFlows", EXPLICIT_AUTH_FLOWS),
            itemsBetween("logoutUrls", undefined, 100),
            from(VALIDATE, lengthBetween("logoutUrls", 1, 1024)),
            from(VALIDATE, lengthBetween("name", 1, 128)),
            from(VALIDATE, matches("name", /[\w\s+=,.@-]+/, 'can include any letter, number, space, tab, or one of "+=,.@-"', { accepted: "orders web", refused: "#!" })),
            oneOf("preventUserExistenceErrors", ["ENABLED", "LEGACY"]),
            oneOf("tokenValidityUnits.accessToken", TIME_UNITS),
            oneOf("tokenValidityUnits.idToken", TIME_UNITS),
            oneOf("tokenValidityUnits.refreshToken", TIME_UNITS),
            configValidator({
                name: "resourceUserPoolClient{Access,ID,Refresh}TokenValidityValidator",
                fields: ["accessTokenValidity", "idTokenValidity", "refreshTokenValidity", "tokenValidityUnits.accessToken", "tokenValidityUnits.idToken", "tokenValidityUnits.refreshToken"],
                description: "access and ID tokens last 5 minutes to 1 day, refresh tokens 60 minutes to 10 years",
                check: tokenValidities,
                examples: {
                    accepted: { accessTokenValidity: 60, tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" } },
                    refused: { accessTokenValidity: 2, tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" } },
                },
            }),
        ],
    }),
    resource({
        type: "aws:cognito/userPoolDomain:UserPoolDomain",
        terraformType: "aws_cognito_user_pool_domain",
        file: "internal/service/cognitoidp/user_pool_domain.go",
        commit: "01c08000ddb14181b5bd19201d8fca311dc570e4",
        olderCopy: OLDER,
        forceNew: ["domain", "certificateArn", "userPoolId"],
        rules: [lengthBetween("domain", 1, 63), validArn("certificateArn")],
    }),
    resource({
        type: "aws:cognito/resourceServer:ResourceServer",
        terraformType: "aws_cognito_resource_server",
        file: "internal/service/cognitoidp/resource_server.go",
        commit: "088e0878080a74fcf1e35d901992372e4c041214",
        olderCopy: OLDER,
        forceNew: ["identifier", "name", "userPoolId"],
        rules: [
            itemsBetween("scopes", undefined, 100),
            lengthBetween("scopes[].scopeDescription", 1, 256),
            from(VALIDATE, lengthBetween("scopes[].scopeName", 1, 256)),
            from(
                VALIDATE,
                matches("scopes[].scopeName", /[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+/, "must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+", {
                    accepted: "orders.read",
                    refused: '"/"',
                }),
            ),
        ],
    }),
];
