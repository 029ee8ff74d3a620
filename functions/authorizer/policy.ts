// The IAM policy an authorizer returns. API Gateway caches it per token for the
// authorizer's TTL and reuses it for every method the caller calls next, so it must allow
// every route the caller may invoke, not only the method that triggered the call (AWS
// Knowledge Center: "When Authorization Caching is activated on a Lambda authorizer, the returned IAM policy is cached. The cached IAM policy is then applied to any additional API requests made within the cache's specified time-to-live (TTL) period",
// https://aws.amazon.com/ru/premiumsupport/knowledge-center/api-gateway-lambda-authorization-errors/).
// Its Resource is an execute-api ARN,
// `arn:aws:execute-api:{regionId}:{accountId}:{apiId}/{stage}/{httpVerb}/[{resource}/[{child-resources}]]`,
// where "You can use a wild card (*)"
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).

import type { APIGatewayAuthorizerResult } from "aws-lambda";

export interface MethodArn {
    partition: string;
    region: string;
    accountId: string;
    apiId: string;
    stage: string;
    method: string;
    /** Path after the method, without the leading slash. */
    path: string;
}

const METHOD_ARN = /^arn:(aws[a-z-]*):execute-api:([a-z0-9-]+):(\d{12}):([A-Za-z0-9]+)\/([A-Za-z0-9_-]+)\/([A-Z]+|\*)\/(.*)$/;

export function parseMethodArn(arn: string): MethodArn | undefined {
    const m = METHOD_ARN.exec(arn);
    if (!m) {
        return undefined;
    }
    return { partition: m[1], region: m[2], accountId: m[3], apiId: m[4], stage: m[5], method: m[6], path: m[7] };
}

/** `arn:...:{apiId}/{stage}/{resource}` for the API and stage of the incoming call. */
export function executeApiArn(call: MethodArn, resource: string): string {
    return `arn:${call.partition}:execute-api:${call.region}:${call.accountId}:${call.apiId}/${call.stage}/${resource}`;
}

export type AuthorizerContext = Record<string, string>;

/**
 * Allows the granted routes; `denied` are routes the caller is not granted but whose requests
 * an allowed pattern would reach (IAM's `*` crosses `/`): an explicit Deny overrides the Allow.
 */
export function allowPolicy(principalId: string, resources: string[], context: AuthorizerContext, denied: string[] = []): APIGatewayAuthorizerResult {
    return {
        principalId,
        policyDocument: {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow" as const, Action: "execute-api:Invoke", Resource: resources },
                ...(denied.length > 0 ? [{ Effect: "Deny" as const, Action: "execute-api:Invoke", Resource: denied }] : []),
            ],
        },
        context,
    };
}

/** A verified caller with no grants: deny the whole stage, which stays right when cached. */
export function denyPolicy(principalId: string, call: MethodArn, context: AuthorizerContext): APIGatewayAuthorizerResult {
    return {
        principalId,
        policyDocument: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Deny", Action: "execute-api:Invoke", Resource: [executeApiArn(call, "*")] }],
        },
        context,
    };
}
