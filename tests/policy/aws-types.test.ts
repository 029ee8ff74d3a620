// The pack names @pulumi/aws resource types without importing the provider (policy/common/aws-types.ts,
// which says why). This holds those names to the provider itself: each type token to the class's
// own `__pulumiType`, and each property a rule reads to the property of the same name on the
// provider's Args (aws/<service>/<resource>.d.ts in @pulumi/aws 7.48), as a rule sees it.
// The second half is checked when the suite type-checks the tree (tests/typecheck.test.ts):
// a property the provider does not have, or types differently, stops the build and is named.

import * as aws from "@pulumi/aws";
import type { Unwrap } from "@pulumi/pulumi";
import { expect } from "chai";
import * as local from "../../policy/common/aws-types";
import { validateResourceOfType } from "@pulumi/policy";

/** What a rule's callback gets as props for a resource type with these Args (validateResourceOfType). */
type PropsOf<TArgs> = Unwrap<NonNullable<TArgs>>;
type LocalArgs<T> = T extends local.ResourceType<infer A> ? A : never;

/** True when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The properties of `Local` that the provider's `Provider` lacks or types differently; never when they agree. */
type Disagreeing<Local, Provider> = {
    [K in keyof Local]-?: K extends keyof Provider ? (Same<Local[K], Provider[K]> extends true ? never : K) : K;
}[keyof Local];

type Check<T, ProviderArgs> = [Disagreeing<PropsOf<LocalArgs<T>>, PropsOf<ProviderArgs>>] extends [never] ? true : Disagreeing<PropsOf<LocalArgs<T>>, PropsOf<ProviderArgs>>;

// Every type the pack names, with the provider's Args it must agree with. A type missing here
// fails the compile of `agreement` below (its key is required by the mapped type).
const agreement: { [S in keyof typeof local]: { [N in keyof (typeof local)[S]]: true } } = {
    apigateway: {
        Authorizer: true satisfies Check<typeof local.apigateway.Authorizer, aws.apigateway.AuthorizerArgs>,
        DomainName: true satisfies Check<typeof local.apigateway.DomainName, aws.apigateway.DomainNameArgs>,
        MethodSettings: true satisfies Check<typeof local.apigateway.MethodSettings, aws.apigateway.MethodSettingsArgs>,
        RestApi: true satisfies Check<typeof local.apigateway.RestApi, aws.apigateway.RestApiArgs>,
        RestApiPolicy: true satisfies Check<typeof local.apigateway.RestApiPolicy, aws.apigateway.RestApiPolicyArgs>,
        Stage: true satisfies Check<typeof local.apigateway.Stage, aws.apigateway.StageArgs>,
        UsagePlan: true satisfies Check<typeof local.apigateway.UsagePlan, aws.apigateway.UsagePlanArgs>,
    },
    backup: {
        Framework: true satisfies Check<typeof local.backup.Framework, aws.backup.FrameworkArgs>,
        Plan: true satisfies Check<typeof local.backup.Plan, aws.backup.PlanArgs>,
        ReportPlan: true satisfies Check<typeof local.backup.ReportPlan, aws.backup.ReportPlanArgs>,
        Vault: true satisfies Check<typeof local.backup.Vault, aws.backup.VaultArgs>,
        VaultLockConfiguration: true satisfies Check<typeof local.backup.VaultLockConfiguration, aws.backup.VaultLockConfigurationArgs>,
        VaultPolicy: true satisfies Check<typeof local.backup.VaultPolicy, aws.backup.VaultPolicyArgs>,
    },
    cloudformation: {
        StackSet: true satisfies Check<typeof local.cloudformation.StackSet, aws.cloudformation.StackSetArgs>,
        StackSetInstance: true satisfies Check<typeof local.cloudformation.StackSetInstance, aws.cloudformation.StackSetInstanceArgs>,
    },
    kms: { Key: true satisfies Check<typeof local.kms.Key, aws.kms.KeyArgs> },
    organizations: {
        Policy: true satisfies Check<typeof local.organizations.Policy, aws.organizations.PolicyArgs>,
        PolicyAttachment: true satisfies Check<typeof local.organizations.PolicyAttachment, aws.organizations.PolicyAttachmentArgs>,
    },
    s3: {
        Bucket: true satisfies Check<typeof local.s3.Bucket, aws.s3.BucketArgs>,
        BucketOwnershipControls: true satisfies Check<typeof local.s3.BucketOwnershipControls, aws.s3.BucketOwnershipControlsArgs>,
        BucketPolicy: true satisfies Check<typeof local.s3.BucketPolicy, aws.s3.BucketPolicyArgs>,
        BucketPublicAccessBlock: true satisfies Check<typeof local.s3.BucketPublicAccessBlock, aws.s3.BucketPublicAccessBlockArgs>,
        BucketServerSideEncryptionConfiguration: true satisfies Check<typeof local.s3.BucketServerSideEncryptionConfiguration, aws.s3.BucketServerSideEncryptionConfigurationArgs>,
        BucketVersioning: true satisfies Check<typeof local.s3.BucketVersioning, aws.s3.BucketVersioningArgs>,
    },
    wafv2: { WebAclAssociation: true satisfies Check<typeof local.wafv2.WebAclAssociation, aws.wafv2.WebAclAssociationArgs> },
};

describe("policy: the AWS resource types the pack names without importing @pulumi/aws", () => {
    const named = Object.entries(local).flatMap(([service, types]) =>
        typeof types === "object" ? Object.entries(types as Record<string, local.ResourceType<unknown>>).map(([name, type]) => ({ service, name, type })) : [],
    );

    it("gives each the type token of the @pulumi/aws class of the same name", () => {
        expect(named.length).to.be.greaterThan(15);
        for (const { service, name, type } of named) {
            const providerClass = (aws as unknown as Record<string, Record<string, { __pulumiType?: string }>>)[service][name];
            expect(type.__pulumiType, `${service}.${name}`).to.equal(providerClass.__pulumiType);
        }
    });

    it("lists every one of them in the compile-time agreement with the provider's Args", () => {
        expect(named.map((n) => `${n.service}.${n.name}`).sort()).to.deep.equal(
            Object.entries(agreement).flatMap(([service, types]) => Object.keys(types).map((name) => `${service}.${name}`)).sort(),
        );
    });

    it("is told apart by validateResourceOfType as the provider's class is: other types are not applicable, naming the token", () => {
        const token = (cls: unknown) => (cls as { __pulumiType: string }).__pulumiType;
        const seen: string[] = [];
        const validate = validateResourceOfType(local.kms.Key, (key) => void seen.push(String(key.enableKeyRotation)));
        const args = (type: string, props: Record<string, unknown>) =>
            ({
                type,
                props,
                isType: (cls: { __pulumiType?: string }) => cls.__pulumiType === type,
                notApplicable: (reason: string) => {
                    throw new Error(`not applicable: ${reason}`);
                },
            }) as unknown as Parameters<typeof validate>[0];
        void validate(args(token(aws.kms.Key), { enableKeyRotation: true }), () => undefined);
        expect(seen).to.deep.equal(["true"]);
        expect(() => validate(args(token(aws.s3.Bucket), {}), () => undefined)).to.throw("not applicable: Policy only applies to resources of type 'aws:kms/key:Key'");
        expect((validate as { __pulumiType?: string }).__pulumiType).to.equal((validateResourceOfType(aws.kms.Key, () => undefined) as { __pulumiType?: string }).__pulumiType);
    });
});
