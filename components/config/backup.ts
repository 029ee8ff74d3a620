// Stack config for AWS Backup inside the stack's account (`gatevault:backup`): vaults, plans,
// tag tiers, copies, vault lock, audit and restore testing. Shapes and the rules of each field
// on its own live here. The rules that need the backup layer's knowledge (rule presets,
// schedules, lifecycles and vault locks, references between plans, vaults and copies) are
// components/backup/validation's; checkStack (components/program.ts) runs them on the parsed
// config before the first resource.

import { z } from "zod";
import { MAX_FRAMEWORK_NAME, PLAN_NAME, UNDERSCORE_NAME, VAULT_NAME } from "./backup-names";
import { accountIdSchema, refusedKey, regionSchema, roleArnSchema } from "./primitives";

const vaultNameSchema = z.string().regex(VAULT_NAME, "must be 2-50 letters, digits, hyphens or underscores (an AWS Backup vault name)");
const planNameSchema = z.string().regex(PLAN_NAME, "must be 1-50 letters, digits, hyphens, underscores or periods");
export const organizationIdSchema = z.string().regex(/^o-[a-z0-9]{10,32}$/, "must be an AWS Organizations id such as o-a1b2c3d4e5");
const vaultArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9\-_]{2,50}$/, "must be a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)");
const resourceArnSchema = z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:/, "must be a resource ARN (arn:aws:<service>:...)");
const tagMapSchema = z.record(z.string().min(1).max(128), z.string().max(256));

/** Whole days and minutes are checked by the backup layer's rule functions, which name the limit. */
const lifecycleSchema = z.strictObject({
    moveToColdStorageAfterDays: z.number().optional().describe("Days after creation before a recovery point moves to cold storage."),
    deleteAfterDays: z
        .number()
        .optional()
        .describe("Days after creation before a recovery point is deleted: 1-36,500, and at least `moveToColdStorageAfterDays` + 90 when cold storage is used."),
    optInToArchiveForSupportedResources: z.boolean().optional().describe("Let resource types that support it use the archive tier for cold storage."),
});

export const vaultLockSchema = z
    .strictObject({
        mode: z
            .enum(["governance", "compliance"])
            .default("governance")
            .describe("`governance` can be removed by principals allowed to; `compliance` (needs `changeableForDays`) by nobody once its grace period ends."),
        minRetentionDays: z.number().describe("Shortest retention a recovery point in the vault may have (1-36,500); rules and copies into the vault must keep at least this long."),
        maxRetentionDays: z.number().describe("Longest retention (1-36,500, at least `minRetentionDays`)."),
        changeableForDays: z.number().optional().describe("Compliance mode only (required there): days before the lock becomes immutable, at least 3."),
    })
    .describe("Vault lock: recovery points cannot be deleted or shortened below `minRetentionDays`. Retentions written into the vault must lie within its bounds, or AWS Backup fails the job.");

const copyActionSchema = z
    .strictObject({
        region: regionSchema.optional().describe("Copy to this stack's copy vault in another region (a `copyRegions` entry). Exactly one of `region`, `central` and `vaultArn`."),
        central: z.literal(true).optional().describe("Copy to the central vault in the backup account (`centralVault`)."),
        vaultArn: vaultArnSchema.optional().describe("Copy to any other vault, by ARN (it must use a customer-managed KMS key)."),
        lifecycle: lifecycleSchema.optional().describe("Lifecycle of the copy. Default: the rule's lifecycle."),
    })
    .superRefine((copy, ctx) => {
        const targets = (["region", "central", "vaultArn"] as const).filter((k) => copy[k] !== undefined);
        if (targets.length !== 1) {
            ctx.addIssue({
                code: "custom",
                path: [],
                message: `must name exactly one destination: region, central or vaultArn (got ${targets.length === 0 ? "none" : targets.join(" and ")})`,
            });
        }
    });

