// Who may use an execute-api endpoint (security group ingress) and what it may reach
// (endpoint policy). Both start closed: only the listed networks, only 443, only this
// account's APIs unless others are listed.

import type { ExecuteApiEndpointConfig } from "../config/network";

export interface IngressRule {
    /** Stable part of the rule's resource name, derived from the source (not its position). */
    key: string;
    description: string;
    cidrIpv4?: string;
    referencedSecurityGroupId?: string;
}

export const HTTPS_PORT = 443;

export function endpointIngressRules(config: ExecuteApiEndpointConfig): IngressRule[] {
    const fromCidrs = (config.allowedCidrs ?? []).map((cidr) => ({
        key: cidr.replace(/[./]/g, "-"),
        description: `HTTPS to execute-api from ${cidr}`,
        cidrIpv4: cidr,
    }));
    const fromGroups = (config.allowedSecurityGroupIds ?? []).map((group) => ({
        key: group,
        description: `HTTPS to execute-api from ${group}`,
        referencedSecurityGroupId: group,
    }));
    return [...fromCidrs, ...fromGroups];
}

/** Endpoint policy: invoke APIs of the listed accounts only, so the endpoint is no path to anyone else's private APIs. */
export function executeApiEndpointPolicy(opts: { partition: string; region: string; accountIds: readonly string[] }): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "InvokeApisOfAllowedAccounts",
                Effect: "Allow",
                Principal: "*",
                Action: "execute-api:Invoke",
                Resource: [...new Set(opts.accountIds)].sort().map((account) => `arn:${opts.partition}:execute-api:${opts.region}:${account}:*`),
            },
        ],
    };
}
