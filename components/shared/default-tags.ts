// The tags every resource gets through its provider's default tags: the stack's
// gatevault:tags, plus Environment and ManagedBy. The provider merges them into each resource's
// own tags before calling AWS (terraform-provider-aws internal/tags: DefaultConfig.MergeTags,
// e.g. in internal/service/ec2/client_vpn_endpoint.go), so they count toward AWS's limit of 50
// tags per resource ("Tag restrictions": https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions;
// keys starting with aws: do not count, and gatevault:tags refuses them).

export const MAX_TAGS_PER_RESOURCE = 50;

export const MANAGED_BY = "pulumi-gatevault";

export function defaultTags(tags: Readonly<Record<string, string>>, environment: string): Record<string, string> {
    return { ...tags, Environment: environment, ManagedBy: MANAGED_BY };
}
