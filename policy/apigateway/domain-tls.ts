import * as aws from "../common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";
import type { GatevaultResourcePolicy } from "../types";

interface Config {
    allowedSecurityPolicies: string[];
}

/** API Gateway security policies whose minimum protocol is TLS 1.2 (the enhanced ones included). */
const TLS12_OR_NEWER = [
    "TLS_1_2",
    "SecurityPolicy_TLS13_1_3_2025_09",
    "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
    "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_PQ_2025_09",
    "SecurityPolicy_TLS13_1_2_2021_06",
    "SecurityPolicy_TLS13_2025_EDGE",
];

export const domainTls12: GatevaultResourcePolicy = {
    name: "apigateway-domain-tls12",
    description: "Custom domain names accept TLS 1.2 or newer only.",
    severity: "high",
    controls: ["Checkov:CKV_AWS_206", "ControlTower:CT.APIGATEWAY.PR.6"],
    remediationSteps: 'Set `securityPolicy: "TLS_1_2"` (or a newer enhanced policy) on the aws.apigateway.DomainName; without it API Gateway accepts TLS 1.0.',
    configSchema: {
        properties: {
            allowedSecurityPolicies: {
                type: "array",
                items: { type: "string" },
                minItems: 1,
                default: TLS12_OR_NEWER,
                description: "Security policies a custom domain may use.",
            },
        },
    },
    validateResource: validateResourceOfType(aws.apigateway.DomainName, (domain, args, report) => {
        const { allowedSecurityPolicies } = args.getConfig<Config>();
        const policy = domain.securityPolicy;
        if (policy === undefined) {
            report("No securityPolicy is set, so the domain accepts TLS 1.0.");
        } else if (!allowedSecurityPolicies.includes(policy)) {
            report(`Security policy ${policy} is not allowed (allowed: ${allowedSecurityPolicies.join(", ")}).`);
        }
    }),
};
