// `gatevault:apiKeys`: API key values by client id, stored encrypted in the stack file.
// Clients without an entry get a value API Gateway generates.

import { z } from "zod";
import { clientIdSchema } from "./usage-plans";

const PRINTABLE_NO_SPACE = /^[\x21-\x7e]+$/;

/**
 * The value is never echoed in a message (the formatter appends "(got …)" unless the
 * message already says what was got).
 */
export const apiKeyValueSchema = z.custom<string>(
    (v) => typeof v === "string" && v.length >= 20 && v.length <= 128 && PRINTABLE_NO_SPACE.test(v),
    { message: "must be 20-128 printable ASCII characters without spaces (got a value that is not; it is secret, so not shown)" },
);

export const apiKeysSchema = z.record(clientIdSchema, apiKeyValueSchema).default({});

export type ApiKeysConfig = z.output<typeof apiKeysSchema>;
