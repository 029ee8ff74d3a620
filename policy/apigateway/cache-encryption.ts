import type { GatevaultStackPolicy } from "../types";
import { StageLinks, stageLabel } from "./stage-links";

export const cacheEncryption: GatevaultStackPolicy = {
    name: "apigateway-cache-encrypted",
    description: "API responses cached by API Gateway are encrypted at rest.",
    severity: "medium",
    controls: [
        "SecurityHub:APIGateway.5",
        "AWSConfig:api-gw-cache-enabled-and-encrypted",
        "Checkov:CKV_AWS_308",
        "cdk-nag:NIST.800.53.R5-APIGWCacheEnabledAndEncrypted",
        "ControlTower:CT.APIGATEWAY.PR.3",
    ],
    remediationSteps:
        "Set settings.cacheDataEncrypted: true on every aws.apigateway.MethodSettings that enables caching, and on the */* " +
        "method settings of every stage with cacheClusterEnabled (API Gateway caches GET methods by default once a stage has a cache).",
    validateStack: (args, report) => {
        const links = new StageLinks(args.resources);
        for (const settings of links.methodSettings) {
            const s = settings.props.settings ?? {};
            if (s.cachingEnabled === true && s.cacheDataEncrypted !== true) {
                report(`Method settings ${settings.props.methodPath} enable caching without cacheDataEncrypted.`, settings.urn);
            }
        }
        for (const stage of links.stages) {
            if (stage.props.cacheClusterEnabled !== true) continue;
            const [settings] = links.methodSettingsOf(stage);
            const s = settings?.props.settings ?? {};
            if (s.cacheDataEncrypted !== true && s.cachingEnabled !== false) {
                report(`${stageLabel(stage)} has a cache cluster, but its */* method settings do not set cacheDataEncrypted.`, stage.urn);
            }
        }
    },
};
