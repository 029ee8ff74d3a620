// HTTP methods and API Gateway resource paths as config spells them.

import { HttpMethod, httpMethods } from "@gatevault/aws-model/apigateway/methods";
import { variableOf } from "@gatevault/aws-model/apigateway/paths";
import { z } from "zod";

export const httpMethodSchema = z.enum(httpMethods);

const LITERAL_SEGMENT = /^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/;

/** Problems with a resource path, or an empty list when it is one API Gateway accepts. */
export function routePathProblems(value: string): string[] {
    if (value === "/") {
        return [];
    }
    if (!value.startsWith("/")) {
        return ["must start with / (for example /orders/{id})"];
    }
    if (value.endsWith("/")) {
        return ["must not end with / (API Gateway has no empty path parts)"];
    }
    const segments = value.slice(1).split("/");
    const problems: string[] = [];
    segments.forEach((segment, i) => {
        if (segment === "") {
            problems.push("must not contain // (API Gateway has no empty path parts)");
        } else if (segment.includes("{") || segment.includes("}")) {
            const variable = variableOf(segment);
            if (!variable) {
                problems.push(`path part "${segment}" must be a whole variable such as {id} or {proxy+}`);
            } else if (variable.greedy && i !== segments.length - 1) {
                problems.push(`greedy variable ${segment} must be the last path part`);
            }
        } else if (!LITERAL_SEGMENT.test(segment)) {
            problems.push(`path part "${segment}" has characters API Gateway does not allow in a path`);
        }
    });
    return problems;
}

export const routePathSchema = z.string().superRefine((value, ctx) => {
    for (const message of routePathProblems(value)) {
        ctx.addIssue({ code: "custom", message, input: value });
    }
});

/** "GET /orders/{id}": how config and messages name one method of one path. */
export function routeKey(method: string, path: string): string {
    return `${method} ${path}`;
}

export function parseRouteKey(key: string): { method: HttpMethod; path: string } | undefined {
    const match = /^([A-Z]+) (\/\S*)$/.exec(key);
    if (!match || !(httpMethods as readonly string[]).includes(match[1]) || routePathProblems(match[2]).length > 0) {
        return undefined;
    }
    return { method: match[1] as HttpMethod, path: match[2] };
}

export const routeKeySchema = z
    .string()
    .refine((key) => parseRouteKey(key) !== undefined, 'must be "<METHOD> <path>", for example "GET /orders/{id}"');