export const ruleSchema = z.strictObject({
    name: planNameSchema.describe("Unique in the plan."),
    preset: z
        .enum(["daily", "weekly", "monthly", "yearly"])
        .optional()
        .describe(
            "Start from a preset; every field below overrides it, `lifecycle` field by field. daily: `cron(0 5 ? * * *)`, 35 days; weekly: Sundays, 90 days; monthly: the 1st, 365 days; yearly: 1 January, cold after 90, deleted after 2,557 days (seven years). All start within 60 minutes.",
        ),
    schedule: z
        .string()
        .optional()
        .describe("6-field cron in UTC, `cron(min hour day-of-month month day-of-week year)`, exactly one of the day fields `?`, a single minute value. Required unless a preset gives one."),
    startWindowMinutes: z.number().optional().describe("At least 60. Without a preset, AWS's default (480)."),
    completionWindowMinutes: z.number().optional().describe("At least `startWindowMinutes` + 60. Without a preset, AWS's default (10,080)."),
    continuous: z.boolean().optional().describe("Continuous backup (point-in-time restore): `lifecycle.deleteAfterDays` required and at most 35, no cold storage."),
    lifecycle: lifecycleSchema.optional().describe("When recovery points move to cold storage and are deleted."),
    recoveryPointTags: tagMapSchema.optional().describe("Tags on the recovery points."),
    copyTo: z.array(copyActionSchema).default([]).describe("Copies of each recovery point to other vaults."),
});

const selectionSchema = z.strictObject({
    tiers: z
        .array(z.string().min(1).max(256))
        .default([])
        .describe("Tag tiers this plan backs up: one selection per tier, each matching the condition `aws:ResourceTag/<tierTag.key> = <tier>` on `resources: [\"*\"]`. At least one of `tiers` and `resources`; the opt-out value can never be selected."),
    resources: z.array(resourceArnSchema).default([]).describe("Explicit resource ARNs (one more selection)."),
    matchTags: tagMapSchema.default({}).describe("Extra tags every selected resource must carry (conditions: all must match)."),
    excludeTags: tagMapSchema.default({}).describe("Resources carrying any of these tag values are left out."),
    excludeResources: z.array(resourceArnSchema).default([]).describe("ARNs never backed up by this plan (`notResources`)."),
});

const planSchema = z.strictObject({
    name: planNameSchema.describe("Unique in the stack, ignoring case."),
    rules: z.array(ruleSchema).min(1).describe("When backups run and how long they are kept."),
    selection: selectionSchema.describe("What the plan backs up."),
    windowsVss: z.boolean().default(false).describe("Windows VSS application-consistent backups for EC2 instances."),
});

const copyRegionSchema = z.strictObject({
    region: regionSchema.describe("A region other than the stack's."),
    vaultName: vaultNameSchema.optional().describe("Default: the primary vault's name (names are per region)."),
    lock: vaultLockSchema.optional().describe("Default: the primary vault's lock."),
});

const centralVaultSchema = z
    .strictObject({
        deployRoleArn: roleArnSchema.describe("Role in the backup account that the stack assumes to manage the central vault."),
        name: vaultNameSchema.describe("The central vault's name."),
        region: regionSchema.optional().describe("Default: the stack's region."),
        breakGlassRoleArn: roleArnSchema.describe(
            "The one role in the backup account allowed to delete recovery points, shorten their lifecycle or remove the lock; in the same account as `deployRoleArn`.",
        ),
        lock: vaultLockSchema.optional(),
        acceptCopiesFrom: z
            .union([z.literal("organization"), z.array(accountIdSchema).min(1)], {
                error: 'must be "organization" or a list of 12-digit account ids',
            })
            .optional()
            .describe(
                "Accounts whose backups are copied into the central vault (default: the stack's own), or `organization` for every account of `organizationId`. Only they may copy in and use the vault's key (through AWS Backup).",
            ),
    })
    .superRefine((central, ctx) => {
        const deployAccount = central.deployRoleArn.split(":")[4];
        const breakGlassAccount = central.breakGlassRoleArn.split(":")[4];
        if (deployAccount !== breakGlassAccount) {
            ctx.addIssue({
                code: "custom",
                path: ["breakGlassRoleArn"],
                message: `must be a role in the backup account ${deployAccount} (got account ${breakGlassAccount})`,
            });
        }
    });

const subscriptionSchema = z
    .strictObject({
        protocol: z.enum(["email", "https", "sqs", "lambda"]).describe("How the subscriber is notified."),
        endpoint: z.string().min(1).describe("An email address, an `https://` URL, or an SQS queue or Lambda function ARN, matching `protocol`."),
    })
    .superRefine((s, ctx) => {
        const ok =
            s.protocol === "email" ? /^[^@\s]+@[^@\s]+$/.test(s.endpoint) : s.protocol === "https" ? s.endpoint.startsWith("https://") : /^arn:aws[a-z-]*:(sqs|lambda):/.test(s.endpoint);
        if (!ok) {
            const expected = { email: "an email address", https: "an https:// URL", sqs: "an SQS queue ARN", lambda: "a Lambda function ARN" }[s.protocol];
            ctx.addIssue({ code: "custom", path: ["endpoint"], message: `must be ${expected} for protocol ${s.protocol} (got "${s.endpoint}")` });
        }
    });

