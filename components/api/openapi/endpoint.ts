// Where the document says how the API is reached: its endpoint configuration (VPC endpoints of
// a PRIVATE API, the execute-api switch) and, for PRIVATE APIs, the resource policy.
//
// x-amazon-apigateway-endpoint-configuration "should be present in top-level vendor extensions
// for Swagger 2.0. For OpenAPI 3.0, it should be present under the vendor extensions of the
// Server object" (API Gateway developer guide, "x-amazon-apigateway-endpoint-configuration
// object": https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html).
// Every document gatevault sends is OpenAPI 3.0, so it goes on the first server; a brought
// document's own servers are kept, the extension added to the first. Its URL does not matter
// to PutRestApi, which ignores the base path by default.

import type { BuildContext } from "./context";
import { checkPolicySize } from "./limits";
import { privateApiPolicy } from "./resource-policy";

export const ENDPOINT_CONFIGURATION = "x-amazon-apigateway-endpoint-configuration";

/** The document's top-level fields for the endpoint: `servers` (when there is a configuration) and the resource policy. */
export function endpointFields(ctx: BuildContext, userServers: unknown): Record<string, unknown> {
    const api = ctx.api;
    const out: Record<string, unknown> = {};
    const vpcEndpointIds =
        api.endpointType === "PRIVATE"
            ? (api.vpcEndpointIds ?? []).map((ref, i) => ctx.refs.vpcEndpointId(ref, [...ctx.at, "vpcEndpointIds", i], `${ctx.label} endpoint`))
            : undefined;
    if (vpcEndpointIds || api.disableExecuteApiEndpoint) {
        const configuration = { ...(vpcEndpointIds ? { vpcEndpointIds } : {}), disableExecuteApiEndpoint: api.disableExecuteApiEndpoint };
        const servers = Array.isArray(userServers) && userServers.length > 0 ? userServers : [{ url: "/" }];
        out.servers = servers.map((server, i) => (i === 0 ? { ...(server as object), [ENDPOINT_CONFIGURATION]: configuration } : server));
    }
    if (vpcEndpointIds) {
        const policy = privateApiPolicy(vpcEndpointIds);
        checkPolicySize(ctx, policy, [...ctx.at, "vpcEndpointIds"]);
        out["x-amazon-apigateway-policy"] = policy;
    }
    return out;
}
