// AWS Backup's naming rules for the names a stack file writes, checked before AWS would
// reject a name at deploy time. The names gatevault derives from them (selections, underscore
// names) are the backup layer's (components/backup/names.ts). The rules are the provider's
// (hashicorp/terraform-provider-aws internal/service/backup/), cited per constant.

/**
 * Backup vault names: 2-50 letters, digits, hyphens and underscores (unique per account and
 * region). vault.go `name`, and plan.go `target_vault_name`: StringLenBetween(2, 50), `^[0-9A-Za-z_-]+$`.
 */
export const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;

/**
 * Backup plan, rule and selection names: 1-50 letters, digits, hyphens, underscores and periods.
 * plan.go `rule_name`: StringLenBetween(1, 50), `^[0-9A-Za-z_.-]+$`.
 */
export const PLAN_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;

/**
 * Audit frameworks, report plans, restore testing plans and selections: a letter, then letters,
 * digits and `_`. For frameworks and report plans, validate.go `validFrameworkName` and
 * `validReportPlanName`: `^[A-Za-z]{1}[0-9A-Za-z_]{0,255}$`.
 */
export const UNDERSCORE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export const MAX_FRAMEWORK_NAME = 256;