/** A control is on when its key is present, with its parameters (`{}` for the defaults). */
function control<T extends z.ZodRawShape>(shape: T) {
    return z.strictObject(shape).optional();
}

/** AWS limits a count per unit (e.g. at most 24 hours, 31 days). */
function countPerUnit(unitKey: string, valueKey: string, max: Record<string, number>) {
    return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
        const unit = String(v[unitKey]);
        const value = Number(v[valueKey]);
        if (value > max[unit]) {
            ctx.addIssue({ code: "custom", path: [valueKey], message: `must be <= ${max[unit]} when ${unitKey} is ${unit} (got ${value})` });
        }
    };
}

const auditControlsSchema = z.strictObject({
    planFrequencyAndRetention: z
        .strictObject({
            frequencyUnit: z.enum(["hours", "days"]).default("days").describe("Unit of `frequencyValue`."),
            frequencyValue: z.int().min(1).default(1).describe("Plans must run at least this often: at most 24 hours or 31 days."),
            retentionDays: z.int().min(1).max(36_500).default(35).describe("Plans must keep recovery points at least this long."),
        })
        .superRefine(countPerUnit("frequencyUnit", "frequencyValue", { hours: 24, days: 31 }))
        .optional()
        .describe("`BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK`."),
    recoveryPointMinimumRetention: control({ retentionDays: z.int().min(1).max(36_500).default(35).describe("Recovery points must be kept at least this long.") }).describe(
        "`BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK`.",
    ),
    recoveryPointEncrypted: control({}).describe("`BACKUP_RECOVERY_POINT_ENCRYPTED`."),
    resourcesProtectedByPlan: z
        .strictObject({
            resourceTypes: z.array(z.string().min(1)).min(1).optional().describe("Resource types in scope."),
            tag: z
                .strictObject({ key: z.string().min(1).max(128).describe("Tag key."), value: z.string().min(1).max(256).describe("Tag value.") })
                .optional()
                .describe("One tag in scope (not with `resourceTypes`)."),
        })
        .superRefine((c, ctx) => {
            // A control scope is resource types or one tag, not both (internal/service/backup/framework.go).
            if (c.resourceTypes && c.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "cannot be combined with resourceTypes: AWS scopes a control by resource types or by one tag" });
        })
        .optional()
        .describe(
            "`BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN`. Scope: `resourceTypes`, or one `tag`, or by default the one tier the plans select, so resources opted out are not reported (several tiers need one of the two).",
        ),
    restoreTime: control({ maxRestoreMinutes: z.int().min(1).optional().describe("Longest acceptable restore. Default: 720.") }).describe(
        "`RESTORE_TIME_FOR_RESOURCES_MEET_TARGET`; on by default with `restoreTesting`, scoped to its resource types.",
    ),
    manualDeletionDisabled: control({
        principalArns: z.array(roleArnSchema).min(1).max(5).optional().describe("Principals allowed to delete. Default: the break-glass role."),
    }).describe("`BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED`."),
    crossRegion: control({ regions: z.array(regionSchema).min(1).max(3).optional().describe("Default: `copyRegions`.") }).describe("`BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION`."),
    crossAccount: control({ accounts: z.array(accountIdSchema).min(1).max(5).optional().describe("Default: the central vault's account.") }).describe(
        "`BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT`.",
    ),
    vaultLock: control({
        minRetentionDays: z.int().min(1).max(36_500).optional().describe("Default: the primary vault's lock."),
        maxRetentionDays: z.int().min(1).max(36_500).optional().describe("Default: the primary vault's lock."),
    }).describe("`BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK`."),
    lastRecoveryPoint: z
        .strictObject({
            ageUnit: z.enum(["hours", "days"]).default("days").describe("Unit of `ageValue`."),
            ageValue: z.int().min(1).default(1).describe("The newest recovery point must be at most this old: at most 744 hours or 31 days."),
        })
        .superRefine(countPerUnit("ageUnit", "ageValue", { hours: 744, days: 31 }))
        .optional()
        .describe("`BACKUP_LAST_RECOVERY_POINT_CREATED`."),
});

