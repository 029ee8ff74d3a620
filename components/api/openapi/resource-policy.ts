// The resource policy of a PRIVATE API: invoke only through the listed VPC endpoints.
// It travels inside the document (x-amazon-apigateway-policy) rather than as a separate
// RestApiPolicy: PutRestApi in overwrite mode clears a separately attached policy on every
// body update (pulumi/pulumi-aws#4296), and inside the body it exists before the first
// deployment, which a private API needs.

export function privateApiPolicy(vpcEndpointIds: readonly string[]): Record<string, unknown> {
    const resource = "execute-api:/*";
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyOutsideAllowedVpcEndpoints",
                Effect: "Deny",
                Principal: "*",
                Action: "execute-api:Invoke",
                Resource: resource,
                Condition: { StringNotEquals: { "aws:SourceVpce": [...vpcEndpointIds] } },
            },
            {
                Sid: "AllowThroughAllowedVpcEndpoints",
                Effect: "Allow",
                Principal: "*",
                Action: "execute-api:Invoke",
                Resource: resource,
                Condition: { StringEquals: { "aws:SourceVpce": [...vpcEndpointIds] } },
            },
        ],
    };
}
