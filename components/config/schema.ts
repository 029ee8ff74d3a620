// The one schema for everything under the `gatevault:` config namespace. Each part of the
// program owns a file beside this one; this file only composes them.

import { z } from "zod";
import { apisSchema } from "./api";
import { jwtAuthorizersSchema } from "./authorizers";
import { cognitoSchema } from "./cognito";
import { accountIdSchema, regionSchema, tagsSchema } from "./primitives";
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
    /** Lambda authorizers verifying bearer JWTs of one issuer each. */
    jwtAuthorizers: jwtAuthorizersSchema,
    /** The large-upload bucket and its presigned-URL function. */
    uploads: uploadsSchema,
    /** A Cognito user pool (created or referenced), resource server scopes and app client. */
    cognito: cognitoSchema,
});

/** Config keys that must be encrypted in the stack file (`pulumi config set --secret`). */
export const secretOnlyKeys: readonly string[] = [];

/** The typed config: what the schema produces, plus the region from `aws:region`. */
export type GatevaultConfig = z.output<typeof stackConfigSchema> & {
    region: z.output<typeof regionSchema>;
};
