// The @pulumi/aws resource types the rules judge: each type token, and the input properties the
// rules read, typed as the provider types them. Not imported from @pulumi/aws on purpose.
// Pulumi's analyzer host type-checks the pack on every start (cmd/run-policy-pack registers
// ts-node with typeCheck: true, whatever tsconfig says), and the provider's declarations (31 MB,
// every service) were about 11 s of that start's 14 s; `import type` would not help, as the check
// still reads them. Rules use these as they would the provider's classes:
// `validateResourceOfType(aws.backup.Plan, ...)`, `r.isType(aws.backup.Vault)`, `ofClass(...)`,
// which @pulumi/policy decides by the `__pulumiType` token alone (policy.ts getPulumiType).
// tests/policy/aws-types.test.ts holds each token and each property to @pulumi/aws 7.48's own
// classes and Args types, so these cannot drift from the provider.

import type { Resource } from "@pulumi/pulumi";

/** A resource type as `validateResourceOfType` and `isType` take it: a constructor with the type token. */
export interface ResourceType<TArgs> {
    readonly __pulumiType: string;
    new (name: string, args: TArgs, ...rest: any[]): Resource;
}

function resourceType<TArgs>(token: string): ResourceType<TArgs> {
    return { __pulumiType: token } as unknown as ResourceType<TArgs>;
}

// Input properties the rules read, as @pulumi/aws 7.48 declares them on each resource's Args
// (aws/<service>/<resource>.d.ts, nested types from aws/types/input.d.ts), with outputs resolved.
// A rule that reads another property adds it here; the suite's type check says if it differs.

export interface StageArgs {
    accessLogSettings?: { destinationArn: string; format: string };
    xrayTracingEnabled?: boolean;
}

export interface RestApiArgs {
    binaryMediaTypes?: string[];
    body?: string;
}

export interface DomainNameArgs {
    securityPolicy?: string;
}

export interface UsagePlanArgs {
    apiStages?: { apiId: string; stage: string; throttles?: { burstLimit?: number; path: string; rateLimit?: number }[] }[];
    quotaSettings?: { limit: number; offset?: number; period: string };
    throttleSettings?: { burstLimit?: number; rateLimit?: number };
}

export interface BackupVaultArgs {
    kmsKeyArn?: string;
}

export interface KmsKeyArgs {
    customerMasterKeySpec?: string;
    enableKeyRotation?: boolean;
    keyUsage?: string;
}

export interface OrganizationsPolicyArgs {
    content: string;
    type?: string;
}

export interface StackSetArgs {
    autoDeployment?: { dependsOnStackSets?: string[]; enabled?: boolean; retainStacksOnAccountRemoval?: boolean };
}

export interface StackSetInstanceArgs {
    retainStack?: boolean;
}

/** For types the rules find and link, but whose properties they read untyped (or not at all). */
type Unread = Record<never, never>;

export const apigateway = {
    Authorizer: resourceType<Unread>("aws:apigateway/authorizer:Authorizer"),
    DomainName: resourceType<DomainNameArgs>("aws:apigateway/domainName:DomainName"),
    MethodSettings: resourceType<Unread>("aws:apigateway/methodSettings:MethodSettings"),
    RestApi: resourceType<RestApiArgs>("aws:apigateway/restApi:RestApi"),
    RestApiPolicy: resourceType<Unread>("aws:apigateway/restApiPolicy:RestApiPolicy"),
    Stage: resourceType<StageArgs>("aws:apigateway/stage:Stage"),
    UsagePlan: resourceType<UsagePlanArgs>("aws:apigateway/usagePlan:UsagePlan"),
};

export const backup = {
    Framework: resourceType<Unread>("aws:backup/framework:Framework"),
    Plan: resourceType<Unread>("aws:backup/plan:Plan"),
    ReportPlan: resourceType<Unread>("aws:backup/reportPlan:ReportPlan"),
    Vault: resourceType<BackupVaultArgs>("aws:backup/vault:Vault"),
    VaultLockConfiguration: resourceType<Unread>("aws:backup/vaultLockConfiguration:VaultLockConfiguration"),
    VaultPolicy: resourceType<Unread>("aws:backup/vaultPolicy:VaultPolicy"),
};

export const cloudformation = {
    StackSet: resourceType<StackSetArgs>("aws:cloudformation/stackSet:StackSet"),
    StackSetInstance: resourceType<StackSetInstanceArgs>("aws:cloudformation/stackSetInstance:StackSetInstance"),
};

export const kms = {
    Key: resourceType<KmsKeyArgs>("aws:kms/key:Key"),
};

export const organizations = {
    Policy: resourceType<OrganizationsPolicyArgs>("aws:organizations/policy:Policy"),
    PolicyAttachment: resourceType<Unread>("aws:organizations/policyAttachment:PolicyAttachment"),
};

export const s3 = {
    Bucket: resourceType<Unread>("aws:s3/bucket:Bucket"),
    BucketOwnershipControls: resourceType<Unread>("aws:s3/bucketOwnershipControls:BucketOwnershipControls"),
    BucketPolicy: resourceType<Unread>("aws:s3/bucketPolicy:BucketPolicy"),
    BucketPublicAccessBlock: resourceType<Unread>("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
    BucketServerSideEncryptionConfiguration: resourceType<Unread>("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
    BucketVersioning: resourceType<Unread>("aws:s3/bucketVersioning:BucketVersioning"),
};

export const wafv2 = {
    WebAclAssociation: resourceType<Unread>("aws:wafv2/webAclAssociation:WebAclAssociation"),
};
