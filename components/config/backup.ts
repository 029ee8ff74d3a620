// Stack config for AWS Backup inside the stack's account (`gatevault:backup`): vaults, plans,
// tag tiers, copies, vault lock, audit and restore testing. Shape and per-object rules live
// here; rules that need presets or cross-references are pure functions in
// components/backup/validation, attached as refinements on the innermost object holding
// their fields.

import { z } from "zod";
import { PLAN_NAME, UNDERSCORE_NAME, VAULT_NAME, MAX_FRAMEWORK_NAME } from "../backup/names";
import { lockProblems } from "../backup/validation/lock-problems";
import { planProblems } from "../backup/validation/plan-problems";
import { referenceProblems } from "../backup/validation/reference-problems";
import { restoreTestingProblems } from "../backup/validation/restore-testing-problems";
import type { PathProblem } from "../backup/validation/problem";
import { accountIdSchema, refusedKey, regionSchema, roleArnSchema } from "./primitives";

function report(ctx: z.RefinementCtx, problems: PathProblem[]): void {
    for (const p of problems) {
        ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    }
}

const vaultNameSchema = z.string().regex(VAULT_NAME, "must be 2-50 letters, digits, hyphens or underscores (an AWS Backup vault name)");
const planNameSchema = z.string().regex(PLAN_NAME, "must be 1-50 letters, digits, hyphens, underscores or periods");
export const organizationIdSchema = z.string().regex(/^o-[a-z0-9]{10,32}$/, "must be an AWS Organizations id such as o-a1b2c3d4e5");
const vaultArnSchema = z
    .string()
    .regex(/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9\-_]{2,50}$/, "must be a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)");
const resourceArnSchema = z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:/, "must be a resource ARN (arn:aws:<service>:...)");
const tagMapSchema = z.record(z.string().min(1).max(128), z.string().max(256));

/** Whole days and minutes are checked by the shared rule functions, which name the limit. */
const lifecycleSchema = z.strictObject({
    /** Days after creation before a recovery point moves to cold storage. */
    moveToColdStorageAfterDays: z.number().optional(),
    /** Days after creation before a recovery point is deleted (>= cold + 90 when cold storage is used). */
    deleteAfterDays: z.number().optional(),
    /** Let resource types that support it use the archive tier for cold storage. */
    optInToArchiveForSupportedResources: z.boolean().optional(),
});

const vaultLockShape = z.strictObject({
    /** `governance` (default) can be removed by users with IAM permission; `compliance` cannot, once its grace period ends. */
    mode: z.enum(["governance", "compliance"]).default("governance"),
    minRetentionDays: z.number(),
    maxRetentionDays: z.number(),
    /** Compliance mode only: days before the lock becomes immutable (AWS minimum 3). */
    changeableForDays: z.number().optional(),
});
export const vaultLockSchema = vaultLockShape.superRefine((lock, ctx) => report(ctx, lockProblems(lock)));

const copyActionSchema = z
    .strictObject({
        /** Copy to this stack's copy vault in another region (listed under `copyRegions`). */
        region: regionSchema.optional(),
        /** Copy to the central vault in the backup account (`centralVault`). */
        central: z.literal(true).optional(),
        /** Copy to any other vault, by ARN (it must use a customer-managed KMS key). */
        vaultArn: vaultArnSchema.optional(),
        /** Lifecycle of the copy; defaults to the rule's lifecycle. */
        lifecycle: lifecycleSchema.optional(),
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
    name: planNameSchema,
    /** Start from a preset (daily 35 days, weekly 90 days, monthly 1 year, yearly 7 years); fields below override it. */
    preset: z.enum(["daily", "weekly", "monthly", "yearly"]).optional(),
    /** 6-field cron in UTC, e.g. `cron(0 5 ? * * *)`. */
    schedule: z.string().optional(),
    startWindowMinutes: z.number().optional(),
    completionWindowMinutes: z.number().optional(),
    /** Continuous backup (point-in-time restore): at most 35 days, no cold storage. */
    continuous: z.boolean().optional(),
    lifecycle: lifecycleSchema.optional(),
    recoveryPointTags: tagMapSchema.optional(),
    copyTo: z.array(copyActionSchema).default([]),
});

