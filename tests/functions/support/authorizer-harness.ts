// Builds authorizers over a test JWKS server and checks what their policies allow the way
// IAM evaluates execute-api ARNs (`*` matches any characters, `/` included). A method ARN is
// `arn:aws:execute-api:{regionId}:{accountId}:{apiId}/{stage}/{httpVerb}/[{resource}/[{child-resources}]]`
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).

import { resourceMatches } from "@gatevault/aws-model/iam/wildcards";
import type { APIGatewayAuthorizerResult } from "aws-lambda";
import { createAuthorizer, type Authorize } from "../../../functions/authorizer/authorize";
import type { AuthorizerSettings } from "../../../functions/authorizer/settings";
import type { LogFields } from "../../../functions/shared/log";
import { AUDIENCE, ISSUER } from "./jwks-server";

export const API = "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/dev";
export const methodArn = (method: string, path: string) => `${API}/${method}${path}`;

export function testSettings(jwksUrl: string, overrides: Partial<AuthorizerSettings> = {}): AuthorizerSettings {
    return {
        issuer: ISSUER,
        audience: [AUDIENCE],
        audienceClaim: "aud",
        jwksUrl,
        algorithms: ["RS256", "ES256"],
        clockToleranceSeconds: 30,
        groupsClaim: "cognito:groups",
        jwksTimeoutMs: 1000,
        routes: {
            "GET /orders": { scopes: ["orders/read"] },
            "GET /orders/{orderId}": { scopes: ["orders/read"] },
            "POST /orders": { scopes: ["orders/write"], groups: ["order-admins"] },
            "DELETE /orders/{orderId}": { groups: ["order-admins"] },
        },
        ...overrides,
    };
}

export interface LoggedAuthorizer {
    authorize: Authorize;
    /** Reasons logged for rejected requests, in order. */
    reasons: string[];
}

export function loggedAuthorizer(settings: AuthorizerSettings): LoggedAuthorizer {
    const reasons: string[] = [];
    const authorize = createAuthorizer(settings, {
        log: (_level, _message, fields: LogFields = {}) => {
            if (typeof fields.reason === "string") reasons.push(fields.reason);
        },
    });
    return { authorize, reasons };
}

/**
 * IAM's answer over a returned policy, per request: explicit Deny wins, then any Allow, else
 * implicit deny. Resources match as IAM's Resource element does (`resourceMatches`, which cites
 * the IAM User Guide).
 */
export function policyDecider(result: APIGatewayAuthorizerResult): (arn: string) => "Allow" | "Deny" {
    const statements = (result.policyDocument.Statement as { Effect: string; Resource: string | string[] }[]).map((s) => ({
        effect: s.Effect,
        patterns: Array.isArray(s.Resource) ? s.Resource : [s.Resource],
    }));
    return (arn) => {
        let allowed = false;
        for (const { effect, patterns } of statements) {
            if (patterns.some((p) => resourceMatches(p, arn))) {
                if (effect === "Deny") return "Deny";
                allowed = true;
            }
        }
        return allowed ? "Allow" : "Deny";
    };
}

export function policyDecision(result: APIGatewayAuthorizerResult, arn: string): "Allow" | "Deny" {
    return policyDecider(result)(arn);
}

/** Resolves to the result, or to the thrown message. */
export async function outcome(p: Promise<APIGatewayAuthorizerResult>): Promise<APIGatewayAuthorizerResult | string> {
    try {
        return await p;
    } catch (err) {
        return (err as Error).message;
    }
}
