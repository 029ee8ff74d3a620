// AWS Backup inside an account. `AccountBackup` builds everything from `gatevault:backup`;
// the other components can be used on their own (for example in member accounts).

export { AccountBackup } from "./account-backup";
export type { AccountBackupArgs } from "./account-backup";
export { BackupVault, VAULT_NOTIFICATION_EVENTS } from "./vault";
export type { BackupVaultArgs } from "./vault";
export { BackupPlan } from "./plan";
export type { BackupPlanArgs } from "./plan";
export { BackupServiceRole } from "./service-role";
export type { BackupServiceRoleArgs } from "./service-role";
export { BackupAudit } from "./audit";
export type { BackupAuditArgs } from "./audit";
export { RestoreTesting } from "./restore-testing";
export type { RestoreTestingArgs } from "./restore-testing";
export { RULE_PRESETS, effectiveRule } from "./presets";
export { placementProblems } from "./validation/placement-problems";
