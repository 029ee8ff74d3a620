// The formats and limits AWS documents for backup policies and the names inside them.
// Shared by the stack-config schema and the policy builder (components/backup/org-policy).

export { ACCOUNT_ID } from "./primitives";
// The same names as in a stack's own backup plans.
export { PLAN_NAME as BACKUP_NAME, VAULT_NAME } from "./backup-names";

/** Organizations stores a backup policy of at most this many characters (we send it minified). */
export const MAX_POLICY_CHARACTERS = 10_000;

/**
 * The role AWS Backup assumes in each member account. `$account` stands for the account the
 * effective policy is applied to, so one policy can name a role that every account has.
 */
export const BACKUP_ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|\$account):role\/[\w+=,.@\/-]{1,512}$/;

/**
 * A copy action's target vault: `arn:<partition>:backup:<region>:<account or $account>:backup-vault:<name>`.
 * The vault-name part follows VAULT_NAME.
 */
export const VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d:(\d{12}|\$account):backup-vault:[a-zA-Z0-9\-_]{2,50}$/;

/** `*` or a resource ARN pattern such as `arn:aws:dynamodb:*:*:table/*`. */
export const RESOURCE_TYPE = /^(\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\s]*)$/;

export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** A selection accepts at most this many conditions. */
export const MAX_CONDITIONS_PER_SELECTION = 30;
