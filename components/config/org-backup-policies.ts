// Stack config for AWS Organizations backup policies (`gatevault:orgBackupPolicies`): the
// organization this stack attaches policies in, and the policies themselves. Shapes, formats
// and the rules of each account on its own are checked here. The backup rules themselves
// (cron, lifecycle, windows, vault locks, document size, the organization tree, what member
// accounts and StackSets need) are the policy builder's (components/backup/org-policy);
// checkStack (components/program.ts) runs them on the parsed config before the first resource.

import { z } from "zod";
import {
    ACCOUNT_ID,
    BACKUP_NAME,
    BACKUP_ROLE_ARN,
    OU_ID,
    RESOURCE_TYPE,
    ROOT_ID,
    VAULT_ARN,
    VAULT_NAME,
} from "./org-backup-formats";
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
    return z.union(
        [
            z.array(item).min(1),
            z.strictObject({ append: z.array(item).min(1).describe("Values added to the inherited list (`@@append`).") }),
            z.strictObject({ remove: z.array(item).min(1).describe("Values taken out of the inherited list (`@@remove`).") }),
        ],
        {
            error: "must be a list (replaces inherited values), { append: [...] } or { remove: [...] }",
        },
    );
}

const lifecycleSchema = z.strictObject({
    moveToColdStorageAfterDays: z.number().optional().describe("Days before recovery points move to cold storage."),
    deleteAfterDays: z.number().optional().describe("Days before recovery points are deleted: 1-36,500, at least cold + 90; continuous backups at most 35 and never cold."),
});

const copyActionSchema = z.strictObject({
    targetVaultArn: vaultArnSchema.describe("The exact ARN of the target vault (the copy action's key in the document); `$account` stands for each member account."),
    lifecycle: lifecycleSchema.optional().describe("Left out, copies are kept as long as the rule keeps the source."),
});

const ruleSchema = z.strictObject({
    name: backupNameSchema.describe("The rule's name in the document."),
    schedule: z.string().describe("6-field cron in UTC, such as `cron(0 5 ? * * *)`."),
    startWindowMinutes: z.number().optional().describe("At least 60."),
    completionWindowMinutes: z.number().optional().describe("At least `startWindowMinutes` + 60."),
    targetVaultName: vaultNameSchema.describe("The vault each member account must have in every region of the plan."),
    lifecycle: lifecycleSchema.optional().describe("When recovery points move to cold storage and are deleted."),
    continuousBackup: z.boolean().optional().describe("Continuous backup (point-in-time restore)."),
    recoveryPointTags: tagsSchema.describe("Tags on the recovery points."),
    copyActions: z.array(copyActionSchema).default([]).describe("Copies to other vaults, keyed by their exact ARN in the document."),
});

const conditionSchema = z.strictObject({
    name: backupNameSchema.optional().describe("Name of the condition inside the policy. Default: one derived from the key."),
    key: z.string().min(1).max(128).describe("Condition key, such as `aws:ResourceTag/Team`."),
    value: z.string().max(256).describe("The value compared with."),
});

const conditionsSchema = z.strictObject({
    stringEquals: z.array(conditionSchema).default([]).describe("Conditions compared exactly."),
    stringNotEquals: z.array(conditionSchema).default([]).describe("Conditions that must not match exactly."),
    stringLike: z.array(conditionSchema).default([]).describe("Conditions with `*` wildcards."),
    stringNotLike: z.array(conditionSchema).default([]).describe("Conditions with `*` wildcards that must not match."),
});

const tagSelectionSchema = z.strictObject({
    name: backupNameSchema.describe("The selection's name in the document."),
    roleArn: backupRoleArnSchema.describe("The role AWS Backup assumes; `$account` stands for each member account, which must have the role."),
    tagKey: z.string().min(1).max(128).describe("The tag selected on."),
    tagValues: listSetting(z.string().max(256)).describe("A resource matches when its tag has ANY of these values: a list, `{ append }` or `{ remove }`."),
    conditions: conditionsSchema.optional().describe("ALL must hold; at most 30 per selection."),
});

const resourceSelectionSchema = z.strictObject({
    name: backupNameSchema.describe("The selection's name in the document."),
    roleArn: backupRoleArnSchema.describe("The role AWS Backup assumes; `$account` stands for each member account, which must have the role."),
    resourceTypes: listSetting(resourceTypeSchema).describe("Resource ARN patterns selected: a list, `{ append }` or `{ remove }`."),
    notResourceTypes: listSetting(resourceTypeSchema).optional().describe("Resource ARN patterns left out."),
    conditions: conditionsSchema.optional().describe("ALL must hold; at most 30 per selection."),
});

