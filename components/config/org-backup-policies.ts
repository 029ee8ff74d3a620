// Stack config for AWS Organizations backup policies (`gatevault:orgBackupPolicies`): the
// organization this stack attaches policies in, and the policies themselves. Shapes and
// formats are checked here; the backup rules themselves (cron, lifecycle, windows, document
// size, the organization tree) by the policy builder, hooked in as the block's refinement.
// zod runs that refinement unless a part of the block has the wrong type, so format and rule
// problems are reported together.

import { z } from "zod";
import { memberDeploymentProblems } from "../backup/org-policy/member-problems";
import { stackSetProblems } from "../backup/org-policy/stack-set/problems";
import { orgBackupPoliciesProblems } from "../backup/org-policy/validate";
import {
    ACCOUNT_ID,
    BACKUP_NAME,
    BACKUP_ROLE_ARN,
    OU_ID,
    RESOURCE_TYPE,
    ROOT_ID,
    VAULT_ARN,
    VAULT_NAME,
} from "../backup/org-policy/formats";
import { organizationIdSchema, vaultLockSchema } from "./backup";
import { accountIdSchema, refusedKey, regionSchema, resourceNameSchema, roleArnSchema, tagsSchema } from "./primitives";

const backupNameSchema = z.string().regex(BACKUP_NAME, "must be 1-50 letters, digits, hyphens, underscores or dots");
const vaultNameSchema = z.string().regex(VAULT_NAME, "must be a backup vault name: 2-50 letters, digits, hyphens or underscores");
const backupRoleArnSchema = z
    .string()
    .regex(BACKUP_ROLE_ARN, "must be an IAM role ARN such as arn:aws:iam::$account:role/<name> ($account stands for each member account)");
const vaultArnSchema = z
    .string()
    .regex(VAULT_ARN, "must be a backup vault ARN such as arn:aws:backup:<region>:$account:backup-vault:<name>");
const resourceTypeSchema = z.string().regex(RESOURCE_TYPE, 'must be "*" or a resource ARN pattern such as arn:aws:dynamodb:*:*:table/*');
const targetIdSchema = z
    .string()
    .refine((id) => ROOT_ID.test(id) || OU_ID.test(id) || ACCOUNT_ID.test(id), "must be a root id (r-...), an OU id (ou-...-...) or a 12-digit account id");

export const operatorNames = ["assign", "append", "remove"] as const;
export type OperatorName = (typeof operatorNames)[number];

/**
 * What policies attached further down the organization may change: "all" (AWS's default),
 * "none" (locked), or the operators they may use.
 */
export const childOperatorsSchema = z.union([z.literal("all"), z.literal("none"), z.array(z.enum(operatorNames)).min(1)], {
    error: 'must be "all", "none" or a list of "assign", "append", "remove"',
});

/** A multi-valued setting: a list replaces what is inherited (@@assign), or `{ append: [...] }` / `{ remove: [...] }`. */
function listSetting<T extends z.ZodType>(item: T) {
    return z.union([z.array(item).min(1), z.strictObject({ append: z.array(item).min(1) }), z.strictObject({ remove: z.array(item).min(1) })], {
        error: "must be a list (replaces inherited values), { append: [...] } or { remove: [...] }",
    });
}

const lifecycleSchema = z.strictObject({
    moveToColdStorageAfterDays: z.number().optional(),
    deleteAfterDays: z.number().optional(),
});

const copyActionSchema = z.strictObject({
    /** The exact ARN of the target vault; `$account` for the same member account. */
    targetVaultArn: vaultArnSchema,
    /** Omitted: copies are kept as long as the rule keeps the source. */
    lifecycle: lifecycleSchema.optional(),
});

const ruleSchema = z.strictObject({
    name: backupNameSchema,
    /** 6-field cron in UTC, e.g. `cron(0 5 ? * * *)`. */
    schedule: z.string(),
    startWindowMinutes: z.number().optional(),
    completionWindowMinutes: z.number().optional(),
    targetVaultName: vaultNameSchema,
    lifecycle: lifecycleSchema.optional(),
    continuousBackup: z.boolean().optional(),
    recoveryPointTags: tagsSchema,
    copyActions: z.array(copyActionSchema).default([]),
});

const conditionSchema = z.strictObject({
    /** Name of the condition inside the policy; defaults to one derived from the key. */
    name: backupNameSchema.optional(),
    key: z.string().min(1).max(128),
    value: z.string().max(256),
});

const conditionsSchema = z.strictObject({
    stringEquals: z.array(conditionSchema).default([]),
    stringNotEquals: z.array(conditionSchema).default([]),
    stringLike: z.array(conditionSchema).default([]),
    stringNotLike: z.array(conditionSchema).default([]),
});

