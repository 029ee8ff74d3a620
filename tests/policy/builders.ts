// Compliant starting points for policy tests: each test copies one and breaks one thing.

export const APP_ORIGIN = "https://app.example.com";

const lambdaIntegration = {
    type: "aws_proxy",
    httpMethod: "POST",
    uri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:orders/invocations",
};

/** An OpenAPI 3 document as the API component writes it, compliant with every body rule. */
export function openApiDocument(): Record<string, any> {
    return {
        openapi: "3.0.1",
        info: { title: "orders", version: "1" },
        "x-amazon-apigateway-api-key-source": "HEADER",
        "x-amazon-apigateway-request-validators": {
            all: { validateRequestBody: true, validateRequestParameters: true },
            "params-only": { validateRequestBody: false, validateRequestParameters: true },
        },
        "x-amazon-apigateway-request-validator": "all",
        "x-amazon-apigateway-binary-media-types": ["image/png"],
        "x-amazon-apigateway-gateway-responses": {
            DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": `'${APP_ORIGIN}'` } },
        },
        components: {
            securitySchemes: {
                jwt: {
                    type: "apiKey",
                    name: "Authorization",
                    in: "header",
                    "x-amazon-apigateway-authtype": "custom",
                    "x-amazon-apigateway-authorizer": { type: "token", authorizerUri: lambdaIntegration.uri, authorizerResultTtlInSeconds: 300 },
                },
                api_key: { type: "apiKey", name: "x-api-key", in: "header" },
            },
            parameters: { limit: { name: "limit", in: "query", required: true, schema: { type: "integer" } } },
        },
        paths: {
            "/orders": {
                get: {
                    security: [{ jwt: [] }],
                    parameters: [{ $ref: "#/components/parameters/limit" }],
                    "x-amazon-apigateway-integration": lambdaIntegration,
                },
                post: {
                    security: [{ jwt: [] }],
                    requestBody: { content: { "application/json": { schema: { type: "object" } } } },
                    "x-amazon-apigateway-integration": lambdaIntegration,
                },
                options: {
                    "x-amazon-apigateway-integration": {
                        type: "mock",
                        requestTemplates: { "application/json": '{"statusCode": 200}' },
                        responses: {
                            default: {
                                statusCode: "200",
                                responseParameters: {
                                    "method.response.header.Access-Control-Allow-Origin": `'${APP_ORIGIN}'`,
                                    "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
                                },
                            },
                        },
                    },
                },
            },
        },
    };
}

export function restApiProps(doc: Record<string, any> = openApiDocument()): Record<string, any> {
    return { name: "orders", body: JSON.stringify(doc), endpointConfiguration: { types: "REGIONAL" }, binaryMediaTypes: ["image/png"] };
}

export function stageProps(): Record<string, any> {
    return {
        restApi: "a1b2c3d4e5",
        deployment: "dep123",
        stageName: "v1",
        xrayTracingEnabled: true,
        accessLogSettings: {
            destinationArn: "arn:aws:logs:eu-west-1:111111111111:log-group:/gatevault/orders/access",
            // `status` unquoted, as API Gateway's own examples write numbers.
            format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":$context.status}',
        },
    };
}

export function wildcardSettingsProps(): Record<string, any> {
    return {
        restApi: "a1b2c3d4e5",
        stageName: "v1",
        methodPath: "*/*",
        settings: { throttlingRateLimit: 100, throttlingBurstLimit: 200, loggingLevel: "ERROR", metricsEnabled: true },
    };
}

export const HOME = "eu-west-1";
export const vaultArn = (name: string, region = HOME, account = "111111111111") => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;

/** A plan with a daily snapshot rule kept 365 days and copied to another region. */
export function planProps(): Record<string, any> {
    return {
        name: "daily",
        rules: [
            {
                ruleName: "daily",
                targetVaultName: "primary",
                schedule: "cron(0 5 ? * * *)",
                startWindow: 60,
                completionWindow: 180,
                lifecycle: { coldStorageAfter: 30, deleteAfter: 365 },
                copyActions: [{ destinationVaultArn: vaultArn("copies", "eu-central-1"), lifecycle: { coldStorageAfter: 30, deleteAfter: 365 } }],
            },
        ],
    };
}

export function policyDocument(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
