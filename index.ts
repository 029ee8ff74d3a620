// gatevault: parse the stack config once, build the components, export what operators need.

import { createApiEndpoints } from "./components/api";
import { AccountBackup, assertBackupPlacement } from "./components/backup";
import { deployOrgBackupPolicies } from "./components/backup/org-policy";
import { loadStackConfig } from "./components/config";
import { ProviderSet } from "./components/shared/providers";

const config = loadStackConfig();
assertBackupPlacement(config.backup, config);
const providers = new ProviderSet(config);

// API endpoints: one REST API per entry of gatevault:apis.
const apiEndpoints = createApiEndpoints(config, { provider: providers.main });

// AWS Backup in this account (gatevault:backup): vault ARNs, plan ids, audit and restore testing names.
const accountBackup = config.backup
    ? new AccountBackup("backup", { config: config.backup, environment: config.environment, accountId: config.accountId, region: config.region, providers })
    : undefined;

// AWS Organizations backup policies (gatevault:orgBackupPolicies), through the management account.
const orgBackupPolicies = deployOrgBackupPolicies(config.orgBackupPolicies, providers);

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;
export const apis = apiEndpoints.outputs;
/** API key values by API and client: secret, read with `pulumi stack output apiKeys --show-secrets`. */
export const apiKeys = apiEndpoints.keys;
export const backup = accountBackup?.outputs ?? {};
/** Organizations policy id per backup policy name (empty when the stack attaches none). */
export const orgBackupPolicyIds = Object.fromEntries(orgBackupPolicies.map((p) => [p.policyName, p.policyId]));
