// Which API, method settings, usage plans and web ACL associations belong to each stage, for
// the stack policies that judge a stage as a whole. Built once per stack policy run, with
// indexes, so a stack of thousands of stages is not a scan of the stack per stage.

import * as aws from "../common/aws-types";
import type { PolicyResource } from "@pulumi/policy";
import { dependsThrough, ofClass, ReferenceIndex, referencing, refersTo, sameTarget } from "../common/links";
import { stringList } from "../common/parse-json";
import { anyYes, bothYes, Maybe, maybe, tryKnown } from "../common/unknowns";

/** Endpoint types of a RestApi's props; API Gateway's default is EDGE. */
export function endpointTypesOf(api: Record<string, any>): string[] {
    const types = stringList(api.endpointConfiguration?.types).map((t) => t.toUpperCase());
    return types.length > 0 ? types : ["EDGE"];
}

/** A readable label for a stage in messages; its logical name when the stage name is unknown. */
export function stageLabel(stage: PolicyResource): string {
    const name = tryKnown(() => stage.props.stageName);
    return name.known && typeof name.value === "string" ? `stage "${name.value}" (${stage.name})` : `stage ${stage.name}`;
}

/**
 * The ways a resource names its RestApi, as `sameTarget` compares them: the API resources its
 * `restApi` depends on, and its value.
 */
function apiIdentities(r: PolicyResource): string[] {
    return [...(r.propertyDependencies.restApi ?? []).map((d) => `dependency ${d.urn}`), `value ${r.props.restApi}`];
}

/** Index keys for "same stage name on the same API", the by-value half of `settingsBelongTo`. */
function stageKeys(r: PolicyResource): string[] {
    const stageName = r.props.stageName;
    return apiIdentities(r).map((api) => `${stageName}\n${api}`);
}

function settingsBelongTo(settings: PolicyResource, stage: PolicyResource): Maybe {
    if (dependsThrough(settings, "stageName", stage)) return true;
    return bothYes(
        maybe(() => settings.props.stageName === stage.props.stageName),
        () => sameTarget(settings, "restApi", stage, "restApi"),
    );
}

/** True when a usage plan lists the stage in its `apiStages`. */
function usagePlanCovers(plan: PolicyResource, stage: PolicyResource): Maybe {
    return refersTo(plan, "apiStages", stage, () =>
        (plan.props.apiStages ?? []).some((s: Record<string, any>) => s.stage === stage.props.stageName && s.apiId === stage.props.restApi),
    );
}

/** True when a WAFv2 web ACL association points at the stage. */
function wafProtects(association: PolicyResource, stage: PolicyResource): Maybe {
    return refersTo(association, "resourceArn", stage, () => association.props.resourceArn === stage.props.arn);
}

export class StageLinks {
    readonly stages: PolicyResource[];
    readonly methodSettings: PolicyResource[];
    private readonly apis: Map<string, PolicyResource>;
    private settingsIndex?: ReferenceIndex;
    private plansIndex?: ReferenceIndex;
    private wafIndex?: ReferenceIndex;

    constructor(private readonly resources: readonly PolicyResource[]) {
        this.stages = ofClass(resources, aws.apigateway.Stage);
        this.methodSettings = ofClass(resources, aws.apigateway.MethodSettings);
        this.apis = new Map(ofClass(resources, aws.apigateway.RestApi).map((api) => [api.urn, api]));
    }

    /** The stage's RestApi when it is in the stack (only a property dependency can tell). */
    restApiOf(stage: PolicyResource): PolicyResource | undefined {
        return (stage.propertyDependencies.restApi ?? []).map((d) => this.apis.get(d.urn)).find((api) => api !== undefined);
    }

    /**
     * The stage's MethodSettings for `methodPath` (default the stage-wide `*\/*`). Throws when
     * none is known to belong to the stage but some could not be told apart during preview.
     */
    methodSettingsOf(stage: PolicyResource, methodPath = "*/*"): PolicyResource[] {
        this.settingsIndex ??= new ReferenceIndex(this.methodSettings, "stageName", stageKeys);
        const candidates = this.settingsIndex.mayReferTo(stage, () => stageKeys(stage));
        return referencing(candidates, (settings) => bothYes(settingsBelongTo(settings, stage), () => maybe(() => settings.props.methodPath === methodPath)));
    }

    inUsagePlan(stage: PolicyResource): boolean {
        this.plansIndex ??= new ReferenceIndex(ofClass(this.resources, aws.apigateway.UsagePlan), "apiStages", (p) =>
            (p.props.apiStages ?? []).map((s: Record<string, any>) => `${s.stage}\n${s.apiId}`),
        );
        const candidates = this.plansIndex.mayReferTo(stage, () => [`${stage.props.stageName}\n${stage.props.restApi}`]);
        return anyYes(candidates.map((plan) => usagePlanCovers(plan, stage)));
    }

    protectedByWaf(stage: PolicyResource): boolean {
        this.wafIndex ??= new ReferenceIndex(ofClass(this.resources, aws.wafv2.WebAclAssociation), "resourceArn", (a) => [a.props.resourceArn]);
        return anyYes(this.wafIndex.mayReferTo(stage, () => [stage.props.arn]).map((a) => wafProtects(a, stage)));
    }
}
