// Bring your own OpenAPI: a user's OpenAPI 3.0 document instead of (or under) routes.

import { z } from "zod";
import { projectPathSchema } from "./files";
import { integrationSchema } from "./integration";

export const openApiSourceSchema = z.strictObject({
    file: projectPathSchema.describe("OpenAPI 3.0 document (JSON or YAML), relative to the project directory."),
    defaultIntegration: integrationSchema
        .optional()
        .describe(
            "Integration for operations without a route entry or an `x-amazon-apigateway-integration` of their own. For HTTP and HTTP_PROXY, `uri` is the backend's base URL and each operation's path is appended to it.",
        ),
});

export type OpenApiSourceConfig = z.output<typeof openApiSourceSchema>;
