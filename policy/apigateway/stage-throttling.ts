import { throttleBounds, ThrottleBounds, throttleProblems } from "../common/parameters";
import type { GatevaultStackPolicy } from "../types";
import { StageLinks, stageLabel } from "./stage-links";

export const stageThrottling: GatevaultStackPolicy = {
    name: "apigateway-stage-throttling",
    description: "Every stage throttles all methods (method settings */*) with a rate and burst within the allowed bounds.",
    severity: "high",
    controls: ["cdk-nag:Serverless-APIGWDefaultThrottling"],
    remediationSteps:
        'Add an aws.apigateway.MethodSettings for the stage with methodPath "*/*" and settings.throttlingRateLimit and ' +
        "settings.throttlingBurstLimit above 0 and at most the policy config's maxRateLimit and maxBurstLimit; keep per-method " +
        "overrides within the same bounds.",
    configSchema: { properties: { ...throttleBounds } },
    validateStack: (args, report) => {
        const bounds = args.getConfig<ThrottleBounds>();
        const links = new StageLinks(args.resources);
        for (const stage of links.stages) {
            const [settings] = links.methodSettingsOf(stage);
            if (!settings) {
                report(`${stageLabel(stage)} has no */* method settings, so its methods are throttled only by the account limits.`, stage.urn);
                continue;
            }
            const s = settings.props.settings ?? {};
            for (const p of throttleProblems(s.throttlingRateLimit, s.throttlingBurstLimit, bounds)) {
                report(`${stageLabel(stage)}: */* ${p}.`, settings.urn);
            }
        }
        // Per-method overrides may set one limit and inherit the other; judge what is set.
        for (const settings of links.methodSettings) {
            if (settings.props.methodPath === "*/*") continue;
            const s = settings.props.settings ?? {};
            if (s.throttlingRateLimit === undefined && s.throttlingBurstLimit === undefined) continue;
            const problems = throttleProblems(s.throttlingRateLimit ?? bounds.maxRateLimit, s.throttlingBurstLimit ?? bounds.maxBurstLimit, bounds);
            for (const p of problems) report(`Method settings ${settings.props.methodPath}: ${p}.`, settings.urn);
        }
    },
};
