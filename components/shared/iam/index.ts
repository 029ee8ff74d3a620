// A small IAM policy evaluator for the policy grammar gatevault generates: pure, no AWS calls.
// Tests build allow/deny matrices with it over generated documents; the policy pack may too.

export { evaluateAccess } from "./evaluate";
export type { AccessRequest, Decision, Evaluation, PrincipalRef } from "./evaluate";
export { conditionHolds } from "./conditions";
export type { RequestContext } from "./conditions";
export { readPolicy, UnsupportedPolicyError } from "./statements";
export type { IamPolicy, IamStatement } from "./statements";