const selectionSchema = z.strictObject({
    /** Tag tiers this plan backs up: one selection per tier, each matching `<tierTag.key>=<tier>`. */
    tiers: z.array(z.string().min(1).max(256)).default([]),
    /** Explicit resource ARNs (one more selection). */
    resources: z.array(resourceArnSchema).default([]),
    /** Extra tags every selected resource must carry (conditions: all must match). */
    matchTags: tagMapSchema.default({}),
    /** Resources carrying any of these tag values are left out. */
    excludeTags: tagMapSchema.default({}),
    /** ARNs never backed up by this plan (`notResources`). */
    excludeResources: z.array(resourceArnSchema).default([]),
});

const planShape = z.strictObject({
    name: planNameSchema,
    rules: z.array(ruleSchema).min(1),
    selection: selectionSchema,
    /** Windows VSS application-consistent backups for EC2 instances. */
    windowsVss: z.boolean().default(false),
});
export const planSchema = planShape.superRefine((plan, ctx) => report(ctx, planProblems(plan)));

const copyRegionSchema = z.strictObject({
    region: regionSchema,
    /** Defaults to the primary vault's name (names are per region). */
    vaultName: vaultNameSchema.optional(),
    /** Defaults to the primary vault's lock. */
    lock: vaultLockSchema.optional(),
});

const centralVaultSchema = z
    .strictObject({
        /** Role in the backup account that the stack assumes to manage the central vault. */
        deployRoleArn: roleArnSchema,
        name: vaultNameSchema,
        /** Defaults to the stack's region. */
        region: regionSchema.optional(),
        /** The one role in the backup account allowed to delete recovery points, shorten their lifecycle or remove the lock. */
        breakGlassRoleArn: roleArnSchema,
        lock: vaultLockSchema.optional(),
        /**
         * Accounts whose backups are copied into the central vault (default: the stack's own), or
         * `organization` for every account of `organizationId`. Only they may copy in and use the
         * vault's key (through AWS Backup).
         */
        acceptCopiesFrom: z.union([z.literal("organization"), z.array(accountIdSchema).min(1)], {
            error: 'must be "organization" or a list of 12-digit account ids',
        }).optional(),
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
        protocol: z.enum(["email", "https", "sqs", "lambda"]),
        endpoint: z.string().min(1),
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
    /** BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK */
    planFrequencyAndRetention: z
        .strictObject({
            frequencyUnit: z.enum(["hours", "days"]).default("days"),
            frequencyValue: z.int().min(1).default(1),
            retentionDays: z.int().min(1).max(36_500).default(35),
        })
        .superRefine(countPerUnit("frequencyUnit", "frequencyValue", { hours: 24, days: 31 }))
        .optional(),
    /** BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK */
    recoveryPointMinimumRetention: control({ retentionDays: z.int().min(1).max(36_500).default(35) }),
    /** BACKUP_RECOVERY_POINT_ENCRYPTED */
    recoveryPointEncrypted: control({}),
    /**
     * BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN. Scope: `resourceTypes`, or one `tag`, or by
     * default the one tier the plans select (opted-out resources are then not reported).
     */
    resourcesProtectedByPlan: z
        .strictObject({
            resourceTypes: z.array(z.string().min(1)).min(1).optional(),
            tag: z.strictObject({ key: z.string().min(1).max(128), value: z.string().min(1).max(256) }).optional(),
        })
        .superRefine((c, ctx) => {
            // A control scope is resource types or one tag, not both (internal/service/backup/framework.go).
            if (c.resourceTypes && c.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "cannot be combined with resourceTypes: AWS scopes a control by resource types or by one tag" });
        })
        .optional(),
    /** RESTORE_TIME_FOR_RESOURCES_MEET_TARGET; on by default with restoreTesting (720 minutes). */
    restoreTime: control({ maxRestoreMinutes: z.int().min(1).optional() }),
    /** BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED; principals default to the break-glass role. */
    manualDeletionDisabled: control({ principalArns: z.array(roleArnSchema).min(1).max(5).optional() }),
    /** BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION; regions default to `copyRegions`. */
    crossRegion: control({ regions: z.array(regionSchema).min(1).max(3).optional() }),
    /** BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT; accounts default to the central vault's. */
    crossAccount: control({ accounts: z.array(accountIdSchema).min(1).max(5).optional() }),
    /** BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK; limits default to the primary vault's lock. */
    vaultLock: control({ minRetentionDays: z.int().min(1).max(36_500).optional(), maxRetentionDays: z.int().min(1).max(36_500).optional() }),
    /** BACKUP_LAST_RECOVERY_POINT_CREATED */
    lastRecoveryPoint: z
        .strictObject({ ageUnit: z.enum(["hours", "days"]).default("days"), ageValue: z.int().min(1).default(1) })
        .superRefine(countPerUnit("ageUnit", "ageValue", { hours: 744, days: 31 }))
        .optional(),
});

