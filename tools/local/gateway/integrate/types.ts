// What an integration answers the gateway, before response mapping.

import type { RequestContext } from "../context";
import type { Operation } from "../document";
import type { MethodRequest } from "../request";
import type { ApiDefinition } from "../types";

export interface IntegrationResponse {
    statusCode: number;
    headers: [string, string][];
    body: Buffer;
    /** Lambda (non-proxy) failures: matched against selection patterns instead of the status. */
    errorMessage?: string;
}

export interface IntegrationCall {
    api: ApiDefinition;
    operation: Operation;
    integration: Record<string, any>;
    request: MethodRequest;
    context: RequestContext;
    binaryMediaTypes: readonly string[];
}
