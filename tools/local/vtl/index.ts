// API Gateway's mapping-template engine (VTL over velocityjs), shared by the local emulator
// and the tests.

export { MAX_FOREACH_ITERATIONS, renderVtl, renderVtlJson } from "./render";
export type { VtlRequest } from "./render";
export { evaluateJsonPath, UnsupportedJsonPath } from "./jsonpath";
export { escapeJavaScript, urlDecode, urlEncode, vtlUtil } from "./util";
