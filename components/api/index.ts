// API endpoints: the ApiEndpoint component, the account-level logging settings, the
// program wiring, and the pure document builder behind them.

export { ApiEndpoint, planApiEndpoint } from "./api-endpoint";
export type { ApiEndpointArgs, CustomDomainOutputs } from "./api-endpoint";
export { ApiGatewayAccountSettings } from "./account-settings";
export type { ApiGatewayAccountSettingsArgs } from "./account-settings";
export { createApiEndpoints, validateApiEndpoints } from "./stack";
export type { ApiEndpoints, ApiEndpointsOptions } from "./stack";
export type { ApiTargets, FunctionTarget, IdTarget } from "./targets";
export { buildApiDocument } from "./openapi";
export type { ApiDocument, ApiDocumentInputs, MappingTemplate } from "./openapi";
export { deploymentTrigger } from "./deployment-trigger";
