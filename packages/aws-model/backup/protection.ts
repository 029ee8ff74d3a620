// What a production stack keeps from `pulumi destroy` (and from an accidental deletion in a
// change), for every backup-critical resource: `protect` makes Pulumi refuse to delete or
// replace it; `retainOnDelete` leaves it in AWS when Pulumi forgets it, where losing it loses
// data or evidence. One table for the components that set the options and for the policy
// pack's backup-critical-protection rule, which checks them (CrossGuard sees `protect` only).

export interface Guard {
    protect: boolean;
    retainOnDelete: boolean;
    /** Why, for the pack's messages and the docs. */
    why: string;
}

export const PROD_GUARDS = {
    vault: { protect: true, retainOnDelete: true, why: "it holds the recovery points" },
    vaultKey: { protect: true, retainOnDelete: true, why: "recovery points encrypted with a deleted key are lost" },
    vaultPolicy: { protect: true, retainOnDelete: true, why: "it is what denies deleting recovery points" },
    // The provider replaces a lock to change it (every field ForceNew, no update; create is
    // PutBackupVaultLockConfiguration, delete DeleteBackupVaultLockConfiguration:
    // hashicorp/terraform-provider-aws internal/service/backup/vault_lock_configuration.go):
    // retained, the replacement is an in-place Put; protect would refuse it. gatevault never deletes it.
    vaultLock: { protect: false, retainOnDelete: true, why: "removing it lets recovery points be deleted early" },
    backupPlan: { protect: true, retainOnDelete: false, why: "deleting it stops the backups (its recovery points keep their lifecycle)" },
    orgBackupPolicy: { protect: true, retainOnDelete: false, why: "deleting it removes the backup plans it creates in every account it reaches" },
    orgBackupPolicyAttachment: { protect: true, retainOnDelete: false, why: "detaching it removes the backup plans it creates below its target" },
    // The StackSet and its instances give every account of an OU its vaults and backup roles.
    // Their stacks retain vaults and keys (DeletionPolicy Retain) but not the roles.
    memberStackSet: { protect: true, retainOnDelete: false, why: "deleting it deletes the backup roles in every account of its OU" },
    memberStackSetInstance: { protect: true, retainOnDelete: false, why: "deleting it takes its region's stacks out of the StackSet in every account of its OU" },
    auditFramework: { protect: true, retainOnDelete: true, why: "its daily compliance results are audit evidence" },
    reportPlan: { protect: true, retainOnDelete: false, why: "deleting it stops the audit reports" },
    reportBucket: { protect: true, retainOnDelete: true, why: "it holds the audit reports" },
    reportBucketSettings: { protect: true, retainOnDelete: true, why: "they keep the report bucket private, encrypted, versioned and TLS-only" },
} as const satisfies Record<string, Guard>;

export type GuardedKind = keyof typeof PROD_GUARDS;

/** The resource options for a kind: its guard in production, nothing elsewhere. */
export function guardOptions(kind: GuardedKind, production: boolean): { protect?: boolean; retainOnDelete?: boolean } {
    if (!production) return {};
    const { protect, retainOnDelete } = PROD_GUARDS[kind];
    return { ...(protect ? { protect } : {}), ...(retainOnDelete ? { retainOnDelete } : {}) };
}
