// Checks of the APIs against the stack's region and account, which the schema cannot see: a
// custom domain's certificate must be where API Gateway looks for it (components/config/certificates.ts).

import type { GatevaultConfig } from "../config";
import { certificatePlacementProblem } from "../config/certificates";
import { type ConfigProblem, formatKeyPath } from "../config/errors";

export function apiPlacementProblems(config: Pick<GatevaultConfig, "apis" | "region" | "accountId">): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    config.apis.forEach((api, i) => {
        const domain = api.customDomain;
        if (!domain) return;
        const edge = api.endpointType === "EDGE";
        const problem = certificatePlacementProblem(
            domain.certificateArn,
            { region: edge ? "us-east-1" : config.region, accountId: config.accountId },
            edge
                ? "an EDGE API's custom domain is served by CloudFront, which takes certificates from us-east-1 only"
                : `a ${api.endpointType} API's custom domain takes a certificate from the API's own region`,
        );
        if (problem) problems.push({ path: formatKeyPath(["apis", i, "customDomain", "certificateArn"]), message: problem });
    });
    return problems;
}
