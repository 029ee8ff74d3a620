// The HTTP methods a route names: seven HTTP verbs and ANY, API Gateway's catch-all method
// (x-amazon-apigateway-any-method in an OpenAPI document:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html).

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type HttpMethod = (typeof httpMethods)[number];
