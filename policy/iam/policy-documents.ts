// Where each resource type keeps the IAM policy documents the program writes: identity
// policies, trust policies and resource policies.

type Props = Record<string, any>;

export interface DocumentSite {
    /** Which property, for messages: `policy`, `inlinePolicies[0] (read-orders)`. */
    where: string;
    document: unknown;
    /** True for KMS key policies, whose default statement grants kms:* to the account root. */
    keyPolicy?: boolean;
}

const policyProperty = (p: Props): DocumentSite[] => [{ where: "policy", document: p.policy }];
const optionalPolicy = (p: Props): DocumentSite[] => (p.policy ? policyProperty(p) : []);

export const documentsByType: Record<string, (props: Props) => DocumentSite[]> = {
    "aws:iam/policy:Policy": policyProperty,
    "aws:iam/rolePolicy:RolePolicy": policyProperty,
    "aws:iam/userPolicy:UserPolicy": policyProperty,
    "aws:iam/groupPolicy:GroupPolicy": policyProperty,
    "aws:iam/role:Role": (p) => [
        { where: "assumeRolePolicy", document: p.assumeRolePolicy },
        // An inline policy with an empty document is the provider's "remove all inline policies" marker.
        ...(Array.isArray(p.inlinePolicies) ? p.inlinePolicies : [])
            .map((ip: Props, i: number) => ({ where: `inlinePolicies[${i}]${ip.name ? ` (${ip.name})` : ""}`, document: ip.policy }))
            .filter((site: DocumentSite) => site.document !== undefined && site.document !== ""),
    ],
    "aws:backup/vaultPolicy:VaultPolicy": policyProperty,
    "aws:apigateway/restApi:RestApi": optionalPolicy,
    "aws:apigateway/restApiPolicy:RestApiPolicy": policyProperty,
    "aws:kms/key:Key": (p) => optionalPolicy(p).map((site) => ({ ...site, keyPolicy: true })),
    "aws:kms/keyPolicy:KeyPolicy": (p) => policyProperty(p).map((site) => ({ ...site, keyPolicy: true })),
    "aws:s3/bucketPolicy:BucketPolicy": policyProperty,
    "aws:sns/topicPolicy:TopicPolicy": policyProperty,
    "aws:sqs/queuePolicy:QueuePolicy": policyProperty,
    // A Lambda permission is a one-statement resource policy.
    "aws:lambda/permission:Permission": (p) => [{ where: "action", document: { Statement: [{ Effect: "Allow", Action: p.action }] } }],
};
