// The principals an endpoint service admits. AWS accepts account roots, roles, users or "*"
// (the PrivateLink guide, "Manage permissions"); there is no organization principal and
// aws:PrincipalOrgID does not apply, so "the organization" means each of its active accounts.

import { accountRootArn } from "../shared/arns";

export interface OrganizationAccount {
    id: string;
    /** ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED. */
    state: string;
}

export function endpointServicePrincipals(opts: {
    partition: string;
    accountIds: readonly string[];
    organizationAccounts?: readonly OrganizationAccount[];
}): string[] {
    const active = (opts.organizationAccounts ?? []).filter((a) => a.state === "ACTIVE").map((a) => a.id);
    return [...new Set([...opts.accountIds, ...active])].sort().map((id) => accountRootArn(opts.partition, id));
}
