// Checks gatevault:network against the stack's region before anything is created (the
// schema cannot see aws:region): load balancers named by ARN must be in the stack's region,
// since VPC links and endpoint services only reach load balancers of their own region, and
// so must the ACM certificates listeners and the Client VPN present (components/config/certificates.ts).

import { ConfigProblem, formatKeyPath } from "../config";
import type { NetworkConfig } from "../config/network";
import { certificatePlacementProblem, networkCertificateRefs } from "../config/certificates";
import { loadBalancerArnRefs, nlbArnParts } from "../config/network/ids";

export function networkRegionProblems(config: NetworkConfig, region: string, at: readonly (string | number)[] = ["network"]): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const { arn, path, why } of networkCertificateRefs(config)) {
        const problem = certificatePlacementProblem(arn, { region }, why);
        if (problem) problems.push({ path: formatKeyPath([...at, ...path]), message: problem });
    }
    for (const { arn, path } of loadBalancerArnRefs(config)) {
        const arnRegion = nlbArnParts(arn)?.region;
        if (arnRegion !== undefined && arnRegion !== region) {
            problems.push({ path: formatKeyPath([...at, ...path]), message: `must be a load balancer in the stack's region ${region} (got ${arnRegion})` });
        }
    }
    return problems;
}
