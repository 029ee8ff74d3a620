// gatevault: parse the stack config once, build the components, export what operators need.

import { AccountBackup, assertBackupPlacement } from "./components/backup";
import { loadStackConfig } from "./components/config";
import { ProviderSet } from "./components/shared/providers";

const config = loadStackConfig();
assertBackupPlacement(config.backup, config);
const providers = new ProviderSet(config);

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;

// AWS Backup in this account (gatevault:backup): vault ARNs, plan ids, audit and restore testing names.
const accountBackup = config.backup
    ? new AccountBackup("backup", { config: config.backup, environment: config.environment, accountId: config.accountId, region: config.region, providers })
    : undefined;
export const backup = accountBackup?.outputs ?? {};
