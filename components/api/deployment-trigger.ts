// The Deployment's trigger: one hash over everything that changes what a stage serves.
// Stage settings, usage plans, keys, logs and WAF are applied to the stage directly and
// need no new deployment, so they are deliberately left out.

import { createHash } from "node:crypto";

export interface DeployedApi {
    /** The resolved OpenAPI document: routes, integrations, models, validators, authorizers,
     *  gateway responses, binary types, compression, resource policy. */
    document: string;
    endpointType: string;
    vpcEndpointIds: readonly string[];
    binaryMediaTypes: readonly string[];
    minimumCompressionSize?: number;
    apiKeySource: string;
    disableExecuteApiEndpoint: boolean;
}

export function deploymentTrigger(api: DeployedApi): string {
    const canonical = JSON.stringify([
        api.document,
        api.endpointType,
        [...api.vpcEndpointIds].sort(),
        [...api.binaryMediaTypes].sort(),
        api.minimumCompressionSize ?? null,
        api.apiKeySource,
        api.disableExecuteApiEndpoint,
    ]);
    return createHash("sha256").update(canonical).digest("hex");
}
