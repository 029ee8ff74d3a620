// The CloudFormation template a StackSet deploys into every account of an OU: per region, the
// vaults the OU's effective policy names (customer-managed key with rotation, alias, access
// policy, lock, notification topic and its policy), and the IAM roles its selections name. Built
// from the same definitions as a listed account's vaults and roles (member-definitions.ts,
// ../../vault-definition.ts), so the two paths cannot drift. Pure: no Pulumi imports.
//
// AWS rules it follows:
// - One template serves every stack instance, one per account and region. Vaults are regional:
//   each is created only where `AWS::Region` is its region (a `Condition` with `Fn::Equals`).
//   IAM is global: the roles are created in one region only, or the second region's stack would
//   fail on a name that already exists (AWS CloudFormation User Guide,
//   conditions-section-structure.html; IAM roles are global, IAM User Guide, id_roles.html).
// - The account id is `${AWS::AccountId}` inside `Fn::Sub`: every instance resolves it to its own
//   account (pseudo-parameter-reference.html; intrinsic-function-reference-sub.html).
// - `DeletionPolicy: Retain` and `UpdateReplacePolicy: Retain` on vaults and keys: deleting a
//   stack instance (or replacing the resource) leaves them, with their recovery points
//   (aws-attribute-deletionpolicy.html, aws-attribute-updatereplacepolicy.html). A vault cannot be
//   deleted while it holds recovery points anyway (AWS Backup API Reference,
//   API_DeleteBackupVault.html), and recovery points encrypted with a deleted key are lost.
// - Who deploys: with service-managed permissions CloudFormation creates "a service role named
//   `stacksets-exec-*` in the target (member) accounts" (AWS CloudFormation User Guide,
//   stacksets-orgs-activate-trusted-access.html); that role is the vaults' deploy role.

import { createHash } from "node:crypto";
import type { VaultLockConfig } from "../../../config/backup";
import type { Partition } from "../../arns";
import { vaultDefinition, VaultDefinition } from "../../vault-definition";
import { memberRoleDefinition, MemberSettings, memberVaultInput } from "../member-definitions";
import type { MemberRole, MemberVault } from "../member-deployments";

export const ACCOUNT_PLACEHOLDER = "${AWS::AccountId}";
export const STACKSET_EXECUTION_ROLE = "stacksets-exec-*";

/** CreateStackSet accepts a TemplateBody of at most this many bytes (AWS CloudFormation API Reference, API_CreateStackSet.html). */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

export type CfnValue = string | number | boolean | CfnValue[] | { [key: string]: CfnValue };

export interface CfnResource {
    Type: string;
    Condition?: string;
    DependsOn?: string[];
    DeletionPolicy?: "Retain" | "Delete";
    UpdateReplacePolicy?: "Retain" | "Delete";
    Properties: Record<string, CfnValue>;
}

export interface CfnTemplate {
    AWSTemplateFormatVersion: "2010-09-09";
    Description: string;
    Conditions?: Record<string, CfnValue>;
    Resources: Record<string, CfnResource>;
}

export interface MemberTemplateInput {
    /** Says which OU and policies the template serves. */
    description: string;
    partition: Partition;
    vaults: MemberVault[];
    roles: MemberRole[];
    /** Other accounts the plans copy into: they may copy back into these vaults for a restore. */
    copyTargetAccounts: string[];
    /** The break-glass role's name (with its path, if any) in every account of the OU. */
    breakGlassRoleName: string;
    lock?: VaultLockConfig;
    organizationId?: string;
    /** The one region whose stacks create the (global) IAM roles. */
    roleRegion: string;
}

/** A role in every target account, as an ARN the template resolves per account. */
export function accountRoleArn(partition: Partition, roleName: string): string {
    return `arn:${partition}:iam::${ACCOUNT_PLACEHOLDER}:role/${roleName}`;
}

/** What one account of the OU looks like to the shared definitions. */
export function stackSetMember(input: Pick<MemberTemplateInput, "partition" | "breakGlassRoleName" | "lock" | "organizationId" | "copyTargetAccounts">): MemberSettings {
    return {
        accountId: ACCOUNT_PLACEHOLDER,
        partition: input.partition,
        breakGlassRoleArn: accountRoleArn(input.partition, input.breakGlassRoleName),
        deployRoleArn: accountRoleArn(input.partition, STACKSET_EXECUTION_ROLE),
        lock: input.lock,
        organizationId: input.organizationId,
        copyTargetAccounts: input.copyTargetAccounts,
        // A stack never deletes a vault or key (DeletionPolicy Retain), so the execution role never needs to.
        retain: true,
    };
}

/** Letters and digits of the parts, then a hash of them, so two names that differ only in punctuation never share an id. */
export function logicalId(prefix: string, ...parts: string[]): string {
    const words = parts.join("-").split(/[^A-Za-z0-9]+/).filter(Boolean);
    const readable = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
    const hash = createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 6).toUpperCase();
    return `${prefix}${readable}${hash}`;
}

export function regionCondition(region: string): string {
    return logicalId("In", region);
}

