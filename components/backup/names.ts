// The names gatevault derives for AWS Backup resources (selections, names that allow only
// letters, digits and `_`), and AWS's rules for them. The naming rules for names a stack file
// writes are the config layer's (components/config/backup-names.ts).

export const MAX_SELECTION_NAME = 50;

/** Backup selection names: letters, digits, `_`, `.` and `-` (the provider's `^[0-9A-Za-z_.-]+$`). */
export const SELECTION_NAME = /^[0-9A-Za-z_.-]+$/;

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