const reportTemplates = ["CONTROL_COMPLIANCE_REPORT", "RESOURCE_COMPLIANCE_REPORT", "BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT"] as const;

const auditSchema = z.strictObject({
    frameworkName: z
        .string()
        .max(MAX_FRAMEWORK_NAME)
        .regex(UNDERSCORE_NAME, "must start with a letter and hold only letters, digits and underscores")
        .optional()
        .describe("Letters, digits and underscores. Default: `gatevault_<environment>`."),
    resourceTracking: z
        .enum(["existing", "managed"])
        .optional()
        .describe(
            "AWS Config recording of the AWS Backup resource types the controls evaluate: `existing` (a recorder in the account already records them, such as the landing zone's) or `managed` (gatevault creates the account's recorder, one per account and region, delivering to the report bucket). Left out, the plan warns: without recording, Audit Manager evaluates nothing.",
        ),
    controls: auditControlsSchema.describe("Each key present turns a control on (`{}` for its defaults)."),
    reports: z
        .strictObject({
            templates: z.array(z.enum(reportTemplates)).min(1).default(["CONTROL_COMPLIANCE_REPORT"]).describe("One report plan per template."),
            formats: z.array(z.enum(["CSV", "JSON"])).min(1).default(["CSV", "JSON"]).describe("Report file formats."),
            keyPrefix: z
                .string()
                .regex(/^[a-zA-Z0-9!_.*'()\/-]{1,100}$/, "must be an S3 key prefix without a leading slash")
                .default("backup-reports")
                .describe("Where reports go in the report bucket."),
        })
        .prefault({})
        .describe("Report plans delivering to the report bucket gatevault creates."),
});

export const restoreResourceTypes = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"] as const;

const restoreSelectionSchema = z.strictObject({
    resourceType: z.enum(restoreResourceTypes).describe("One selection per resource type."),
    resources: z
        .array(z.union([z.literal("*"), resourceArnSchema]))
        .min(1)
        .default(["*"])
        .describe('Protected resource ARNs, or `["*"]` for every protected resource of the type.'),
    matchTags: tagMapSchema.default({}).describe('Only with `resources: ["*"]`: protected resources must carry these tags.'),
    excludeTags: tagMapSchema.default({}).describe('Only with `resources: ["*"]`: protected resources carrying these tags are left out.'),
    // 1-168 is the provider's range (int64validator.Between(1, 168),
    // hashicorp/terraform-provider-aws internal/service/backup/restore_testing_selection.go).
    validationWindowHours: z.int().min(1).max(168).default(1).describe("Hours AWS Backup keeps the restored resource for your validation before deleting it."),
    restoreMetadataOverrides: z.record(z.string().min(1), z.string()).optional().describe("Restore metadata to override, such as `{ instanceType: t3.micro }` or a subnet."),
});

const restoreTestingSchema = z.strictObject({
    schedule: z.string().describe("When restore tests run: 6-field cron in UTC."),
    startWindowHours: z.int().min(1).max(168).default(24).describe("Hours a test may wait to start."),
    selectionWindowDays: z.int().min(1).max(365).default(30).describe("How far back recovery points are picked from, in days."),
    recoveryPointSelection: z
        .enum(["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"])
        .default("LATEST_WITHIN_WINDOW")
        .describe("Which recovery point in the window is restored."),
    recoveryPointTypes: z.array(z.enum(["SNAPSHOT", "CONTINUOUS"])).min(1).default(["SNAPSHOT"]).describe("Kinds of recovery points tested."),
    includeVaultArns: z.array(vaultArnSchema).min(1).optional().describe("Vaults to pick recovery points from. Default: the primary vault."),
    selections: z.array(restoreSelectionSchema).min(1).describe("What is restored, per resource type."),
});

const backupShape = z.strictObject({
    breakGlassRoleArn: roleArnSchema.describe(
        "The only role that may delete recovery points, shorten their lifecycle, or (prod) remove a vault's lock, policy or the vault; in the stack's account.",
    ),
    deployRoleArn: roleArnSchema.describe(
        "The role `pulumi up` runs as in the stack's account: the vault policies let it (and break-glass) change the vaults' policy and lock, and in dev delete them; the key policies let only it and break-glass put a new key policy, so run `pulumi up` as this role. In the stack's account.",
    ),
    organizationId: organizationIdSchema
        .optional()
        .describe("The organization the stack's and the backup account belong to: a further condition (`aws:PrincipalOrgID`) on key use and copies by other accounts. Required with `centralVault`."),
    crossAccountBackup: z
        .strictObject({
            managementRoleArn: roleArnSchema.describe("A role in the organization's management account."),
            regions: z.array(regionSchema).min(1).optional().describe("Default: the regions this stack's cross-account copies start from, else the stack's region."),
        })
        .optional()
        .describe("Switch on cross-account backup (`aws.backup.GlobalSettings` `isCrossAccountBackupEnabled`) in the organization's management account, through a provider that assumes `managementRoleArn`."),
    managementAccount: refusedKey(
        "was replaced by crossAccountBackup.managementRoleArn: cross-account backup is switched on in the organization's " +
            "management account, not in the stack's (set crossAccountBackup: { managementRoleArn: <a role in the management account> })",
    ).describe("Refused: replaced by `crossAccountBackup.managementRoleArn` (cross-account backup is switched on in the management account, not the stack's)."),
    tierTag: z
        .strictObject({
            key: z.string().min(1).max(128).default("Backup").describe("The tag key."),
            values: z.array(z.string().min(1).max(256)).min(1).default(["Daily", "Weekly", "Monthly", "Yearly", "None"]).describe("Allowed tier values."),
            optOut: z.string().min(1).max(256).default("None").describe("The value that is never backed up."),
        })
        .prefault({})
        .describe("The tag that puts resources in a tier, and its allowed values."),
    notifications: z
        .strictObject({
            subscriptions: z
                .array(subscriptionSchema)
                .default([])
                .describe("Subscribers to every vault's topic, filtered to jobs that did not succeed (`State` FAILED, EXPIRED, ABORTED, PARTIAL)."),
        })
        .superRefine((n, ctx) => {
            n.subscriptions.forEach((s, i) => {
                const first = n.subscriptions.findIndex((o) => o.protocol === s.protocol && o.endpoint === s.endpoint);
                if (first !== i) ctx.addIssue({ code: "custom", path: ["subscriptions", i], message: `duplicates subscriptions[${first}] (${s.protocol} ${s.endpoint})` });
            });
        })
        .prefault({})
        .describe("Vault event notifications (SNS topic per vault, encrypted with the vault's key)."),
    vault: z
        .strictObject({ name: vaultNameSchema.describe("Primary vault name."), lock: vaultLockSchema.optional() })
        .describe("The primary vault, with its own customer-managed KMS key."),
    copyRegions: z.array(copyRegionSchema).default([]).describe("A copy vault (with its own key) in each region, for rules' `copyTo: [{ region }]`."),
    centralVault: centralVaultSchema.optional().describe("A vault in a dedicated backup account, for rules' `copyTo: [{ central: true }]`."),
    plans: z.array(planSchema).min(1).describe("Backup plans: rules, copies, and what they select."),
    audit: auditSchema.optional().describe("A Backup Audit Manager framework, its report plans and the report bucket."),
    restoreTesting: restoreTestingSchema.optional().describe("A restore testing plan over the primary vault's recovery points."),
});

export const backupSchema = backupShape.optional();

export type BackupConfig = z.output<typeof backupShape>;
export type VaultLockConfig = z.output<typeof vaultLockSchema>;
export type LifecycleConfig = z.output<typeof lifecycleSchema>;
export type CopyActionConfig = z.output<typeof copyActionSchema>;
export type RuleConfig = z.output<typeof ruleSchema>;
export type PlanConfig = z.output<typeof planSchema>;
export type SelectionConfig = z.output<typeof selectionSchema>;
export type CopyRegionConfig = z.output<typeof copyRegionSchema>;
export type CentralVaultConfig = z.output<typeof centralVaultSchema>;
export type SubscriptionConfig = z.output<typeof subscriptionSchema>;
export type AuditConfig = z.output<typeof auditSchema>;
export type AuditControlsConfig = z.output<typeof auditControlsSchema>;
export type RestoreTestingConfig = z.output<typeof restoreTestingSchema>;
export type RestoreSelectionConfig = z.output<typeof restoreSelectionSchema>;
export type RestoreResourceType = (typeof restoreResourceTypes)[number];
