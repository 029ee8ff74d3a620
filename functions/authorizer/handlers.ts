// The two Lambda authorizer shapes API Gateway calls, over one decision (`createAuthorizer`).

import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from "aws-lambda";
import { createAuthorizer, type AuthorizerDependencies } from "./authorize";
import { headerValue } from "../shared/headers";
import { bearerToken } from "./bearer";
import type { AuthorizerSettings } from "./settings";

/** TOKEN authorizer: API Gateway passes the identity-source header as `authorizationToken`. */
export function createTokenHandler(settings: AuthorizerSettings, deps?: AuthorizerDependencies) {
    const authorize = createAuthorizer(settings, deps);
    return (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> =>
        authorize(bearerToken(event.authorizationToken), event.methodArn);
}

/** REQUEST authorizer: the token comes from the `Authorization` header of the request. */
export function createRequestHandler(settings: AuthorizerSettings, deps?: AuthorizerDependencies) {
    const authorize = createAuthorizer(settings, deps);
    return (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> =>
        authorize(bearerToken(headerValue(event.headers, event.multiValueHeaders, "authorization")), event.methodArn);
}
