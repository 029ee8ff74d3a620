// The one schema for everything under the `gatevault:` config namespace. Each part of the
// program owns a file beside this one; this file only composes them.

import { z } from "zod";
import { apiKeysSchema, apisSchema } from "./api";
import { backupSchema } from "./backup";
import { orgBackupPoliciesSchema } from "./org-backup-policies";
import { jwtAuthorizersSchema } from "./authorizers";
import { cognitoSchema } from "./cognito";
import { checkStackNetwork, networkSchema } from "./network";
import { accountIdSchema, regionSchema, tagsSchema } from "./primitives";
import { checkTagCount } from "./tags";
import { uploadsSchema } from "./uploads";

export const environmentSchema = z.enum(["dev", "staging", "prod"]);

export const stackConfigSchema = z.strictObject({
    environment: environmentSchema.describe("Which environment the stack is; `prod` turns on retain-on-delete, `protect` and the stricter defaults."),
    accountId: accountIdSchema.describe("The account this stack deploys into (12 digits, quoted in YAML); the providers refuse to touch any other."),
    tags: tagsSchema.describe(
        "Tags every taggable resource receives, through the providers' default tags, with `Environment` and `ManagedBy` added. Keys starting with `aws:` are refused; with the two added, at most 50 (AWS's limit per resource, which counts the provider's default tags).",
    ),
    apis: apisSchema.describe("API Gateway REST APIs, one OpenAPI document each. See [APIs](apis.md)."),
    apiKeys: apiKeysSchema.describe(
        "API key values by client id (20-128 printable characters), **secret**: set with `pulumi config set --path --secret 'gatevault:apiKeys.<client>' <value>`; plaintext is refused, and an id that is no API's client is an error. Clients without a value get a generated key.",
    ),
    backup: backupSchema.describe("AWS Backup in this account: vaults, plans, copies, vault lock, audit, restore testing. Leave it out to create no backup resources. See [Backup](backup.md)."),
    orgBackupPolicies: orgBackupPoliciesSchema.describe("AWS Organizations backup policies, where they attach, and the member accounts' vaults and roles. See [Organisation policies](organisation-policies.md)."),
    jwtAuthorizers: jwtAuthorizersSchema.describe("Lambda authorizers verifying bearer JWTs of one issuer each. See [Functions](functions.md#jwt-authorizer)."),
    uploads: uploadsSchema.describe("The large-upload bucket and its presigned-URL function. See [Functions](functions.md#large-uploads)."),
    cognito: cognitoSchema.describe("A Cognito user pool (created or referenced), resource server scopes and app client. See [Functions](functions.md#cognito)."),
    network: networkSchema.describe(
        "Private connectivity: VPC, internal NLBs, VPC links, execute-api endpoints, PrivateLink endpoint services and a Client VPN endpoint. See [Private networking](private-networking.md).",
    ),
})
    // Routes and PRIVATE APIs name links and endpoints from gatevault:network.
    .superRefine(checkStackNetwork)
    // The provider adds tags of its own to gatevault:tags on every resource.
    .superRefine(checkTagCount);

/** Config keys that must be encrypted in the stack file (`pulumi config set --secret`). */
export const secretOnlyKeys: readonly string[] = ["apiKeys"];

/** The typed config: what the schema produces, plus the region from `aws:region`. */
export type GatevaultConfig = z.output<typeof stackConfigSchema> & {
    region: z.output<typeof regionSchema>;
};
