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
    /** Which environment the stack is; `prod` turns on retain-on-delete and stricter defaults. */
    environment: environmentSchema,
    /** The account this stack deploys into; the provider refuses to touch any other. */
    accountId: accountIdSchema,
    /** Tags every taggable resource receives (through the provider's default tags). */
    tags: tagsSchema,
    apis: apisSchema,
    /** API key values by client id (secret); clients without one get a generated key. */
    apiKeys: apiKeysSchema,
    /** AWS Backup in this account: vaults, plans, copies, vault lock, audit, restore testing. */
    backup: backupSchema,
    /** AWS Organizations backup policies and where they attach. */
    orgBackupPolicies: orgBackupPoliciesSchema,
    /** Lambda authorizers verifying bearer JWTs of one issuer each. */
    jwtAuthorizers: jwtAuthorizersSchema,
    /** The large-upload bucket and its presigned-URL function. */
    uploads: uploadsSchema,
    /** A Cognito user pool (created or referenced), resource server scopes and app client. */
    cognito: cognitoSchema,
    /** Private connectivity: VPC, internal NLBs, VPC links, execute-api endpoints, PrivateLink endpoint services. */
    network: networkSchema,
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