const tagSelectionSchema = z.strictObject({
    name: backupNameSchema,
    roleArn: backupRoleArnSchema,
    tagKey: z.string().min(1).max(128),
    /** A resource matches when its tag has ANY of these values. */
    tagValues: listSetting(z.string().max(256)),
    /** ALL conditions must hold. */
    conditions: conditionsSchema.optional(),
});

const resourceSelectionSchema = z.strictObject({
    name: backupNameSchema,
    roleArn: backupRoleArnSchema,
    resourceTypes: listSetting(resourceTypeSchema),
    notResourceTypes: listSetting(resourceTypeSchema).optional(),
    conditions: conditionsSchema.optional(),
});

const enabledSchema = z.enum(["enabled", "disabled"]);

const planSchema = z.strictObject({
    name: backupNameSchema,
    regions: listSetting(regionSchema),
    rules: z.array(ruleSchema).min(1),
    /** Tag selections or resource selections (AWS treats the two as mutually exclusive). */
    selections: z.strictObject({
        tags: z.array(tagSelectionSchema).default([]),
        resources: z.array(resourceSelectionSchema).default([]),
    }),
    // Backup policies take advanced settings for EC2 (Windows VSS) only: "The only supported
    // resource type is Amazon EC2 instances with Windows VSS ... Valid values: EC2" (AWS Backup
    // API Reference, API_AdvancedBackupSetting.html; AWS Organizations User Guide,
    // orgs_manage_policies_backup_syntax.html). S3 settings belong in an account's own plan.
    advancedBackupSettings: z
        .strictObject({
            ec2: z.strictObject({ windowsVss: enabledSchema }).optional(),
            s3: refusedKey(
                "is not supported in backup policies: their advanced backup settings apply to EC2 (Windows VSS) only; " +
                    "set S3 backup options on an account's own backup plan instead",
            ),
        })
        .optional(),
    backupPlanTags: tagsSchema,
    /** Written on every setting of the plan: what lower policies may change in it. */
    childOperators: childOperatorsSchema.optional(),
});

const policySchema = z.strictObject({
    /** The policy's name in Organizations and in the Pulumi plan. */
    name: resourceNameSchema,
    description: z.string().max(512).optional(),
    /** Ids of the root, OUs and accounts (declared under `organization`) to attach the policy to. */
    targets: z.array(targetIdSchema).min(1),
    /** Written on `plans`: whether lower policies may add plans ("append") or not ("none"). */
    childPlans: childOperatorsSchema.optional(),
    plans: z.array(planSchema).min(1),
});

/** An IAM role name, with its path if it has one (`backup-break-glass`, `ops/backup-break-glass`). */
const ROLE_NAME_WITH_PATH = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * Opt-in per OU: the vaults and roles the OU's effective policy names, in every account of the
 * OU (child OUs included, accounts that join later too), through one service-managed StackSet.
 */
const unitStackSetSchema = z.strictObject({
    /** The break-glass role's name in every account of the OU (each account's own role of that name). */
    breakGlassRoleName: z.string().regex(ROLE_NAME_WITH_PATH, "must be an IAM role name (letters, digits and +=,.@_-, at most 64), optionally after a path"),
    /** Vault lock on every vault the StackSet creates, as `gatevault:backup`'s `vault.lock`. */
    lock: vaultLockSchema.optional(),
});

const unitSchema = z.strictObject({
    id: z.string().regex(OU_ID, "must be an OU id such as ou-ab12-cdef3456"),
    name: z.string().min(1).max(128),
    /** The root's id or another OU's id. */
    parentId: z.string(),
    stackSet: unitStackSetSchema.optional(),
});

/**
 * How the OUs' StackSets are run. Operation preferences apply to every stack operation; the
 * defaults are the cautious ones: a quarter of the accounts at a time, stop at the first failed
 * account, one region after the other.
 */
const stackSetsSchema = z.strictObject({
    /** Role in the management account, or in an account registered as delegated administrator for StackSets. Default: administratorRoleArn. */
    administratorRoleArn: roleArnSchema.optional(),
    /** SELF from the management account, DELEGATED_ADMIN from a delegated administrator (checked at preview time). */
    callAs: z.enum(["SELF", "DELEGATED_ADMIN"]).default("SELF"),
    /** IAM is global: the region whose stacks create the roles. Default: the stack's region if the OU has vaults there, else the first region. */
    globalResourcesRegion: regionSchema.optional(),
    operationPreferences: z
        .strictObject({
            maxConcurrentPercentage: z.number().int().min(1).max(100).default(25),
            failureTolerancePercentage: z.number().int().min(0).max(100).default(0),
            regionConcurrencyType: z.enum(["SEQUENTIAL", "PARALLEL"]).default("SEQUENTIAL"),
            /** Regions in the order to deploy them; the others follow. Default: the global-resources region first. */
            regionOrder: z.array(regionSchema).optional(),
        })
        .default({ maxConcurrentPercentage: 25, failureTolerancePercentage: 0, regionConcurrencyType: "SEQUENTIAL" }),
});

