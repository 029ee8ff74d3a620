// gatevault: parse the stack config once, build the components, export what operators need.

import { deployOrgBackupPolicies } from "./components/backup/org-policy";
import { loadStackConfig } from "./components/config";
import { ProviderSet } from "./components/shared/providers";

const config = loadStackConfig();
const providers = new ProviderSet(config);

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;

const orgBackupPolicies = deployOrgBackupPolicies(config.orgBackupPolicies, providers);
/** Organizations policy id per backup policy name; absent when the stack has none. */
export const orgBackupPolicyIds = orgBackupPolicies.length > 0 ? Object.fromEntries(orgBackupPolicies.map((p) => [p.policyName, p.policyId])) : undefined;
