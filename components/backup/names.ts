// AWS Backup's naming rules, checked before AWS would reject a name at deploy time, and the
// names gatevault derives for resources whose AWS names allow only letters, digits and `_`.

/** Backup vault names: 2-50 letters, digits, hyphens and underscores (unique per account and region). */
export const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;

/** Backup plan, rule and selection names: 1-50 letters, digits, hyphens, underscores and periods. */
export const PLAN_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;

/** Audit frameworks, report plans, restore testing plans and selections: a letter, then letters, digits and `_`. */
export const UNDERSCORE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export const MAX_SELECTION_NAME = 50;

/** Backup selection names: letters, digits, `_`, `.` and `-` (the provider's `^[0-9A-Za-z_.-]+$`). */
export const SELECTION_NAME = /^[0-9A-Za-z_.-]+$/;
export const MAX_FRAMEWORK_NAME = 256;

/** `orders-prod` → `orders_prod`: for AWS Backup names that reject hyphens. */
export function underscoreName(name: string): string {
    return name.replace(/[^a-zA-Z0-9_]/g, "_");
}

/** The name of the selection that picks one tier of a plan: `<plan>-<tier>`, lower-cased. */
export function tierSelectionName(planName: string, tier: string): string {
    return `${planName}-${tier}`.toLowerCase();
}

/** The name of the selection that picks a plan's explicit resource ARNs. */
export function resourceSelectionName(planName: string): string {
    return `${planName}-resources`.toLowerCase();
}

/** Restore testing selection names are scoped to their plan: one per resource type. */
export function restoreSelectionName(resourceType: string): string {
    return resourceType.toLowerCase();
}
