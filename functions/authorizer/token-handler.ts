// Lambda entry point of the TOKEN authorizer. Settings are read and validated at cold start:
// a bad environment fails the init, so the function never answers Allow on a guess.

import { createTokenHandler } from "./handlers";
import { authorizerSettingsFromEnv } from "./settings";

export const handler = createTokenHandler(authorizerSettingsFromEnv(process.env));
