// AWS Backup's naming rules for the names a stack file writes, checked before AWS would
// reject a name at deploy time. The names gatevault derives from them (selections, underscore
// names) are the backup layer's (components/backup/names.ts).

/** Backup vault names: 2-50 letters, digits, hyphens and underscores (unique per account and region). */
export const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;

/** Backup plan, rule and selection names: 1-50 letters, digits, hyphens, underscores and periods. */
export const PLAN_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;

/** Audit frameworks, report plans, restore testing plans and selections: a letter, then letters, digits and `_`. */
export const UNDERSCORE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export const MAX_FRAMEWORK_NAME = 256;