/**
 * What gatevault needs to know to deploy the vaults a member account's effective policy names.
 * Vault names and regions, and role names, come from the effective policy itself.
 */
const memberBackupResourcesSchema = z.strictObject({
    /** The one role in the account that may delete recovery points or change the vaults' access policy and lock. */
    breakGlassRoleArn: roleArnSchema,
    /** Vault lock on every vault deployed in the account. */
    lock: vaultLockSchema.optional(),
});

const accountOf = (roleArn: string) => roleArn.split(":")[4];

const accountSchema = z
    .strictObject({
        id: accountIdSchema,
        name: z.string().min(1).max(128),
        parentId: z.string(),
        /** Deploy the backup vault and role the policies name into this account (account-level backup components). */
        deployBackupResources: z.boolean().default(false),
        /** Role to assume in the account for that deployment. */
        assumeRoleArn: roleArnSchema.optional(),
        /** Settings for that deployment; required with deployBackupResources. */
        backupResources: memberBackupResourcesSchema.optional(),
    })
    .superRefine((account, ctx) => {
        const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message, input: undefined });
        if (account.deployBackupResources && !account.assumeRoleArn) {
            issue(["assumeRoleArn"], "is required when deployBackupResources is true (the role to assume in that account)");
        }
        if (account.deployBackupResources && !account.backupResources) {
            issue(["backupResources"], "is required when deployBackupResources is true: { breakGlassRoleArn, lock? } for the vaults deployed there");
        }
        if (!account.deployBackupResources && account.backupResources) {
            issue(["backupResources"], "must be left out unless deployBackupResources is true (nothing is deployed into this account)");
        }
        // The provider only lets a role touch its own account: a role elsewhere would put the vaults there.
        if (account.assumeRoleArn && accountOf(account.assumeRoleArn) !== account.id) {
            issue(["assumeRoleArn"], `must be a role in account ${account.id} (got account ${accountOf(account.assumeRoleArn)})`);
        }
        const breakGlass = account.backupResources?.breakGlassRoleArn;
        if (breakGlass && accountOf(breakGlass) !== account.id) {
            issue(["backupResources", "breakGlassRoleArn"], `must be a role in account ${account.id}, whose vaults it guards (got account ${accountOf(breakGlass)})`);
        }
    });

export const organizationSchema = z.strictObject({
    /** The organization's id: member vault keys are shared with it, which copies to other accounts need. */
    id: organizationIdSchema.optional(),
    rootId: z.string().regex(ROOT_ID, "must be the organization root's id such as r-ab12"),
    /** OUs on the path of every target: each names its parent, so the plan can compute what an account inherits. */
    units: z.array(unitSchema).default([]),
    accounts: z.array(accountSchema).default([]),
});

export const orgBackupPoliciesSchema = z
    .strictObject({
        /** Role in the management account, or in the delegated administrator for backup policies. */
        administratorRoleArn: roleArnSchema,
        organization: organizationSchema,
        policies: z.array(policySchema).min(1),
        stackSets: stackSetsSchema.optional(),
    })
    .superRefine((config, ctx) => {
        const policyProblems = orgBackupPoliciesProblems(config);
        // Member deployments read effective policies, which need a valid tree and policies.
        const problems = policyProblems.length > 0 ? policyProblems : [...memberDeploymentProblems(config), ...stackSetProblems(config)];
        for (const problem of problems) {
            // No `input`: the messages quote the values they are about themselves.
            ctx.addIssue({ code: "custom", path: [...problem.path], message: problem.message, input: undefined });
        }
    })
    .optional();

export type OrgBackupPoliciesConfig = z.output<typeof orgBackupPoliciesSchema> & {};
export type OrgBackupPolicyConfig = OrgBackupPoliciesConfig["policies"][number];
export type BackupPlanConfig = OrgBackupPolicyConfig["plans"][number];
export type BackupRuleConfig = BackupPlanConfig["rules"][number];
export type LifecycleConfig = z.output<typeof lifecycleSchema>;
export type ConditionsConfig = z.output<typeof conditionsSchema>;
export type ChildOperatorsConfig = z.output<typeof childOperatorsSchema>;
export type OrganizationConfig = z.output<typeof organizationSchema>;
export type MemberBackupResourcesConfig = z.output<typeof memberBackupResourcesSchema>;
export type UnitStackSetConfig = z.output<typeof unitStackSetSchema>;
export type StackSetsConfig = z.output<typeof stackSetsSchema>;
export type ListSetting<T> = T[] | { append: T[] } | { remove: T[] };