const enabledSchema = z.enum(["enabled", "disabled"]);

const planSchema = z.strictObject({
    name: backupNameSchema.describe("Plan name; unique in the policy ignoring case."),
    regions: listSetting(regionSchema).describe("A list replaces inherited regions (`@@assign`); `{ append: [...] }` or `{ remove: [...] }` change them."),
    rules: z.array(ruleSchema).min(1).describe("When backups run, where they go and how long they are kept."),
    selections: z
        .strictObject({
            tags: z.array(tagSelectionSchema).default([]).describe("Tag selections."),
            resources: z.array(resourceSelectionSchema).default([]).describe("Resource selections."),
        })
        .describe("Tag selections or resource selections in one plan, not both (AWS treats them as mutually exclusive)."),
    // Backup policies take advanced settings for EC2 (Windows VSS) only: "The only supported
    // resource type is Amazon EC2 instances with Windows VSS ... Valid values: EC2" (AWS Backup
    // API Reference, API_AdvancedBackupSetting.html; AWS Organizations User Guide,
    // orgs_manage_policies_backup_syntax.html). S3 settings belong in an account's own plan.
    advancedBackupSettings: z
        .strictObject({
            ec2: z.strictObject({ windowsVss: enabledSchema.describe("Windows VSS application-consistent backups.") }).optional().describe("EC2 settings."),
            s3: refusedKey(
                "is not supported in backup policies: their advanced backup settings apply to EC2 (Windows VSS) only; " +
                    "set S3 backup options on an account's own backup plan instead",
            ).describe("Refused: backup policies support advanced settings for EC2 (Windows VSS) only; set S3 settings on an account's own plan."),
        })
        .optional()
        .describe("Advanced backup settings (EC2 Windows VSS only)."),
    backupPlanTags: tagsSchema.describe("Tags on the backup plans AWS creates in each account."),
    childOperators: childOperatorsSchema.optional().describe("Written on every setting of the plan: what lower policies may change in it (`all`, `none`, or operators)."),
});

const policySchema = z.strictObject({
    name: resourceNameSchema.describe("The policy's name in Organizations and in the plan."),
    description: z.string().max(512).optional().describe("Shown in Organizations."),
    targets: z.array(targetIdSchema).min(1).describe("Root, OU or account ids (declared under `organization`) the policy is attached to, in this order."),
    childPlans: childOperatorsSchema.optional().describe("Written on `plans`: `[append]` lets lower policies add plans, `none` forbids it."),
    plans: z.array(planSchema).min(1).describe("The policy's backup plans."),
});

/**
 * An IAM role name, with its path if it has one (`backup-break-glass`, `ops/backup-break-glass`).
 * The name: 1-64 of `[\w+=,.@-]` (hashicorp/terraform-provider-aws internal/service/iam/role.go,
 * `name` validated by validResourceName(64) in internal/service/iam/validate.go).
 */
const ROLE_NAME_WITH_PATH = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/**
 * Opt-in per OU: the vaults and roles the OU's effective policy names, in every account of the
 * OU (child OUs included, accounts that join later too), through one service-managed StackSet.
 */
const unitStackSetSchema = z.strictObject({
    breakGlassRoleName: z
        .string()
        .regex(ROLE_NAME_WITH_PATH, "must be an IAM role name (letters, digits and +=,.@_-, at most 64), optionally after a path")
        .describe("The break-glass role's name (optionally after a path) in every account of the OU: each account's own role of that name."),
    lock: vaultLockSchema.optional().describe("Vault lock on every vault the StackSet creates, as `gatevault:backup`'s `vault.lock`."),
});

const unitSchema = z.strictObject({
    id: z.string().regex(OU_ID, "must be an OU id such as ou-ab12-cdef3456").describe("The OU's id."),
    name: z.string().min(1).max(128).describe("Its name, as the plan shows it."),
    parentId: z.string().describe("The root's id or another listed OU's id."),
    stackSet: unitStackSetSchema
        .optional()
        .describe(
            "Opt-in: the vaults and roles the OU's policies name, in every account below the OU (child OUs and later accounts included), through one service-managed StackSet. Not on an OU below another StackSet OU.",
        ),
});

