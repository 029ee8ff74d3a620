// API Gateway's own responses (auth failures, validation errors, throttling, its 5XX):
// JSON bodies, the status codes clients rely on, and CORS headers so browsers can read them.

import type { CorsConfig } from "../../config/api";
import { gatewayResponseHeaders } from "./cors";

const MESSAGE = '{"message":$context.error.messageString}';

const RESPONSES: Record<string, { statusCode?: string; template: string }> = {
    DEFAULT_4XX: { template: MESSAGE },
    DEFAULT_5XX: { template: MESSAGE },
    // The validator's own explanation, so clients can fix the request.
    BAD_REQUEST_BODY: {
        statusCode: "400",
        template: '{"message":$context.error.messageString,"validationErrors":"$context.error.validationErrorString"}',
    },
    BAD_REQUEST_PARAMETERS: {
        statusCode: "400",
        template: '{"message":$context.error.messageString,"validationErrors":"$context.error.validationErrorString"}',
    },
    THROTTLED: { statusCode: "429", template: MESSAGE },
    QUOTA_EXCEEDED: { statusCode: "429", template: MESSAGE },
};

export function gatewayResponses(cors: CorsConfig | undefined): Record<string, unknown> {
    const headers = cors ? gatewayResponseHeaders(cors) : {};
    const parameters = Object.fromEntries(Object.entries(headers).map(([name, value]) => [`gatewayresponse.header.${name}`, value]));
    return Object.fromEntries(
        Object.entries(RESPONSES).map(([type, r]) => [
            type,
            {
                ...(r.statusCode ? { statusCode: r.statusCode } : {}),
                ...(Object.keys(parameters).length > 0 ? { responseParameters: parameters } : {}),
                responseTemplates: { "application/json": r.template },
            },
        ]),
    );
}
