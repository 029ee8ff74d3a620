// gatevault: parse the stack config once, build the components, export what operators need.

import { loadStackConfig } from "./components/config";
import { ProviderSet } from "./components/shared/providers";

const config = loadStackConfig();
const providers = new ProviderSet(config);

export const environment = config.environment;
export const region = config.region;
export const deployAccount = providers.target.accountId;
