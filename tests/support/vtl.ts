// Renders API Gateway mapping templates (VTL) in tests. The engine lives with the local
// emulator (tools/local/vtl), which serves the same templates over HTTP; tests may import
// tools, so this file only re-exports it under the name the tests have always used.

export { escapeJavaScript, evaluateJsonPath, MAX_FOREACH_ITERATIONS, renderVtl, renderVtlJson, UnsupportedJsonPath, urlDecode, urlEncode, vtlUtil } from "../../tools/local/vtl";
export type { VtlRequest } from "../../tools/local/vtl";
