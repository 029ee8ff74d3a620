// ARNs more than one part of the stack writes into policies.

/** The principal that stands for every identity of an account. */
export function accountRootArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:root`;
}
