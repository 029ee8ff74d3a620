import { tryKnown } from "./unknowns";
import { providerDefaultTags } from "./provider-inputs";
import type { GatevaultResourcePolicy } from "../types";

interface Config {
    requiredTags: string[];
    resourceTypes: string[];
}

/** Taggable types gatevault creates (or may); a stack can list others in `resourceTypes`. */
export const TAGGABLE_TYPES = [
    "aws:apigateway/restApi:RestApi",
    "aws:apigateway/stage:Stage",
    "aws:apigateway/usagePlan:UsagePlan",
    "aws:apigateway/apiKey:ApiKey",
    "aws:apigateway/domainName:DomainName",
    "aws:apigateway/vpcLink:VpcLink",
    "aws:backup/vault:Vault",
    "aws:backup/plan:Plan",
    "aws:backup/framework:Framework",
    "aws:backup/reportPlan:ReportPlan",
    "aws:backup/restoreTestingPlan:RestoreTestingPlan",
    "aws:kms/key:Key",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:lambda/function:Function",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:wafv2/webAcl:WebAcl",
    "aws:sns/topic:Topic",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:cognito/userPool:UserPool",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:lb/targetGroup:TargetGroup",
    "aws:organizations/policy:Policy",
];

/** A tag counts when its key is present with a value that is not empty (an unknown value counts). */
function hasValue(tags: Record<string, unknown>, key: string): boolean {
    if (!(key in tags)) return false;
    const value = tryKnown(() => tags[key]);
    return !value.known || (typeof value.value === "string" && value.value.trim() !== "");
}

export const requiredTags: GatevaultResourcePolicy = {
    name: "required-tags",
    description: "Taggable resources carry the required tags, from their own tags or their provider's default tags.",
    severity: "low",
    controls: ["AWSConfig:required-tags"],
    remediationSteps:
        "Set the missing tags in gatevault:tags (they become the providers' defaultTags, applied to every resource) or on the " +
        "resource's own `tags`.",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string", minLength: 1 },
                default: ["Owner", "CostCenter", "Environment"],
                description: "Tag keys every taggable resource must have, with a value.",
            },
            resourceTypes: {
                type: "array",
                items: { type: "string" },
                default: TAGGABLE_TYPES,
                description: "Pulumi type tokens of the resources judged.",
            },
        },
    },
    validateResource: (args, report) => {
        const config = args.getConfig<Config>();
        if (!config.resourceTypes.includes(args.type)) {
            args.notApplicable("not a taggable type listed in resourceTypes");
        }
        const own = (args.props.tags ?? {}) as Record<string, unknown>;
        const inherited = providerDefaultTags(args.provider);
        const missing = config.requiredTags.filter((key) => !hasValue(own, key) && !hasValue(inherited, key));
        if (missing.length > 0) {
            report(`Missing tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
        }
    },
};