const reportTemplates = ["CONTROL_COMPLIANCE_REPORT", "RESOURCE_COMPLIANCE_REPORT", "BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT"] as const;

const auditSchema = z.strictObject({
    /** Letters, digits and underscores; defaults to `gatevault_<environment>`. */
    frameworkName: z.string().max(MAX_FRAMEWORK_NAME).regex(UNDERSCORE_NAME, "must start with a letter and hold only letters, digits and underscores").optional(),
    /**
     * AWS Config recording of the AWS Backup resource types the controls evaluate: `existing`
     * (a recorder in the account already records them, e.g. the landing zone's) or `managed`
     * (gatevault creates the account's recorder and delivers to the report bucket). Left out,
     * the plan warns: without recording, Audit Manager evaluates nothing.
     */
    resourceTracking: z.enum(["existing", "managed"]).optional(),
    controls: auditControlsSchema,
    reports: z
        .strictObject({
            templates: z.array(z.enum(reportTemplates)).min(1).default(["CONTROL_COMPLIANCE_REPORT"]),
            formats: z.array(z.enum(["CSV", "JSON"])).min(1).default(["CSV", "JSON"]),
            keyPrefix: z.string().regex(/^[a-zA-Z0-9!_.*'()\/-]{1,100}$/, "must be an S3 key prefix without a leading slash").default("backup-reports"),
        })
        .prefault({}),
});

export const restoreResourceTypes = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"] as const;

const restoreSelectionSchema = z.strictObject({
    resourceType: z.enum(restoreResourceTypes),
    /** Protected resource ARNs; `["*"]` (default) for every protected resource of the type. */
    resources: z.array(z.union([z.literal("*"), resourceArnSchema])).min(1).default(["*"]),
    /** Only with `resources: ["*"]`: protected resources must carry these tags. */
    matchTags: tagMapSchema.default({}),
    excludeTags: tagMapSchema.default({}),
    /**
     * Hours AWS Backup keeps the restored resource for your validation before deleting it: 1-168,
     * the provider's range (int64validator.Between(1, 168),
     * hashicorp/terraform-provider-aws internal/service/backup/restore_testing_selection.go).
     */
    validationWindowHours: z.int().min(1).max(168).default(1),
    /** Restore metadata to override, e.g. `{ instanceType: t3.micro }` or a subnet. */
    restoreMetadataOverrides: z.record(z.string().min(1), z.string()).optional(),
});

const restoreTestingShape = z.strictObject({
    /** 6-field cron in UTC. */
    schedule: z.string(),
    startWindowHours: z.int().min(1).max(168).default(24),
    /** How far back recovery points are picked from, in days. */
    selectionWindowDays: z.int().min(1).max(365).default(30),
    recoveryPointSelection: z.enum(["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"]).default("LATEST_WITHIN_WINDOW"),
    recoveryPointTypes: z.array(z.enum(["SNAPSHOT", "CONTINUOUS"])).min(1).default(["SNAPSHOT"]),
    /** Vaults to pick recovery points from; defaults to the primary vault. */
    includeVaultArns: z.array(vaultArnSchema).min(1).optional(),
    selections: z.array(restoreSelectionSchema).min(1),
});
export const restoreTestingSchema = restoreTestingShape.superRefine((rt, ctx) => report(ctx, restoreTestingProblems(rt)));

export const backupShape = z.strictObject({
    /** The one role allowed to delete recovery points, shorten their lifecycle or remove a prod vault's lock. */
    breakGlassRoleArn: roleArnSchema,
    /**
     * The role that runs `pulumi up` in the stack's account. The vault access policies let it (and
     * the break-glass role) change the vaults' policy and lock; in dev also delete the vaults.
     */
    deployRoleArn: roleArnSchema,
    /** Organization whose accounts may use the vault keys and copy into the central vault (`aws:PrincipalOrgID`). */
    organizationId: organizationIdSchema.optional(),
    /**
     * Turn on cross-account backup (aws.backup.GlobalSettings `isCrossAccountBackupEnabled`) in
     * the organization's management account, through a provider that assumes `managementRoleArn`
     * there, in `regions` (default: the regions this stack's cross-account copies start from).
     */
    crossAccountBackup: z
        .strictObject({
            managementRoleArn: roleArnSchema,
            regions: z.array(regionSchema).min(1).optional(),
        })
        .optional(),
    /** Replaced by crossAccountBackup: refused with the fix. */
    managementAccount: refusedKey(
        "was replaced by crossAccountBackup.managementRoleArn: cross-account backup is switched on in the organization's " +
            "management account, not in the stack's (set crossAccountBackup: { managementRoleArn: <a role in the management account> })",
    ),
    /** The tag that puts resources in a tier, and its allowed values; `optOut` is never backed up. */
    tierTag: z
        .strictObject({
            key: z.string().min(1).max(128).default("Backup"),
            values: z.array(z.string().min(1).max(256)).min(1).default(["Daily", "Weekly", "Monthly", "Yearly", "None"]),
            optOut: z.string().min(1).max(256).default("None"),
        })
        .prefault({}),
    notifications: z
        .strictObject({ subscriptions: z.array(subscriptionSchema).default([]) })
        .superRefine((n, ctx) => {
            n.subscriptions.forEach((s, i) => {
                const first = n.subscriptions.findIndex((o) => o.protocol === s.protocol && o.endpoint === s.endpoint);
                if (first !== i) ctx.addIssue({ code: "custom", path: ["subscriptions", i], message: `duplicates subscriptions[${first}] (${s.protocol} ${s.endpoint})` });
            });
        })
        .prefault({}),
    vault: z.strictObject({ name: vaultNameSchema, lock: vaultLockSchema.optional() }),
    copyRegions: z.array(copyRegionSchema).default([]),
    centralVault: centralVaultSchema.optional(),
    plans: z.array(planSchema).min(1),
    audit: auditSchema.optional(),
    restoreTesting: restoreTestingSchema.optional(),
});

export const backupSchema = backupShape.superRefine((backup, ctx) => report(ctx, referenceProblems(backup))).optional();

export type BackupConfig = z.output<typeof backupShape>;
export type VaultLockConfig = z.output<typeof vaultLockShape>;
export type LifecycleConfig = z.output<typeof lifecycleSchema>;
export type CopyActionConfig = z.output<typeof copyActionSchema>;
export type RuleConfig = z.output<typeof ruleSchema>;
export type PlanConfig = z.output<typeof planShape>;
export type SelectionConfig = z.output<typeof selectionSchema>;
export type CopyRegionConfig = z.output<typeof copyRegionSchema>;
export type CentralVaultConfig = z.output<typeof centralVaultSchema>;
export type SubscriptionConfig = z.output<typeof subscriptionSchema>;
export type AuditConfig = z.output<typeof auditSchema>;
export type AuditControlsConfig = z.output<typeof auditControlsSchema>;
export type RestoreTestingConfig = z.output<typeof restoreTestingShape>;
export type RestoreSelectionConfig = z.output<typeof restoreSelectionSchema>;
export type RestoreResourceType = (typeof restoreResourceTypes)[number];