const ROLE_REGION_CONDITION = "GlobalResourcesRegion";
const PLACEHOLDER = /\$\{([A-Za-z0-9:]+)\}/g;

/**
 * Strings that name `${AWS::AccountId}` or a resource's `${LogicalId}` become `Fn::Sub`, which
 * resolves both (a logical id to what `Ref` returns); anything else stays literal.
 */
function substituted(value: unknown, known: ReadonlySet<string>): CfnValue {
    if (typeof value === "string") {
        const names = [...value.matchAll(PLACEHOLDER)].map((m) => m[1]);
        if (names.length === 0) return value;
        // `${!x}` is Fn::Sub's escape for a literal `${x}`.
        const body = value.replace(PLACEHOLDER, (whole, name: string) => (name === "AWS::AccountId" || known.has(name) ? whole : `\${!${name}}`));
        return { "Fn::Sub": body };
    }
    if (Array.isArray(value)) return value.map((v) => substituted(v, known));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, substituted(v, known)]));
    }
    return value as CfnValue;
}

const RETAIN = { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" } as const;

function vaultResources(def: VaultDefinition, out: Record<string, CfnResource>, known: Set<string>): void {
    const key = logicalId("Key", def.region, def.vaultName);
    const topic = logicalId("Topic", def.region, def.vaultName);
    const topicPolicy = logicalId("TopicPolicy", def.region, def.vaultName);
    known.add(topic);
    const condition = regionCondition(def.region);
    const sub = (v: unknown) => substituted(v, known);
    out[key] = {
        Type: "AWS::KMS::Key",
        Condition: condition,
        ...RETAIN,
        Properties: {
            Description: def.key.description,
            EnableKeyRotation: def.key.enableKeyRotation,
            PendingWindowInDays: def.key.deletionWindowInDays,
            KeyPolicy: sub(def.key.policy),
        },
    };
    out[logicalId("KeyAlias", def.region, def.vaultName)] = {
        Type: "AWS::KMS::Alias",
        Condition: condition,
        Properties: { AliasName: def.keyAlias, TargetKeyId: { Ref: key } },
    };
    out[topic] = { Type: "AWS::SNS::Topic", Condition: condition, Properties: { KmsMasterKeyId: { "Fn::GetAtt": [key, "Arn"] } } };
    out[topicPolicy] = {
        Type: "AWS::SNS::TopicPolicy",
        Condition: condition,
        Properties: { PolicyDocument: sub(def.topicPolicy(`\${${topic}}`)), Topics: [{ Ref: topic }] },
    };
    const lock = def.lock;
    out[logicalId("Vault", def.region, def.vaultName)] = {
        Type: "AWS::Backup::BackupVault",
        Condition: condition,
        ...RETAIN,
        // Notifications only once AWS Backup may publish to the topic, as BackupVault orders them.
        DependsOn: [topicPolicy],
        Properties: {
            BackupVaultName: def.vaultName,
            EncryptionKeyArn: { "Fn::GetAtt": [key, "Arn"] },
            AccessPolicy: sub(def.accessPolicy),
            ...(lock
                ? {
                      LockConfiguration: {
                          MinRetentionDays: lock.minRetentionDays,
                          MaxRetentionDays: lock.maxRetentionDays,
                          ...(lock.changeableForDays !== undefined ? { ChangeableForDays: lock.changeableForDays } : {}),
                      },
                  }
                : {}),
            Notifications: { BackupVaultEvents: [...def.notificationEvents], SNSTopicArn: { Ref: topic } },
        },
    };
}

export function memberTemplate(input: MemberTemplateInput): CfnTemplate {
    const member = stackSetMember(input);
    const resources: Record<string, CfnResource> = {};
    const conditions: Record<string, CfnValue> = {};
    const known = new Set<string>();
    const inRegion = (region: string): CfnValue => ({ "Fn::Equals": [{ Ref: "AWS::Region" }, region] });
    for (const vault of input.vaults) {
        conditions[regionCondition(vault.region)] = inRegion(vault.region);
        vaultResources(vaultDefinition(memberVaultInput(member, vault)), resources, known);
    }
    if (input.roles.length > 0) conditions[ROLE_REGION_CONDITION] = inRegion(input.roleRegion);
    for (const role of input.roles) {
        const def = memberRoleDefinition(role, input.partition);
        resources[logicalId("Role", role.ref)] = {
            Type: "AWS::IAM::Role",
            Condition: ROLE_REGION_CONDITION,
            Properties: {
                RoleName: def.roleName,
                Path: def.path,
                Description: def.description,
                AssumeRolePolicyDocument: substituted(def.trustPolicy, known),
                ManagedPolicyArns: def.managedPolicyArns,
            },
        };
    }
    return { AWSTemplateFormatVersion: "2010-09-09", Description: input.description,
        // An empty section is left out rather than sent empty.
        ...(Object.keys(conditions).length > 0 ? { Conditions: conditions } : {}),
        Resources: resources,
    };
}

/** The TemplateBody sent to CloudFormation: minified, since its limit counts bytes. */
export function templateBody(template: CfnTemplate): string {
    return JSON.stringify(template);
}
