// gatevault: parse the stack config once, build the stack (components/program.ts), export
// what operators need.

import { loadStackConfig } from "./components/config";
import { deployGatevault } from "./components/program";

const stack = deployGatevault(loadStackConfig()).outputs;

export const environment = stack.environment;
export const region = stack.region;
export const deployAccount = stack.deployAccount;
/** Per API, where to call it. */
export const apis = stack.apis;
/** API key values by API and client: secret, read with `pulumi stack output apiKeys --show-secrets`. */
export const apiKeys = stack.apiKeys;
/** Vault ARNs, plan ids, audit and restore-testing names of gatevault:backup (empty without it). */
export const backup = stack.backup;
/** Organizations policy id per backup policy name (empty when the stack attaches none). */
export const orgBackupPolicyIds = stack.orgBackupPolicyIds;
/** Vault ARNs (by `<region>/<name>`) and role ARNs gatevault deployed in member accounts, by account id. */
export const memberAccountBackups = stack.memberAccountBackups;
/** Per StackSet (one per OU with `stackSet`): its OU and the regions of its stack instances. */
export const memberStackSets = stack.memberStackSets;
/** The Lambda function name of each JWT authorizer. */
export const authorizerFunctions = stack.authorizerFunctions;
/** The large-upload bucket and function (empty when the stack has no gatevault:uploads). */
export const uploads = stack.uploads;
/** The Cognito user pool, app client and scopes (empty when the stack has no gatevault:cognito). */
export const cognito = stack.cognito;
/** VPC, load balancers, VPC links, execute-api endpoints and endpoint services (empty without gatevault:network). */
export const privateNetwork = stack.privateNetwork;
/** PRIVATE APIs: the invoke URL forms that work from inside a VPC (docs/private-networking.md). */
export const privateApis = stack.privateApis;
