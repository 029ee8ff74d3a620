// API Gateway's view of a route path: its resources, variables, and the three different
// spellings other APIs use for "this method of this path".

import type { HttpMethod } from "./methods";

export interface PathVariable {
    name: string;
    greedy: boolean;
}

export function pathSegments(path: string): string[] {
    return path === "/" ? [] : path.slice(1).split("/");
}

/** The variable a path part names (`{id}`, greedy `{proxy+}`), or undefined for a literal part. */
export function variableOf(segment: string): PathVariable | undefined {
    const match = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/.exec(segment);
    return match ? { name: match[1], greedy: match[2] === "+" } : undefined;
}

export function pathVariables(path: string): PathVariable[] {
    return pathSegments(path)
        .map(variableOf)
        .filter((v): v is PathVariable => v !== undefined);
}

/**
 * The API Gateway resources a set of paths needs: the root and every distinct prefix
 * (`/orders/{id}/items` needs `/orders`, `/orders/{id}` and itself). This is what the
 * 300-resources-per-API limit counts.
 */
export function resourcePaths(paths: Iterable<string>): Set<string> {
    const resources = new Set<string>(["/"]);
    for (const path of paths) {
        let prefix = "";
        for (const segment of pathSegments(path)) {
            prefix += `/${segment}`;
            resources.add(prefix);
        }
    }
    return resources;
}

/** Resources a path adds beyond those already present. */
export function newResources(path: string, present: ReadonlySet<string>): string[] {
    const added: string[] = [];
    let prefix = "";
    for (const segment of pathSegments(path)) {
        prefix += `/${segment}`;
        if (!present.has(prefix)) {
            added.push(prefix);
        }
    }
    return added;
}

/** OpenAPI operation key: lower-case method, or API Gateway's extension for ANY. */
export function operationKey(method: HttpMethod): string {
    return method === "ANY" ? "x-amazon-apigateway-any-method" : method.toLowerCase();
}

export const OPERATION_KEYS: Readonly<Record<string, HttpMethod>> = {
    get: "GET",
    post: "POST",
    put: "PUT",
    patch: "PATCH",
    delete: "DELETE",
    head: "HEAD",
    options: "OPTIONS",
    "x-amazon-apigateway-any-method": "ANY",
};

/**
 * Stage method settings (`aws.apigateway.MethodSettings.methodPath`): slashes as ~1, no leading slash.
 * The provider uses the method path as the key of the stage's `methodSettings` and as the prefix
 * of UpdateStage's patch paths, `/{method_path}/metrics/enabled` (hashicorp/terraform-provider-aws
 * internal/service/apigateway/method_settings.go); a patch path is "a JSON Pointer value" (AWS CLI
 * update-stage, https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html), in which
 * a `/` inside one key is written `~1`. AWS documents the same encoding for a method setting's
 * resource path: "Forward slashes (/) are encoded as ~1 ... the path value /resource/subresource
 * must be encoded as /~1resource~1subresource" (AWS::ApiGateway::Stage MethodSetting ResourcePath,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-stage-methodsetting.html).
 * The provider's own docs show another spelling, the leading slash trimmed (`path1/GET`); whether
 * AWS stores that under the same key was not verified here (no AWS account), so gatevault follows
 * the encoding AWS documents.
 */
export function methodSettingsPath(method: HttpMethod, path: string): string {
    return `${path.replace(/\//g, "~1")}/${method === "ANY" ? "*" : method}`;
}

/**
 * Usage-plan per-method throttles: `{resourcePath}/{method}`, so `/orders/{id}/GET` (and `//GET` for
 * the root). The provider's `throttle.path`: "Specify the path and method, for example `/test/GET`"
 * (@pulumi/aws types/input.d.ts, UsagePlanApiStageThrottle; from terraform-provider-aws's
 * api_gateway_usage_plan docs).
 */
export function usagePlanThrottlePath(method: HttpMethod, path: string): string {
    return `${path}/${method === "ANY" ? "*" : method}`;
}

/**
 * The part of an execute-api ARN after the API id that matches exactly this method and
 * path on any stage: variables become `*` (`/*\/GET/orders/*`). The ARN is
 * `arn:aws:execute-api:{regionId}:{accountId}:{apiId}/{stage}/{httpVerb}/[{resource}/[{child-resources}]]`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
 */
export function executeApiPattern(method: HttpMethod, path: string): string {
    const resource = pathSegments(path)
        .map((segment) => (variableOf(segment) ? "*" : segment))
        .join("/");
    return `/*/${method === "ANY" ? "*" : method}/${resource}`;
}
