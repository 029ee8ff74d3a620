// How a client inside a VPC calls a PRIVATE API (API Gateway developer guide, "Invoke a
// private API"): the API's own name when the VPC's execute-api endpoint has private DNS;
// the Route 53 alias `<api-id>-<vpce-id>` of an endpoint associated with the API; or the
// endpoint's own DNS name with the API named in the x-apigw-api-id header.

import { dnsSuffix } from "./aws-names";

export interface EndpointDns {
    id: string;
    /** The endpoint's regional DNS name (`vpce-….execute-api.<region>.vpce.amazonaws.com`), when known. */
    dnsName?: string;
}

export interface EndpointInvokeUrls {
    /** Works anywhere the endpoint is reachable; no private DNS needed. */
    aliasUrl: string;
    /** The endpoint's own name: send `headers` with every request. */
    endpointUrl?: string;
    headers?: Record<string, string>;
}

export interface PrivateApiInvokeUrls {
    /** Works from a VPC whose execute-api endpoint has private DNS on. */
    privateDnsUrl: string;
    /** Per endpoint the API allows (by name in gatevault:network, or id). */
    viaEndpoint: Record<string, EndpointInvokeUrls>;
}

export function privateApiInvokeUrls(api: { restApiId: string; region: string; stage: string }, endpoints: Readonly<Record<string, EndpointDns>>): PrivateApiInvokeUrls {
    const suffix = `execute-api.${api.region}.${dnsSuffix(api.region)}`;
    return {
        privateDnsUrl: `https://${api.restApiId}.${suffix}/${api.stage}`,
        viaEndpoint: Object.fromEntries(
            Object.entries(endpoints).map(([key, ep]) => [
                key,
                {
                    aliasUrl: `https://${api.restApiId}-${ep.id}.${suffix}/${api.stage}`,
                    ...(ep.dnsName ? { endpointUrl: `https://${ep.dnsName}/${api.stage}`, headers: { "x-apigw-api-id": api.restApiId } } : {}),
                },
            ]),
        ),
    };
}
