// Wiring the functions and user pool gatevault builds into the APIs that name them.

export { planStackWiring } from "./plan";
export type { StackWiring, StackWiringOptions } from "./plan";
export { createStackFunctions } from "./stack-functions";
export type { StackFunctions } from "./stack-functions";
export { jwtRoutesCover } from "./jwt-authorizers";
