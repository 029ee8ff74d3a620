// The program's network wiring: one PrivateNetwork from gatevault:network, and the invoke
// URLs of PRIVATE APIs that work from inside a VPC.

import * as pulumi from "@pulumi/pulumi";
import type { ApiEndpoints } from "../api";
import type { GatevaultConfig } from "../config";
import { isVpcEndpointId } from "../config/api/references";
import { EndpointDns, PrivateApiInvokeUrls, privateApiInvokeUrls } from "./invoke-urls";
import { NetworkProviders, PrivateNetwork } from "./private-network";

export function createPrivateNetwork(config: GatevaultConfig, providers: NetworkProviders): PrivateNetwork | undefined {
    if (!config.network) {
        return undefined;
    }
    return new PrivateNetwork(
        "network",
        { config: config.network, environment: config.environment, accountId: config.accountId, region: config.region, providers },
        { providers: [providers.main] },
    );
}

/** Per PRIVATE API: its invoke URL forms, through each endpoint it allows. */
export function privateApiUrls(config: GatevaultConfig, apis: ApiEndpoints, network?: PrivateNetwork): Record<string, pulumi.Output<PrivateApiInvokeUrls>> {
    const urls: Record<string, pulumi.Output<PrivateApiInvokeUrls>> = {};
    config.apis.forEach((api, i) => {
        if (api.endpointType !== "PRIVATE") {
            return;
        }
        // Endpoints named in gatevault:network have a known DNS name; a bare id may be another account's.
        const endpoints = Object.fromEntries(
            (api.vpcEndpointIds ?? []).map((ref) => [ref, isVpcEndpointId(ref) ? { id: ref } : { id: network!.executeApiEndpoints[ref].id, dnsName: network!.executeApiEndpoints[ref].dnsName }]),
        );
        const endpoint = apis.endpoints[i];
        urls[api.name] = pulumi
            .output({ restApiId: endpoint.restApi.id, stage: endpoint.stage.stageName, endpoints })
            .apply(({ restApiId, stage, endpoints }) => privateApiInvokeUrls({ restApiId, region: config.region, stage }, endpoints as Record<string, EndpointDns>));
    });
    return urls;
}
