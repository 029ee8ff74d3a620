// Lambda entry point of the REQUEST authorizer (see token-handler.ts).

import { createRequestHandler } from "./handlers";
import { authorizerSettingsFromEnv } from "./settings";

export const handler = createRequestHandler(authorizerSettingsFromEnv(process.env));