/**
 * How the OUs' StackSets are run. Operation preferences apply to every stack operation; the
 * defaults are the cautious ones: a quarter of the accounts at a time, stop at the first failed
 * account, one region after the other.
 */
const stackSetsSchema = z.strictObject({
    administratorRoleArn: roleArnSchema
        .optional()
        .describe("Role in the management account, or in an account registered as delegated administrator for StackSets. Default: `administratorRoleArn`."),
    callAs: z
        .enum(["SELF", "DELEGATED_ADMIN"])
        .default("SELF")
        .describe("`SELF` from the management account, `DELEGATED_ADMIN` from a delegated administrator (checked at preview time)."),
    globalResourcesRegion: regionSchema
        .optional()
        .describe("IAM is global: the region whose stacks create the roles. Default: the stack's region if the OU has vaults there, else the first region."),
    // The ranges are the provider's: operation_preferences max_concurrent_percentage
    // IntBetween(1, 100), failure_tolerance_percentage IntBetween(0, 100)
    // (hashicorp/terraform-provider-aws internal/service/cloudformation/stack_set.go).
    operationPreferences: z
        .strictObject({
            maxConcurrentPercentage: z.number().int().min(1).max(100).default(25).describe("Share of the accounts deployed at a time."),
            failureTolerancePercentage: z.number().int().min(0).max(100).default(0).describe("Share of accounts that may fail before the operation stops."),
            regionConcurrencyType: z.enum(["SEQUENTIAL", "PARALLEL"]).default("SEQUENTIAL").describe("One region after the other, or all at once."),
            regionOrder: z.array(regionSchema).optional().describe("StackSet regions in the order to deploy them; the others follow. Default: the global-resources region first."),
        })
        .default({ maxConcurrentPercentage: 25, failureTolerancePercentage: 0, regionConcurrencyType: "SEQUENTIAL" })
        .describe("Applied to every stack operation; the defaults are the cautious ones."),
});

/**
 * What gatevault needs to know to deploy the vaults a member account's effective policy names.
 * Vault names and regions, and role names, come from the effective policy itself.
 */
const memberBackupResourcesSchema = z.strictObject({
    breakGlassRoleArn: roleArnSchema.describe("The only role in the account that may delete recovery points or change the vaults' access policy and lock; in that account."),
    lock: vaultLockSchema.optional().describe("Vault lock on every vault deployed in the account, as `gatevault:backup`'s `vault.lock`."),
});

const accountOf = (roleArn: string) => roleArn.split(":")[4];

const accountSchema = z
    .strictObject({
        id: accountIdSchema.describe("The account's id (12 digits, quoted)."),
        name: z.string().min(1).max(128).describe("Its name, as the plan shows it."),
        parentId: z.string().describe("The root's id or a listed OU's id."),
        deployBackupResources: z
            .boolean()
            .default(false)
            .describe("Deploy the vaults and roles the account's effective policy names into it, through its own provider (needs `assumeRoleArn` and `backupResources`)."),
        assumeRoleArn: roleArnSchema.optional().describe("Role in that account to deploy with; it must trust the identity that runs `pulumi up`."),
        backupResources: memberBackupResourcesSchema.optional().describe("Only with `deployBackupResources`: settings of what is deployed there."),
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
    id: organizationIdSchema
        .optional()
        .describe("The organization's id: member vault keys are shared with it; required when a marked account's plans copy to another account."),
    rootId: z.string().regex(ROOT_ID, "must be the organization root's id such as r-ab12").describe("The organization root's id."),
    units: z
        .array(unitSchema)
        .default([])
        .describe("OUs that are targets or lie on a target's path: each names its parent, so the plan can compute what an account inherits."),
    accounts: z.array(accountSchema).default([]).describe("Accounts to attach to, to show in the plan, or to deploy member vaults and roles into."),
});

export const orgBackupPoliciesSchema = z
    .strictObject({
        administratorRoleArn: roleArnSchema.describe("Role the provider assumes: in the management account, or in the delegated administrator for backup policies."),
        organization: organizationSchema.describe("The part of the organization the policies target; the rest may stay out of config."),
        policies: z.array(policySchema).min(1).describe("The `BACKUP_POLICY` documents and where they attach."),
        stackSets: stackSetsSchema.optional().describe("How the OUs' StackSets (`units[].stackSet`) are run."),
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
