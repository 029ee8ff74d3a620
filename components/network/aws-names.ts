// Names AWS derives from a region and partition: service endpoints and DNS suffixes. China
// regions differ in both.

import { partitionOf } from "../api/openapi/context";

export { partitionOf };

/** `amazonaws.com`, or `amazonaws.com.cn` in the China regions. */
export function dnsSuffix(region: string): string {
    return partitionOf(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** The interface endpoint service of API Gateway's execute-api in a region. */
export function executeApiServiceName(region: string): string {
    return `${partitionOf(region) === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws"}.${region}.execute-api`;
}
